// The impact engine: (inventory, request, as-of date) → report. Pure and deterministic; the rules
// are those of docs/impact-rules.md (the project's copy of the specification).
import { isWorkingDay, nonWorkingReason, workingDaysBetween } from '../calendar/index.ts'
import { terminationTerms } from '../contracts/index.ts'
import { compareDates, type IsoDate } from '../dates.ts'
import { isCriticalUse, isDataKind, isWlrKind, type CriticalUse } from '../enums.ts'
import type { E164 } from '../numbers/index.ts'
import { buildPlan } from './plan.ts'
import {
  findingCodes,
  mechanisms,
  severities,
  type ContractImpact,
  type DateField,
  type DraggedTenant,
  type Finding,
  type ImpactReport,
  type ImpactRequest,
  type Inventory,
  type InventoryContract,
  type InventoryNumber,
  type InventoryService,
  type Mechanism,
  type MechanismOutcome,
  type MigrationRequest,
  type MoveOutRequest,
  type MovedNumber,
  type MoveReason,
  type OutcomeCounts,
  type OutcomeSummary,
  type ReportTenant,
  type ServiceImpact,
  type Verdict,
} from './types.ts'

/** Numbers that are still on a line: they move when their line or block moves. */
export function isLive(n: Pick<InventoryNumber, 'status'>): boolean {
  return n.status === 'active' || n.status === 'porting_out'
}

/** Lookup tables over one inventory, built once per computation. */
export interface InventoryIndex {
  inventory: Inventory
  numberByE164: Map<E164, InventoryNumber>
  liveNumbersByService: Map<string, InventoryNumber[]>
  serviceById: Map<string, InventoryService>
  servicesByContract: Map<string, InventoryService[]>
  contractById: Map<string, InventoryContract>
  tenantById: Map<string, Inventory['tenants'][number]>
  contactById: Map<string, Inventory['contacts'][number]>
}

export function indexInventory(inventory: Inventory): InventoryIndex {
  const numberByE164 = new Map<E164, InventoryNumber>()
  const liveNumbersByService = new Map<string, InventoryNumber[]>()
  for (const s of inventory.services) liveNumbersByService.set(s.id, [])
  for (const n of inventory.numbers) {
    numberByE164.set(n.e164, n)
    if (isLive(n)) liveNumbersByService.get(n.serviceId)?.push(n)
  }
  const servicesByContract = new Map<string, InventoryService[]>()
  for (const c of inventory.contracts) servicesByContract.set(c.id, [])
  for (const s of inventory.services) servicesByContract.get(s.contractId)?.push(s)
  return {
    inventory,
    numberByE164,
    liveNumbersByService,
    serviceById: new Map(inventory.services.map((s) => [s.id, s])),
    servicesByContract,
    contractById: new Map(inventory.contracts.map((c) => [c.id, c])),
    tenantById: new Map(inventory.tenants.map((t) => [t.id, t])),
    contactById: new Map(inventory.contacts.map((c) => [c.id, c])),
  }
}

/** The requested numbers' last digit dropped: numbers sharing it form one aligned block of ten. */
function blockKey(e164: E164): string {
  return e164.slice(0, -1)
}

interface MoveSet {
  mechanism: Mechanism | 'release'
  moved: Map<E164, MoveReason>
  /** Services that leave whatever their numbers do (taken data services, whole contracts). */
  forcedLeaving: Set<string>
}

