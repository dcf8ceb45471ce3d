// What the impact screens show next to the report: the request form's choices and defaults for one
// tenant, and labels for the services and contracts a report refers to. Pure functions over an
// inventory; the service decides which tenant's choices a viewer may have.
import { isWorkingDay } from '../calendar/index.ts'
import { plusDays, type IsoDate } from '../dates.ts'
import { isDataKind, type ContactRole, type NumberStatus, type NumberUse, type ServiceKind } from '../enums.ts'
import { expandRange, parseNumberRange, type E164, type RangeError } from '../numbers/index.ts'
import type { BlastRadius } from './blast-radius.ts'
import type { PageReport } from './page-report.ts'
import type { Inventory } from './types.ts'

/** A requested date defaults to the tenth working day after today: carriers want about two weeks. */
export const defaultLeadWorkingDays = 10

/** The `count`-th working day after `date` (a working day itself). */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  let day = date
  for (let found = 0; found < count; ) {
    day = plusDays(day, 1)
    if (isWorkingDay(day)) found++
  }
  return day
}

export interface NumberChoice {
  e164: E164
  serviceId: string
  use: NumberUse
  status: NumberStatus
}

export interface ServiceLabel {
  id: string
  kind: ServiceKind
  carrierRef: string
}

export interface ContactChoice {
  id: string
  name: string
  roles: ContactRole[]
  authorized: boolean
}

/** What the request form offers for one tenant: its live numbers, its data lines, its contacts. */
export interface RequestChoices {
  numbers: NumberChoice[]
  /** Services carrying the tenant's numbers, for grouping the checkboxes. */
  voiceServices: ServiceLabel[]
  dataServices: ServiceLabel[]
  /** Authorised signatories first, then by name. */
  contacts: ContactChoice[]
}

export function requestChoices(inventory: Inventory, tenantId: string): RequestChoices {
  const numbers = inventory.numbers
    .filter((n) => n.tenantId === tenantId && (n.status === 'active' || n.status === 'porting_out'))
    .map((n) => ({ e164: n.e164, serviceId: n.serviceId, use: n.use, status: n.status }))
    .sort((a, b) => a.e164.localeCompare(b.e164))
  const carrying = new Set(numbers.map((n) => n.serviceId))
  const label = (s: Inventory['services'][number]): ServiceLabel => ({ id: s.id, kind: s.kind, carrierRef: s.carrierRef })
  const contacts = inventory.contacts
    .filter((c) => c.tenantId === tenantId)
    .map((c) => ({ id: c.id, name: c.name, roles: c.roles, authorized: c.roles.includes('authorized_signatory') }))
    .sort((a, b) => Number(b.authorized) - Number(a.authorized) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  return {
    numbers,
    voiceServices: inventory.services.filter((s) => carrying.has(s.id)).map(label),
    dataServices: inventory.services.filter((s) => s.dedicatedTenantId === tenantId && isDataKind(s.kind)).map(label),
    contacts,
  }
}

/** Names for the services and contracts a report mentions, limited to what the viewer may see. */
export interface ReportLabels {
  services: Record<string, ServiceLabel>
  contracts: Record<string, { carrier: string; contractNumber: string }>
}

export function reportLabels(inventory: Inventory, hiddenServiceIds: ReadonlySet<string> = new Set()): ReportLabels {
  return {
    services: Object.fromEntries(
      inventory.services.filter((s) => !hiddenServiceIds.has(s.id)).map((s) => [s.id, { id: s.id, kind: s.kind, carrierRef: s.carrierRef }]),
    ),
    contracts: Object.fromEntries(inventory.contracts.map((c) => [c.id, { carrier: c.carrier, contractNumber: c.contractNumber }])),
  }
}

export interface NumberTextProblem {
  text: string
  error: RangeError
}

/**
 * Numbers typed into one field, in any notation: one number or block per line or separated by ";".
 * A line that is no block as a whole may be a list of single numbers separated by commas.
 */
export function parseNumberText(text: string): { numbers: E164[]; problems: NumberTextProblem[] } {
  const numbers: E164[] = []
  const problems: NumberTextProblem[] = []
  for (const piece of text.split(/[\n;]+/).map((p) => p.trim()).filter((p) => p !== '')) {
    const whole = parseNumberRange(piece)
    if (whole.ok) {
      numbers.push(...expandRange(whole.value))
      continue
    }
    const parts = piece.includes(',') ? piece.split(',').map((p) => p.trim()).filter((p) => p !== '') : []
    const singles = parts.map((p) => ({ p, parsed: parseNumberRange(p) }))
    if (parts.length > 1 && singles.every((s) => s.parsed.ok)) {
      for (const s of singles) if (s.parsed.ok) numbers.push(...expandRange(s.parsed.value))
      continue
    }
    problems.push({ text: piece, error: whole.error })
  }
  return { numbers, problems }
}

/** A tenant in the facility manager's tenant select. */
export interface TenantOption {
  id: string
  legalName: string
  movedOut: boolean
}

/** What a computed request shows: the report and picture as the viewer may see them, and names for both. */
export interface ImpactOutcome {
  report: PageReport
  picture: BlastRadius
  labels: ReportLabels
}

/** The migration form as shown; see the impact-form service for defaults and checks. */
export interface MigrationFormValues {
  tenant: string
  /** The tenant the number and contact choices were shown for; another tenant starts afresh. */
  shownTenant: string
  /** Ticked numbers (E.164). */
  n: string[]
  /** "All numbers of the tenant". */
  all: boolean
  /** Lines (service ids) of which all the tenant's numbers are requested. */
  lines: string[]
  /** Numbers and blocks typed in any notation. */
  numbers: string
  data: string[]
  mechanism: string
  portDate: string
  installDate: string
  cutoverDate: string
  signatory: string
  carrier: string
}

export interface MoveOutFormValues {
  tenant: string
  date: string
  /** `keep`: the tenant ports its numbers out; `release`: they return to the building. */
  keep: string
}
