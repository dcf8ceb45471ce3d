// The report as a page shows it. A full report lists every moved number of all three mechanisms; a
// contract takeover in a 400-tenant building moves 20,000 numbers, three times over. The page needs
// the chosen outcome with numbers as compact blocks, and of the alternatives only their verdict and
// counts — so that is all that is sent to the browser. Pure; takes a report already redacted for
// its viewer and drops, never adds.
import { collapseToRanges, type NumberRange } from '../numbers/index.ts'
import type { E164 } from '../numbers/index.ts'
import type { ContractImpact, Finding, ImpactReport, MechanismOutcome, MoveReason, PlanStep } from './types.ts'

/** Blocks listed one by one; the numbers of further blocks are only counted. */
export const maxRunsListed = 40
/** Companies whose moved numbers one page lists. */
export const movedGroupsPerPage = 25
/** Consent findings listed one by one; further companies are counted. */
export const maxConsentFindings = 10
/** Companies a step names; further ones are counted. */
export const maxStepTenants = 10

export interface NumberRuns {
  runs: NumberRange[]
  /** Numbers in blocks beyond those listed. */
  more: number
  total: number
}

export function numberRuns(numbers: readonly E164[], max = maxRunsListed): NumberRuns {
  const runs = collapseToRanges(numbers)
  return { runs: runs.slice(0, max), more: runs.slice(max).reduce((sum, r) => sum + r.count, 0), total: runs.reduce((sum, r) => sum + r.count, 0) }
}

export type PageFinding = Omit<Finding, 'numbers'> & { numbers: NumberRuns }
export type PageStep = Omit<PlanStep, 'numbers'> & { numbers: NumberRuns; tenantCount: number }

/** Moved numbers of one tenant (null: unallocated), per line and reason. */
export interface MovedGroup {
  tenantId: string | null
  count: number
  rows: { serviceId: string; reason: MoveReason; numbers: NumberRuns }[]
}

export interface PageOutcome {
  mechanism: MechanismOutcome['mechanism']
  verdict: MechanismOutcome['verdict']
  counts: MechanismOutcome['counts']
  findings: PageFinding[]
  plan: PageStep[]
  contracts: ContractImpact[]
  /** Consent findings beyond those listed, as counts. */
  moreConsent: { tenants: number; numbers: number }
  /** One page of the moved numbers' groups. */
  moved: { groups: MovedGroup[]; total: number; page: number; pageSize: number }
}

export interface PageReport {
  asOf: ImpactReport['asOf']
  request: {
    type: ImpactReport['request']['type']
    tenantId: string
    /** Port date or move-out date. */
    date: string
    /** Migrations: the requested mechanism and the new provider. */
    mechanism: string | null
    targetCarrier: string | null
    /** Move-outs: whether the tenant keeps (ports out) its numbers. */
    keepNumbers: boolean | null
  }
  tenants: ImpactReport['tenants']
  chosen: ImpactReport['chosen']
  verdict: ImpactReport['verdict']
  view: ImpactReport['view']
  hidden: ImpactReport['hidden']
  outcome: PageOutcome
  /** All three mechanisms side by side (migrations): verdict and counts. */
  alternatives: Pick<MechanismOutcome, 'mechanism' | 'verdict' | 'counts'>[]
  released: NumberRuns
}

/** Moved numbers per tenant (the requester first, unallocated last), then per line and reason. */
function groupMoved(outcome: MechanismOutcome, requester: string): MovedGroup[] {
  const groups = new Map<string | null, { tenantId: string | null; count: number; rows: Map<string, { serviceId: string; reason: MoveReason; numbers: E164[] }> }>()
  for (const m of outcome.moved) {
    let g = groups.get(m.tenantId)
    if (!g) groups.set(m.tenantId, (g = { tenantId: m.tenantId, count: 0, rows: new Map() }))
    g.count++
    const key = `${m.serviceId} ${m.reason}`
    let row = g.rows.get(key)
    if (!row) g.rows.set(key, (row = { serviceId: m.serviceId, reason: m.reason, numbers: [] }))
    row.numbers.push(m.e164)
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        Number(b.tenantId === requester) - Number(a.tenantId === requester) ||
        Number(a.tenantId === null) - Number(b.tenantId === null) ||
        b.count - a.count ||
        (a.tenantId ?? '').localeCompare(b.tenantId ?? ''),
    )
    .map((g) => ({ tenantId: g.tenantId, count: g.count, rows: [...g.rows.values()].map((r) => ({ serviceId: r.serviceId, reason: r.reason, numbers: numberRuns(r.numbers) })) }))
}

function requestSummary(r: ImpactReport['request']): PageReport['request'] {
  return r.type === 'migration'
    ? { type: r.type, tenantId: r.tenantId, date: r.portDate, mechanism: r.mechanism, targetCarrier: r.targetCarrier, keepNumbers: null }
    : { type: r.type, tenantId: r.tenantId, date: r.moveOutDate, mechanism: null, targetCarrier: null, keepNumbers: r.keepNumbers }
}

/**
 * The page's report: the chosen outcome with numbers as blocks, consent findings and step subjects
 * capped, one page of the moved groups, the alternatives as verdicts and counts, and only the tenants
 * the page then mentions.
 */
export function pageReport(report: ImpactReport, opts: { movedPage?: number } = {}): PageReport {
  const o = report.outcome
  const consent = o.findings.filter((f) => f.code === 'DRAGS_OTHER_TENANT')
  const restConsent = new Set(consent.slice(maxConsentFindings))
  const findings = o.findings.filter((f) => !restConsent.has(f))
  const groups = groupMoved(o, report.request.tenantId)
  const pages = Math.max(1, Math.ceil(groups.length / movedGroupsPerPage))
  const page = Math.min(Math.max(1, Math.trunc(opts.movedPage ?? 1) || 1), pages)
  const shownGroups = groups.slice((page - 1) * movedGroupsPerPage, page * movedGroupsPerPage)
  const plan = o.plan.map((s) => ({ ...s, tenants: s.tenants.slice(0, maxStepTenants), tenantCount: s.tenants.length, numbers: numberRuns(s.numbers) }))
  const mentioned = new Set<string>([report.request.tenantId])
  for (const f of findings) for (const t of f.tenants) mentioned.add(t)
  for (const s of plan) for (const t of s.tenants) mentioned.add(t)
  for (const g of shownGroups) if (g.tenantId) mentioned.add(g.tenantId)
  for (const c of o.contracts) if (c.holderTenantId) mentioned.add(c.holderTenantId)
  return {
    asOf: report.asOf,
    request: requestSummary(report.request),
    tenants: report.tenants.filter((t) => mentioned.has(t.id)),
    chosen: report.chosen,
    verdict: report.verdict,
    view: report.view,
    hidden: report.hidden,
    outcome: {
      mechanism: o.mechanism,
      verdict: o.verdict,
      counts: o.counts,
      findings: findings.map((f) => ({ ...f, numbers: numberRuns(f.numbers) })),
      plan,
      contracts: o.contracts,
      moreConsent: { tenants: restConsent.size, numbers: [...restConsent].reduce((sum, f) => sum + (f.data.count ?? 0), 0) },
      moved: { groups: shownGroups, total: groups.length, page, pageSize: movedGroupsPerPage },
    },
    alternatives: report.alternatives.map((a) => ({ mechanism: a.mechanism, verdict: a.verdict, counts: a.counts })),
    released: numberRuns(report.released),
  }
}