/** What moves under one mechanism, with the reason each number moves. */
function moveSet(index: InventoryIndex, mechanism: Mechanism, requested: InventoryNumber[], dataServiceIds: string[]): MoveSet {
  const moved = new Map<E164, MoveReason>()
  const forcedLeaving = new Set(dataServiceIds)
  for (const n of requested) moved.set(n.e164, 'requested')
  const requestedServices = new Set(requested.map((n) => n.serviceId))

  if (mechanism === 'port') {
    const blocks = new Set(requested.filter((n) => isWlrKind(index.serviceById.get(n.serviceId)!.kind)).map((n) => `${n.serviceId} ${blockKey(n.e164)}`))
    for (const serviceId of requestedServices) {
      for (const n of index.liveNumbersByService.get(serviceId) ?? []) {
        if (!moved.has(n.e164) && blocks.has(`${serviceId} ${blockKey(n.e164)}`)) moved.set(n.e164, 'same_block')
      }
    }
  } else if (mechanism === 'line_migration') {
    for (const serviceId of requestedServices) {
      for (const n of index.liveNumbersByService.get(serviceId) ?? []) if (!moved.has(n.e164)) moved.set(n.e164, 'same_service')
    }
  } else {
    const contractIds = new Set<string>()
    for (const id of [...requestedServices, ...dataServiceIds]) {
      const service = index.serviceById.get(id)
      if (service) contractIds.add(service.contractId)
    }
    for (const contractId of contractIds) {
      for (const service of index.servicesByContract.get(contractId) ?? []) {
        forcedLeaving.add(service.id)
        const reason: MoveReason = requestedServices.has(service.id) ? 'same_service' : 'same_contract'
        for (const n of index.liveNumbersByService.get(service.id) ?? []) if (!moved.has(n.e164)) moved.set(n.e164, reason)
      }
    }
  }
  return { mechanism, moved, forcedLeaving }
}

/** Dates of the request that the outcome's findings and plan refer to. */
interface RequestDates {
  /** Port date or move-out date: the day numbers leave and contracts would end. */
  endDate: IsoDate
  /** Dates that must be working days, with the field they come from. */
  checkedDates: { field: DateField; date: IsoDate }[]
  installDate: IsoDate | null
  cutoverDate: IsoDate | null
}

interface Context {
  index: InventoryIndex
  asOf: IsoDate
  requesterId: string
  dates: RequestDates
  /** Findings about the request itself; the same for every mechanism. */
  requestFindings: Finding[]
  requestedCount: number
  /** Voice numbers of the requester in the request, for the data/voice rule (migration only). */
  checkDataVoice: boolean
  targetCarrier: string | null
}

function finding(code: Finding['code'], severity: Finding['severity'], subjects: Partial<Pick<Finding, 'numbers' | 'tenants' | 'services' | 'data'>> = {}): Finding {
  return {
    code,
    severity,
    numbers: subjects.numbers ?? [],
    tenants: subjects.tenants ?? [],
    services: subjects.services ?? [],
    data: subjects.data ?? {},
  }
}

const severityOrder = new Map(severities.map((s, i) => [s, i]))
const codeOrder = new Map(findingCodes.map((c, i) => [c, i]))

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityOrder.get(a.severity)! - severityOrder.get(b.severity)! ||
    codeOrder.get(a.code)! - codeOrder.get(b.code)! ||
    (a.tenants[0] ?? '').localeCompare(b.tenants[0] ?? '') ||
    (a.services[0] ?? '').localeCompare(b.services[0] ?? '') ||
    (a.numbers[0] ?? '').localeCompare(b.numbers[0] ?? '') ||
    (a.data.dateField ?? '').localeCompare(b.data.dateField ?? '')
  )
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'blocking')) return 'blocked'
  if (findings.some((f) => f.code === 'DRAGS_OTHER_TENANT')) return 'needs_consent'
  return 'ok'
}

function sortedNumbers(values: Iterable<E164>): E164[] {
  return [...values].sort()
}

