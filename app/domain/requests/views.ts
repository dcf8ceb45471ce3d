// Shapes of what people see of a request (status page, timeline, consent), and the difference
// between the impact at submission and the impact today. Pure.
import type { ImpactReport } from '../impact/types.ts'
import type { RequestState } from './lifecycle.ts'

export type RequestViewer = 'facility_manager' | 'requester' | 'consenter'

export interface TimelineEntry<D = Date> {
  action: string
  fromState: RequestState | null
  toState: RequestState | null
  reason: string | null
  at: D
  /** Who took the step, as the viewer may know it. */
  by: 'you' | 'facility_manager' | 'requester' | 'affected_company' | 'system' | 'someone'
}

export interface ConsentView<D = Date> {
  tenantId: string
  /** The company's name for the facility manager; for tenants only their own task is listed. */
  tenantName: string
  state: 'pending' | 'given' | 'refused'
  onBehalf: boolean
  answeredAt: D | null
}

/** What approval found changed since the snapshot; it must be confirmed before approving. */
export interface ImpactDifference {
  added: string[]
  removed: string[]
  verdict: { before: ImpactReport['verdict']; after: ImpactReport['verdict'] }
  tenantsAdded: string[]
  tenantsRemoved: string[]
}

/** null when the two reports move the same numbers, drag the same tenants and reach the same verdict. */
export function differenceOf(before: ImpactReport, after: ImpactReport): ImpactDifference | null {
  const movedBefore = new Set(before.outcome.moved.map((m) => m.e164))
  const movedAfter = new Set(after.outcome.moved.map((m) => m.e164))
  const draggedBefore = new Set(before.outcome.dragged.map((d) => d.tenantId))
  const draggedAfter = new Set(after.outcome.dragged.map((d) => d.tenantId))
  const difference = {
    added: [...movedAfter].filter((n) => !movedBefore.has(n)).sort(),
    removed: [...movedBefore].filter((n) => !movedAfter.has(n)).sort(),
    verdict: { before: before.verdict, after: after.verdict },
    tenantsAdded: [...draggedAfter].filter((t) => !draggedBefore.has(t)).sort(),
    tenantsRemoved: [...draggedBefore].filter((t) => !draggedAfter.has(t)).sort(),
  }
  const same = difference.added.length + difference.removed.length + difference.tenantsAdded.length + difference.tenantsRemoved.length === 0 && before.verdict === after.verdict
  return same ? null : difference
}
