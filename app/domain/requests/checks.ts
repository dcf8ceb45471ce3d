// Checks on a migration request before it is saved or submitted that the impact engine does not
// report as findings, because they are about the request form rather than the building: dates in the
// past, an installation before the port date nobody acknowledged, a signatory of another company.
import type { FileProblem } from '../impact/building-file.ts'
import type { ImpactRequest, Inventory } from '../impact/types.ts'

export interface PlanCheckOptions {
  /** The requester confirmed that the new line is installed before the numbers port (paying both for a while). */
  acknowledgeInstallBeforePort?: boolean
}

/** Problems with JSON paths of the request file; empty when the plan may be saved. */
export function checkRequestPlan(request: ImpactRequest, inventory: Inventory, today: string, options: PlanCheckOptions = {}): FileProblem[] {
  if (request.type !== 'migration') return []
  const problems: FileProblem[] = []
  if (request.portDate < today) problems.push({ path: '$.portDate', message: `The port date ${request.portDate} is in the past` })
  if (request.installDate < today) problems.push({ path: '$.installDate', message: `The installation date ${request.installDate} is in the past` })
  if (request.cutoverDate !== null && request.cutoverDate < today) problems.push({ path: '$.cutoverDate', message: `The cut-over date ${request.cutoverDate} is in the past` })
  if (request.installDate < request.portDate && !options.acknowledgeInstallBeforePort) {
    problems.push({ path: '$.installDate', message: 'The installation is before the port date: confirm that both lines run (and are paid) in between' })
  }
  if (request.signatoryContactId !== null) {
    const contact = inventory.contacts.find((c) => c.id === request.signatoryContactId)
    if (!contact || contact.tenantId !== request.tenantId) problems.push({ path: '$.signatory', message: 'The signatory must be a contact of the requesting company' })
  }
  return problems
}