/** Evaluates one move set: services, contracts, dragged tenants, findings, plan. */
function evaluate(ctx: Context, set: MoveSet): MechanismOutcome {
  const { index, asOf, requesterId, dates } = ctx
  const moved: MovedNumber[] = []
  for (const [e164, reason] of set.moved) {
    const n = index.numberByE164.get(e164)!
    moved.push({ e164, serviceId: n.serviceId, tenantId: n.tenantId, reason, use: n.use, billed: n.billed })
  }
  moved.sort((a, b) => a.e164.localeCompare(b.e164))

  const movedByService = new Map<string, number>()
  for (const m of moved) movedByService.set(m.serviceId, (movedByService.get(m.serviceId) ?? 0) + 1)

  const services: ServiceImpact[] = []
  const leaving = new Set<string>()
  for (const service of index.inventory.services) {
    const movedCount = movedByService.get(service.id) ?? 0
    const total = index.liveNumbersByService.get(service.id)?.length ?? 0
    const leaves = set.forcedLeaving.has(service.id) || (total > 0 && movedCount === total)
    if (!leaves && movedCount === 0) continue
    if (leaves) leaving.add(service.id)
    services.push({
      serviceId: service.id,
      contractId: service.contractId,
      kind: service.kind,
      carrierRef: service.carrierRef,
      mainNumber: service.mainNumber,
      dedicatedTenantId: service.dedicatedTenantId,
      criticalUse: service.criticalUse,
      movedNumbers: movedCount,
      totalNumbers: total,
      leaves,
    })
  }

  const findings: Finding[] = [...ctx.requestFindings]

  // Contracts touched by the move; the ones whose services all leave end on the end date.
  const contracts: ContractImpact[] = []
  const touchedContracts = new Set(services.map((s) => s.contractId))
  for (const contract of index.inventory.contracts) {
    if (!touchedContracts.has(contract.id)) continue
    const own = index.servicesByContract.get(contract.id) ?? []
    const ends = own.length > 0 && own.every((s) => leaving.has(s.id))
    const terms = terminationTerms(contract, dates.endDate, asOf)
    const impact: ContractImpact = {
      contractId: contract.id,
      carrier: contract.carrier,
      contractNumber: contract.contractNumber,
      holderTenantId: contract.holderTenantId,
      ends,
      endDate: dates.endDate,
      ...terms,
      remainingMonths: ends ? terms.remainingMonths : 0,
      feeCents: ends ? terms.feeCents : 0,
    }
    contracts.push(impact)
    if (!ends) continue
    if (terms.remainingMonths > 0) {
      findings.push(
        finding('EARLY_TERMINATION_FEE', 'warning', {
          services: own.map((s) => s.id),
          data: { contractId: contract.id, amountCents: terms.feeCents, remainingMonths: terms.remainingMonths, initialTermEnd: terms.initialTermEnd },
        }),
      )
    }
    if (compareDates(dates.endDate, terms.earliestEnd) < 0) {
      findings.push(
        finding('NOTICE_PERIOD', 'warning', {
          services: own.map((s) => s.id),
          data: { contractId: contract.id, earliestDate: terms.earliestEnd, noticeDays: terms.effectiveNoticeDays, date: dates.endDate },
        }),
      )
    }
  }

  // Other tenants whose numbers or dedicated services move along.
  const draggedById = new Map<string, DraggedTenant>()
  const draggedOf = (tenantId: string) => {
    let entry = draggedById.get(tenantId)
    if (!entry) draggedById.set(tenantId, (entry = { tenantId, numbers: 0, services: 0, criticalNumbers: 0 }))
    return entry
  }
  const draggedNumbers = new Map<string, E164[]>()
  for (const m of moved) {
    if (m.tenantId === null || m.tenantId === requesterId) continue
    const entry = draggedOf(m.tenantId)
    entry.numbers++
    if (isCriticalUse(m.use)) entry.criticalNumbers++
    draggedNumbers.set(m.tenantId, [...(draggedNumbers.get(m.tenantId) ?? []), m.e164])
  }
  const draggedServices = new Map<string, string[]>()
  for (const s of services) {
    if (!s.leaves || s.dedicatedTenantId === null || s.dedicatedTenantId === requesterId) continue
    draggedOf(s.dedicatedTenantId).services++
    draggedServices.set(s.dedicatedTenantId, [...(draggedServices.get(s.dedicatedTenantId) ?? []), s.serviceId])
  }
  const dragged = [...draggedById.values()].sort((a, b) => b.numbers + b.services - (a.numbers + a.services) || a.tenantId.localeCompare(b.tenantId))
  for (const d of dragged) {
    findings.push(
      finding('DRAGS_OTHER_TENANT', 'needs_consent', {
        tenants: [d.tenantId],
        numbers: draggedNumbers.get(d.tenantId) ?? [],
        services: draggedServices.get(d.tenantId) ?? [],
        data: { count: d.numbers },
      }),
    )
  }

  const unallocated = moved.filter((m) => m.tenantId === null)
  if (unallocated.length > 0) {
    findings.push(finding('DRAGS_UNALLOCATED', 'warning', { numbers: unallocated.map((m) => m.e164), data: { count: unallocated.length } }))
  }
  // "Active but unbilled": a number already porting out is on its way and nobody's bill anyway.
  const unbilled = moved.filter((m) => !m.billed && index.numberByE164.get(m.e164)!.status === 'active')
  if (unbilled.length > 0) {
    findings.push(finding('DRAGS_UNBILLED', 'warning', { numbers: unbilled.map((m) => m.e164), data: { count: unbilled.length } }))
  }

  // Critical lines: a leaving service with a critical use, and every moved number with one.
  const critical = new Map<string, { use: CriticalUse; serviceId: string; numbers: E164[] }>()
  for (const s of services) {
    if (!s.leaves || !s.criticalUse) continue
    const numbers = moved.filter((m) => m.serviceId === s.serviceId).map((m) => m.e164)
    critical.set(`${s.serviceId} ${s.criticalUse}`, { use: s.criticalUse, serviceId: s.serviceId, numbers })
  }
  for (const m of moved) {
    if (!isCriticalUse(m.use)) continue
    const key = `${m.serviceId} ${m.use}`
    const entry = critical.get(key) ?? { use: m.use, serviceId: m.serviceId, numbers: [] }
    if (!entry.numbers.includes(m.e164)) entry.numbers.push(m.e164)
    critical.set(key, entry)
  }
  for (const c of critical.values()) {
    findings.push(finding('CRITICAL_SERVICE', 'blocking', { services: [c.serviceId], numbers: c.numbers, data: { criticalUse: c.use } }))
  }

  // A partial move that takes a service's main number.
  for (const s of services) {
    if (s.leaves || s.mainNumber === null || !set.moved.has(s.mainNumber)) continue
    findings.push(
      finding('MAIN_NUMBER_IN_BLOCK', 'blocking', {
        services: [s.serviceId],
        numbers: [s.mainNumber],
        data: { mainNumber: s.mainNumber, suggestedMainNumber: suggestMainNumber(index, s.serviceId, set.moved) },
      }),
    )
  }

  // Numbers still held by tenants that have moved out.
  const movedOut = new Map<string, E164[]>()
  for (const m of moved) {
    if (m.tenantId === null) continue
    const tenant = index.tenantById.get(m.tenantId)
    if (tenant?.moveOut && compareDates(tenant.moveOut, asOf) < 0) movedOut.set(m.tenantId, [...(movedOut.get(m.tenantId) ?? []), m.e164])
  }
  for (const [tenantId, numbers] of movedOut) {
    findings.push(finding('TENANT_MOVED_OUT', 'warning', { tenants: [tenantId], numbers, data: { date: index.tenantById.get(tenantId)!.moveOut! } }))
  }

  // The requester's data services must switch together with its numbers.
  const requesterVoiceMoves = moved.some((m) => m.tenantId === requesterId)
  if (ctx.checkDataVoice && requesterVoiceMoves) {
    for (const service of index.inventory.services) {
      if (service.dedicatedTenantId !== requesterId || !isDataKind(service.kind)) continue
      if (!leaving.has(service.id)) {
        findings.push(finding('DATA_VOICE_SPLIT', 'warning', { services: [service.id], tenants: [requesterId], data: { reason: 'stays_behind' } }))
      } else if (dates.cutoverDate !== null && dates.cutoverDate !== dates.endDate) {
        findings.push(
          finding('DATA_VOICE_SPLIT', 'warning', { services: [service.id], tenants: [requesterId], data: { reason: 'other_date', date: dates.cutoverDate } }),
        )
      }
    }
  }

  findings.sort(compareFindings)
  const counts: OutcomeCounts = {
    moved: moved.length,
    requested: ctx.requestedCount,
    otherTenants: dragged.length,
    otherTenantNumbers: dragged.reduce((sum, d) => sum + d.numbers, 0),
    unallocated: unallocated.length,
    unbilled: unbilled.length,
    critical: [...critical.values()].reduce((sum, c) => sum + Math.max(1, c.numbers.length), 0),
    servicesLeaving: leaving.size,
    contractsEnding: contracts.filter((c) => c.ends).length,
    feeCents: contracts.reduce((sum, c) => sum + c.feeCents, 0),
    gapWorkingDays: dates.installDate === null ? 0 : workingDaysBetween(dates.endDate, dates.installDate),
  }
  const outcome: Omit<MechanismOutcome, 'plan'> = {
    mechanism: set.mechanism,
    verdict: verdictOf(findings),
    findings,
    moved,
    services,
    contracts,
    dragged,
    counts,
  }
  return { ...outcome, plan: buildPlan(outcome, { asOf, endDate: dates.endDate, installDate: dates.installDate, targetCarrier: ctx.targetCarrier }) }
}

