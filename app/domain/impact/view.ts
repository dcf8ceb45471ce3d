// Views of a report for viewers who may not see everything: a tenant sees its own numbers and
// services in full and other tenants as counts; a sales user sees the prospect's own data and every
// other tenant anonymised. The redaction happens here, once, for the page, the API and the PDFs.
import type { E164 } from '../numbers/index.ts'
import type { Finding, ImpactReport, Inventory, MechanismOutcome, PlanStep, ReportTenant } from './types.ts'

export interface Viewer {
  view: 'tenant' | 'sales'
  /** The viewer's own tenant (tenant user) or the named prospect (sales). */
  selfTenantId: string
}

/**
 * The anonymous ids (`other-1`, `other-2`, …) that replace every tenant of the report except the
 * viewer's own, ordered by how much of theirs moves, then by id. Shared with the blast-radius picture.
 */
export function tenantAliases(report: ImpactReport, selfTenantId: string): Map<string, string> {
  const weight = new Map<string, number>()
  for (const d of report.outcome.dragged) weight.set(d.tenantId, d.numbers + d.services)
  const others = report.tenants.filter((t) => t.id !== selfTenantId).sort((a, b) => (weight.get(b.id) ?? 0) - (weight.get(a.id) ?? 0) || a.id.localeCompare(b.id))
  return new Map(others.map((t, i) => [t.id, `other-${i + 1}`]))
}

export function redactReport(report: ImpactReport, inventory: Inventory, viewer: Viewer): ImpactReport {
  const self = viewer.selfTenantId
  const inInventory = new Set<E164>()
  const ownNumbers = new Set<E164>()
  for (const n of inventory.numbers) {
    inInventory.add(n.e164)
    if (n.tenantId === self) ownNumbers.add(n.e164)
  }
  // A number the viewer typed that the building does not know is nobody's; it may be shown back.
  const visibleNumber = (e164: E164) => ownNumbers.has(e164) || !inInventory.has(e164)
  const hiddenServices = new Set(inventory.services.filter((s) => s.dedicatedTenantId !== null && s.dedicatedTenantId !== self).map((s) => s.id))

  const alias = tenantAliases(report, self)
  const others = report.tenants.filter((t) => alias.has(t.id)).sort((a, b) => alias.get(a.id)!.localeCompare(alias.get(b.id)!, 'en', { numeric: true }))
  const tenantId = (id: string) => alias.get(id) ?? id
  const tenantIdOrNull = (id: string | null) => (id === null ? null : tenantId(id))
  const tenants: ReportTenant[] = [
    ...report.tenants.filter((t) => t.id === self).map((t) => ({ ...t, self: true })),
    ...others.map((t, i) => ({ id: `other-${i + 1}`, name: `Tenant ${i + 1}`, anonymous: true, self: false, index: i + 1 })),
  ]

  const numbers = (list: E164[]) => list.filter(visibleNumber)
  const redactSubjects = <T extends Pick<Finding, 'numbers' | 'tenants' | 'services' | 'data'>>(f: T): T => ({
    ...f,
    numbers: numbers(f.numbers),
    tenants: f.tenants.map(tenantId),
    services: f.services.filter((s) => !hiddenServices.has(s)),
    data: {
      ...f.data,
      ...(f.data.mainNumber !== undefined && !visibleNumber(f.data.mainNumber) ? { mainNumber: undefined } : {}),
      ...(f.data.suggestedMainNumber && !visibleNumber(f.data.suggestedMainNumber) ? { suggestedMainNumber: undefined } : {}),
    },
  })
  const redactOutcome = (o: MechanismOutcome): MechanismOutcome => {
    const moved = o.moved.filter((m) => visibleNumber(m.e164))
    return {
      ...o,
      findings: o.findings.map((f) => redactSubjects<Finding>(f)),
      moved: moved.map((m) => ({ ...m, tenantId: tenantIdOrNull(m.tenantId) })),
      services: o.services
        .filter((s) => !hiddenServices.has(s.serviceId))
        .map((s) => ({ ...s, mainNumber: s.mainNumber !== null && visibleNumber(s.mainNumber) ? s.mainNumber : null, dedicatedTenantId: tenantIdOrNull(s.dedicatedTenantId) })),
      contracts: o.contracts.map((c) => ({ ...c, holderTenantId: tenantIdOrNull(c.holderTenantId) })),
      dragged: o.dragged.map((d) => ({ ...d, tenantId: tenantId(d.tenantId) })),
      plan: o.plan.map((step) => redactSubjects<PlanStep>(step)),
    }
  }
  const outcome = redactOutcome(report.outcome)
  const hiddenNumbers = report.outcome.moved.length - outcome.moved.length
  const hiddenServiceCount = report.outcome.services.filter((s) => hiddenServices.has(s.serviceId)).length
  // The requester is another company when the viewer is a tenant asked for consent: anonymise it too.
  const ownRequest = report.request.tenantId === self
  const request: ImpactReport['request'] =
    report.request.type === 'migration'
      ? {
          ...report.request,
          tenantId: tenantId(report.request.tenantId),
          numbers: numbers(report.request.numbers),
          dataServiceIds: report.request.dataServiceIds.filter((s) => !hiddenServices.has(s)),
          signatoryContactId: ownRequest ? report.request.signatoryContactId : null,
        }
      : { ...report.request, tenantId: tenantId(report.request.tenantId) }
  return {
    ...report,
    request,
    tenants,
    outcome,
    // Summaries hold verdicts, counts and finding tallies only: nothing to redact.
    alternatives: report.alternatives,
    released: numbers(report.released),
    view: viewer.view,
    hidden: { numbers: hiddenNumbers, services: hiddenServiceCount },
  }
}