/** The staying number that should become the main number: a common number first, then an unallocated one, then the lowest. */
function suggestMainNumber(index: InventoryIndex, serviceId: string, moved: Map<E164, MoveReason>): E164 | null {
  const staying = (index.liveNumbersByService.get(serviceId) ?? []).filter((n) => !moved.has(n.e164)).sort((a, b) => a.e164.localeCompare(b.e164))
  return (
    staying.find((n) => n.use === 'common')?.e164 ??
    staying.find((n) => n.tenantId === null && !isCriticalUse(n.use))?.e164 ??
    staying.find((n) => !isCriticalUse(n.use))?.e164 ??
    null
  )
}

function dateFindings(dates: RequestDates): Finding[] {
  const findings: Finding[] = []
  for (const { field, date } of dates.checkedDates) {
    if (isWorkingDay(date)) continue
    const reason = nonWorkingReason(date)
    findings.push(
      finding('NON_WORKING_DAY', 'warning', {
        data: { dateField: field, date, ...(reason?.kind === 'holiday' ? { holiday: reason.name } : {}) },
      }),
    )
  }
  return findings
}

function signatoryFinding(index: InventoryIndex, request: MigrationRequest): Finding | null {
  const contact = request.signatoryContactId === null ? undefined : index.contactById.get(request.signatoryContactId)
  const reason = !contact ? (request.signatoryContactId === null ? 'missing' : 'not_tenant_contact') : contact.tenantId !== request.tenantId ? 'not_tenant_contact' : !contact.roles.includes('authorized_signatory') ? 'no_role' : null
  if (reason === null) return null
  return finding('SIGNATORY_NOT_AUTHORIZED', 'blocking', { tenants: [request.tenantId], data: { reason } })
}

/** An outcome at a glance, for the side-by-side comparison. */
export function summarize(outcome: MechanismOutcome): OutcomeSummary {
  const tally = new Map<string, OutcomeSummary['findings'][number]>()
  for (const f of outcome.findings) {
    const entry = tally.get(f.code) ?? { code: f.code, severity: f.severity, count: 0 }
    entry.count++
    tally.set(f.code, entry)
  }
  return { mechanism: outcome.mechanism as Mechanism, verdict: outcome.verdict, counts: outcome.counts, findings: [...tally.values()] }
}

const verdictRank: Record<Verdict, number> = { ok: 0, needs_consent: 1, blocked: 2 }

/** The documented order: verdict, fewest other tenants, fewest unallocated or critical numbers, lowest fee. */
export function chooseBest(outcomes: readonly MechanismOutcome[]): MechanismOutcome {
  const riskyNumbers = (o: MechanismOutcome) => o.moved.filter((m) => m.tenantId === null || isCriticalUse(m.use)).length
  return [...outcomes].sort(
    (a, b) =>
      verdictRank[a.verdict] - verdictRank[b.verdict] ||
      a.counts.otherTenants - b.counts.otherTenants ||
      riskyNumbers(a) - riskyNumbers(b) ||
      a.counts.feeCents - b.counts.feeCents,
  )[0]!
}

function computeMigration(index: InventoryIndex, request: MigrationRequest, asOf: IsoDate): Omit<ImpactReport, 'tenants' | 'building'> {
  const requestFindings: Finding[] = []
  const requested: InventoryNumber[] = []
  const seen = new Set<E164>()
  const unknown: E164[] = []
  const inactive: E164[] = []
  const notOwn = new Map<string, E164[]>()
  for (const e164 of request.numbers) {
    if (seen.has(e164)) continue
    seen.add(e164)
    const n = index.numberByE164.get(e164)
    if (!n) unknown.push(e164)
    else if (!isLive(n)) inactive.push(e164)
    else {
      requested.push(n)
      if (n.tenantId !== request.tenantId) {
        const key = n.tenantId ?? ''
        notOwn.set(key, [...(notOwn.get(key) ?? []), e164])
      }
    }
  }
  if (unknown.length > 0) requestFindings.push(finding('UNKNOWN_NUMBER', 'blocking', { numbers: sortedNumbers(unknown), data: { count: unknown.length } }))
  if (inactive.length > 0) requestFindings.push(finding('NUMBER_NOT_ACTIVE', 'blocking', { numbers: sortedNumbers(inactive), data: { count: inactive.length } }))
  for (const [holder, numbers] of [...notOwn].sort(([a], [b]) => a.localeCompare(b))) {
    requestFindings.push(
      finding('NOT_OWNER', 'blocking', {
        numbers: sortedNumbers(numbers),
        tenants: holder === '' ? [] : [holder],
        data: { count: numbers.length, reason: holder === '' ? 'unallocated' : 'other_tenant' },
      }),
    )
  }
  const dataServiceIds = [...new Set(request.dataServiceIds)].filter((id) => index.serviceById.has(id))
  for (const id of dataServiceIds) {
    const dedicated = index.serviceById.get(id)!.dedicatedTenantId
    if (dedicated !== request.tenantId) {
      requestFindings.push(
        finding('SERVICE_NOT_OWNER', 'blocking', {
          services: [id],
          tenants: dedicated === null ? [] : [dedicated],
          data: { reason: dedicated === null ? 'unallocated' : 'other_tenant' },
        }),
      )
    }
  }
  const signatory = signatoryFinding(index, request)
  if (signatory) requestFindings.push(signatory)

  const cutoverDate = request.cutoverDate ?? request.portDate
  const dates: RequestDates = {
    endDate: request.portDate,
    installDate: request.installDate,
    cutoverDate,
    checkedDates: [
      { field: 'portDate', date: request.portDate },
      { field: 'installDate', date: request.installDate },
      ...(request.cutoverDate !== null && request.cutoverDate !== request.portDate ? [{ field: 'cutoverDate' as const, date: request.cutoverDate }] : []),
    ],
  }
  requestFindings.push(...dateFindings(dates))
  const gap = workingDaysBetween(request.portDate, request.installDate)
  if (gap > 0) {
    requestFindings.push(finding('SERVICE_GAP', gap <= 1 ? 'warning' : 'blocking', { data: { workingDays: gap, date: request.installDate } }))
  }

  const ctx: Context = {
    index,
    asOf,
    requesterId: request.tenantId,
    dates,
    requestFindings,
    requestedCount: seen.size,
    checkDataVoice: true,
    targetCarrier: request.targetCarrier,
  }
  const evaluated = mechanisms.map((m) => evaluate(ctx, moveSet(index, m, requested, dataServiceIds)))
  const outcome = request.mechanism === 'auto' ? chooseBest(evaluated) : evaluated.find((o) => o.mechanism === request.mechanism)!
  return reportCore(asOf, request, outcome, { alternatives: evaluated.map(summarize), released: [] })
}

function computeMoveOut(index: InventoryIndex, request: MoveOutRequest, asOf: IsoDate): Omit<ImpactReport, 'tenants' | 'building'> {
  const own = index.inventory.numbers.filter((n) => n.tenantId === request.tenantId && isLive(n)).sort((a, b) => a.e164.localeCompare(b.e164))
  const requestFindings: Finding[] = []
  for (const contract of index.inventory.contracts) {
    if (contract.holderTenantId === request.tenantId) {
      requestFindings.push(
        finding('CONTRACT_HOLDER_LEAVING', 'blocking', {
          tenants: [request.tenantId],
          services: (index.servicesByContract.get(contract.id) ?? []).map((s) => s.id),
          data: { contractId: contract.id },
        }),
      )
    }
    const signer = contract.signedByContactId === null ? undefined : index.contactById.get(contract.signedByContactId)
    if (signer?.tenantId === request.tenantId) {
      requestFindings.push(finding('SIGNATORY_LEAVING', 'warning', { tenants: [request.tenantId], data: { contractId: contract.id } }))
    }
  }
  if (!request.keepNumbers && own.length > 0) {
    requestFindings.push(finding('NUMBERS_RELEASED', 'warning', { numbers: own.map((n) => n.e164), tenants: [request.tenantId], data: { count: own.length } }))
  }
  const dates: RequestDates = {
    endDate: request.moveOutDate,
    installDate: null,
    cutoverDate: null,
    checkedDates: request.keepNumbers && own.length > 0 ? [{ field: 'moveOutDate', date: request.moveOutDate }] : [],
  }
  requestFindings.push(...dateFindings(dates))

  // The tenant's dedicated data lines are cancelled with the move; its numbers port out or stay.
  const dedicatedData = index.inventory.services.filter((s) => s.dedicatedTenantId === request.tenantId && isDataKind(s.kind)).map((s) => s.id)
  const ctx: Context = {
    index,
    asOf,
    requesterId: request.tenantId,
    dates,
    requestFindings,
    requestedCount: own.length,
    checkDataVoice: false,
    targetCarrier: null,
  }
  const set: MoveSet = request.keepNumbers
    ? moveSet(index, 'port', own, dedicatedData)
    : { mechanism: 'release', moved: new Map(), forcedLeaving: new Set(dedicatedData) }
  const outcome = evaluate(ctx, set)
  return reportCore(asOf, request, outcome, { alternatives: [], released: request.keepNumbers ? [] : own.map((n) => n.e164) })
}

/** The report around its chosen outcome, in the full (unredacted) view. */
function reportCore(
  asOf: IsoDate,
  request: ImpactRequest,
  outcome: MechanismOutcome,
  rest: Pick<ImpactReport, 'alternatives' | 'released'>,
): Omit<ImpactReport, 'tenants' | 'building'> {
  return { version: 1, asOf, request, chosen: outcome.mechanism, verdict: outcome.verdict, outcome, ...rest, view: 'full', hidden: { numbers: 0, services: 0 } }
}

/** Every tenant the report mentions, requester first, then by name. */
function reportTenants(index: InventoryIndex, report: Omit<ImpactReport, 'tenants' | 'building'>): ReportTenant[] {
  const ids = new Set<string>([report.request.tenantId])
  const outcome = report.outcome
  for (const m of outcome.moved) if (m.tenantId) ids.add(m.tenantId)
  for (const f of outcome.findings) for (const t of f.tenants) ids.add(t)
  for (const s of outcome.services) if (s.dedicatedTenantId) ids.add(s.dedicatedTenantId)
  for (const c of outcome.contracts) if (c.holderTenantId) ids.add(c.holderTenantId)
  return [...ids]
    .map((id) => ({ id, name: index.tenantById.get(id)?.legalName ?? id, anonymous: false, self: id === report.request.tenantId, index: 0 }))
    .sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
}

/**
 * Computes the impact of a request on a building as of a date. The request must refer to a tenant
 * of the inventory (see `checkRequest`); everything else that can be wrong is reported as findings.
 */
export function computeImpact(inventory: Inventory, request: ImpactRequest, asOf: IsoDate, index = indexInventory(inventory)): ImpactReport {
  if (!index.tenantById.has(request.tenantId)) throw new Error(`Unknown requesting tenant ${request.tenantId}`)
  const core = request.type === 'migration' ? computeMigration(index, request, asOf) : computeMoveOut(index, request, asOf)
  return { ...core, building: { name: inventory.building.name }, tenants: reportTenants(index, core) }
}
