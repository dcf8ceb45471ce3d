// Properties of the impact engine over random small buildings: what moves, determinism, the verdict,
// auto's choice and what redacted views may show.
import { LocalDate } from '@js-joda/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contactRoles, criticalUses, isCriticalUse, isDataKind, serviceKinds, type NumberStatus, type NumberUse } from '#app/domain/enums.ts'
import { chooseBest, computeImpact, summarize } from '#app/domain/impact/engine.ts'
import {
  requestMechanisms,
  type ImpactReport,
  type ImpactRequest,
  type Inventory,
  type InventoryContact,
  type InventoryNumber,
  type MechanismOutcome,
  type Verdict,
} from '#app/domain/impact/types.ts'
import { redactReport } from '#app/domain/impact/view.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { terminationTerms } from '#app/domain/contracts/index.ts'

const epoch = LocalDate.parse('2024-01-01')
const day = (offset: number) => epoch.plusDays(offset).toString()
const plusDays = (date: string, days: number) => LocalDate.parse(date).plusDays(days).toString()

// Distinctive names so that "does the JSON mention X" cannot match by accident.
const companyWords = ['Qorvex', 'Plimbo', 'Zantrix', 'Welmora', 'Trubeck']
const tenantId = (i: number) => `tenant-${i}-id`
/** Numbers of voice service j: +31 30 2j0 kkkk. */
const serviceNumber = (j: number, k: number) => `+31302${j}0${String(k).padStart(4, '0')}`
const unknownNumber = '+31309990000'

/** A value `weight` times and null `of` times in `weight + of` (by default: mostly null). */
const rare = <T>(arb: fc.Arbitrary<T>, weight = 1, of = 8) => fc.oneof({ arbitrary: fc.constant(null), weight: of }, { arbitrary: arb, weight })
const mostly = <T>(usual: T, other: fc.Arbitrary<T>, of = 6) => fc.oneof({ arbitrary: fc.constant(usual), weight: of }, { arbitrary: other, weight: 1 })

const numberArb = fc.record({
  tenant: rare(fc.nat(), 3, 1),
  billed: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
  use: fc.oneof(
    { arbitrary: fc.constant<NumberUse>('tenant'), weight: 30 },
    { arbitrary: fc.constant<NumberUse>('common'), weight: 2 },
    { arbitrary: fc.constantFrom<NumberUse>(...criticalUses), weight: 1 },
  ),
  status: fc.oneof(
    { arbitrary: fc.constant<NumberStatus>('active'), weight: 12 },
    { arbitrary: fc.constantFrom<NumberStatus>('porting_out', 'ported_out', 'disconnected'), weight: 1 },
  ),
})

const buildingArb = fc.record({
  tenants: fc.array(fc.record({ moveOut: rare(fc.integer({ min: 0, max: 1400 })) }), { minLength: 1, maxLength: 5 }),
  contacts: fc.array(fc.record({ tenant: rare(fc.nat(), 3, 1), roles: fc.subarray([...contactRoles]) }), { maxLength: 6 }),
  contracts: fc.array(
    fc.record({
      start: fc.integer({ min: 0, max: 1000 }),
      initialTermMonths: fc.integer({ min: 1, max: 48 }),
      renewalTermMonths: fc.constantFrom(0, 12),
      noticeDays: fc.integer({ min: 0, max: 120 }),
      monthlyFeeCents: fc.integer({ min: 0, max: 100_000 }),
      earlyTerminationPct: fc.integer({ min: 0, max: 100 }),
      holder: rare(fc.nat(), 1, 5),
      signedBy: rare(fc.nat(), 1, 1),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  services: fc.array(
    fc.record({
      kind: fc.constantFrom(...serviceKinds),
      contract: fc.nat(),
      dedicated: rare(fc.nat(), 1, 1),
      criticalUse: rare(fc.constantFrom(...criticalUses), 1, 10),
      main: rare(fc.nat(), 1, 1),
      firstOffset: fc.integer({ min: 0, max: 15 }),
      numbers: fc.array(numberArb, { maxLength: 24 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
})

const requestArb = fc.record({
  type: fc.oneof({ arbitrary: fc.constant('migration' as const), weight: 3 }, { arbitrary: fc.constant('move_out' as const), weight: 1 }),
  tenant: fc.nat(),
  ownOnly: mostly(true, fc.constant(false), 3),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  unknown: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
  data: fc.array(fc.nat(), { maxLength: 2 }),
  mechanism: fc.constantFrom(...requestMechanisms),
  asOf: fc.integer({ min: 0, max: 1400 }),
  // Now and then a request is evaluated after its port date (a past request looked at again).
  portIn: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 150 }), weight: 9 }, { arbitrary: fc.integer({ min: -90, max: -1 }), weight: 1 }),
  installDelta: mostly(0, fc.integer({ min: -3, max: 8 }), 3),
  cutoverDelta: rare(fc.integer({ min: -2, max: 4 }), 1, 3),
  signatory: mostly<'own' | 'random' | 'none'>('own', fc.constantFrom('random', 'none')),
  signatoryPick: fc.nat(),
  keepNumbers: fc.boolean(),
})

interface Case {
  inventory: Inventory
  request: ImpactRequest
  asOf: string
}

function buildCase(b: BuildingInput, r: RequestInput): Case {
  const tenants = b.tenants.map((t, i) => ({
    id: tenantId(i),
    legalName: `${companyWords[i]} Onderneming B.V.`,
    kvkNumber: `9${String(i).padStart(2, '0')}12345`,
    unit: `${i}.01`,
    moveIn: '2019-01-01',
    moveOut: t.moveOut === null ? null : day(t.moveOut),
  }))
  const pickTenant = (n: number) => tenantId(n % tenants.length)
  // Every tenant has an authorised signatory; random extra contacts besides.
  const contacts: InventoryContact[] = [
    ...tenants.map((t, i) => ({ id: `sign-${i}`, tenantId: t.id, name: `Tekenaar ${companyWords[i]}man`, email: `sign@${companyWords[i]!.toLowerCase()}.example`, phone: null, roles: ['authorized_signatory' as const] })),
    ...b.contacts.map((c, k) => {
      const owner = c.tenant === null ? null : c.tenant % tenants.length
      return {
        id: `contact-${k}`,
        tenantId: owner === null ? null : tenantId(owner),
        name: `Persoon ${owner === null ? 'Gebouw' : companyWords[owner]}${k}x`,
        email: `p${k}@${owner === null ? 'gebouw' : companyWords[owner]!.toLowerCase()}.example`,
        phone: null,
        roles: c.roles,
      }
    }),
  ]
  const contracts = b.contracts.map((c, i) => ({
    id: `contract-${i}`,
    carrier: 'KPN',
    contractNumber: `CN-${i}`,
    holderTenantId: c.holder === null ? null : pickTenant(c.holder),
    signedByContactId: c.signedBy === null ? null : contacts[c.signedBy % contacts.length]!.id,
    startDate: day(c.start),
    initialTermMonths: c.initialTermMonths,
    renewalTermMonths: c.renewalTermMonths,
    noticeDays: c.noticeDays,
    monthlyFeeCents: c.monthlyFeeCents,
    earlyTerminationPct: c.earlyTerminationPct,
  }))
  const numbers: InventoryNumber[] = []
  const services = b.services.map((s, j) => {
    const id = `svc-${j}`
    const own = isDataKind(s.kind) ? [] : s.numbers
    own.forEach((n, k) =>
      numbers.push({ e164: serviceNumber(j, s.firstOffset + k), serviceId: id, tenantId: n.tenant === null ? null : pickTenant(n.tenant), billed: n.billed, use: n.use, status: n.status }),
    )
    return {
      id,
      contractId: contracts[s.contract % contracts.length]!.id,
      kind: s.kind,
      carrierRef: `REF-${j}-${s.kind.toUpperCase()}`,
      mainNumber: s.main === null || own.length === 0 ? null : serviceNumber(j, s.firstOffset + (s.main % own.length)),
      dedicatedTenantId: s.dedicated === null ? null : pickTenant(s.dedicated),
      criticalUse: s.criticalUse,
    }
  })
  const inventory: Inventory = { building: { name: 'Eigenschappenhuis', street: 'Proefweg 1', postcode: '3511 AB', city: 'Utrecht' }, tenants, contacts, contracts, services, numbers }

  const requester = pickTenant(r.tenant)
  const asOf = day(r.asOf)
  if (r.type === 'move_out') {
    return { inventory, asOf, request: { type: 'move_out', tenantId: requester, moveOutDate: plusDays(asOf, r.portIn), keepNumbers: r.keepNumbers } }
  }
  const own = numbers.filter((n) => n.tenantId === requester)
  const pool = r.ownOnly && own.length > 0 ? own : numbers
  const requested = pool.length === 0 ? [] : r.picks.map((p) => pool[p % pool.length]!.e164)
  if (r.unknown || requested.length === 0) requested.push(unknownNumber)
  const dataServices = services.filter((s) => isDataKind(s.kind) && (!r.ownOnly || s.dedicatedTenantId === requester))
  const dataServiceIds = dataServices.length === 0 ? [] : r.data.map((p) => dataServices[p % dataServices.length]!.id)
  const ownContacts = contacts.filter((c) => c.tenantId === requester)
  const signatoryContactId = r.signatory === 'none' ? null : r.signatory === 'own' ? ownContacts[r.signatoryPick % ownContacts.length]!.id : contacts[r.signatoryPick % contacts.length]!.id
  const portDate = plusDays(asOf, r.portIn)
  return {
    inventory,
    asOf,
    request: {
      type: 'migration',
      tenantId: requester,
      numbers: requested,
      dataServiceIds,
      mechanism: r.mechanism,
      portDate,
      installDate: plusDays(portDate, r.installDelta),
      cutoverDate: r.cutoverDelta === null ? null : plusDays(portDate, r.cutoverDelta),
      signatoryContactId,
      targetCarrier: 'Odido',
    },
  }
}

type BuildingInput = typeof buildingArb extends fc.Arbitrary<infer T> ? T : never
type RequestInput = typeof requestArb extends fc.Arbitrary<infer T> ? T : never

const caseArb = fc.tuple(buildingArb, requestArb).map(([b, r]) => buildCase(b, r))
const migrationArb = fc.tuple(buildingArb, requestArb.map((r) => ({ ...r, type: 'migration' as const }))).map(([b, r]) => buildCase(b, r))
const runs = { numRuns: 300 }

const verdictRank: Record<Verdict, number> = { ok: 0, needs_consent: 1, blocked: 2 }
/** auto's documented order: verdict, other tenants, unallocated or critical numbers, fee. */
const autoKey = (o: MechanismOutcome) => [
  verdictRank[o.verdict],
  o.counts.otherTenants,
  o.moved.filter((m) => m.tenantId === null || isCriticalUse(m.use)).length,
  o.counts.feeCents,
]
const compareKeys = (a: number[], b: number[]) => a.reduce((result, value, i) => result || Math.sign(value - b[i]!), 0)

/**
 * The full outcome of every mechanism: the report carries the chosen one in full and the others as
 * summaries, so each mechanism is asked for explicitly.
 */
const outcomesOf = (report: ImpactReport, inventory: Inventory): MechanismOutcome[] => {
  const request = report.request
  if (request.type !== 'migration') return [report.outcome]
  return (['port', 'line_migration', 'contract_takeover'] as const).map((mechanism) => computeImpact(inventory, { ...request, mechanism }, report.asOf).outcome)
}
const movedSet = (o: MechanismOutcome) => new Set(o.moved.map((m) => m.e164))
const byMechanism = (report: ImpactReport, inventory: Inventory, mechanism: string) => outcomesOf(report, inventory).find((o) => o.mechanism === mechanism)!

/** Reorders every array so that reports from shuffled inventories compare as sets. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]))
  return value
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list]
  let state = seed >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('impact engine properties', () => {
  it('every known, live requested number is in the moved set of every mechanism', () => {
    fc.assert(
      fc.property(caseArb, ({ inventory, request, asOf }) => {
        const report = computeImpact(inventory, request, asOf)
        const live = new Set(inventory.numbers.filter((n) => n.status === 'active' || n.status === 'porting_out').map((n) => n.e164))
        const requested =
          request.type === 'migration'
            ? request.numbers.filter((n) => live.has(n))
            : request.keepNumbers
              ? inventory.numbers.filter((n) => n.tenantId === request.tenantId && live.has(n.e164)).map((n) => n.e164)
              : []
        for (const outcome of outcomesOf(report, inventory)) {
          const moved = movedSet(outcome)
          for (const e164 of requested) expect(moved.has(e164), `${e164} under ${outcome.mechanism}`).toBe(true)
          for (const m of outcome.moved) expect(live.has(m.e164), `only live numbers move: ${m.e164}`).toBe(true)
        }
      }),
      runs,
    )
  })

  it('a port moves a subset of a line migration, which moves a subset of a contract takeover', () => {
    fc.assert(
      fc.property(migrationArb, ({ inventory, request, asOf }) => {
        const report = computeImpact(inventory, request, asOf)
        expect(report.alternatives.map((o) => o.mechanism)).toEqual(['port', 'line_migration', 'contract_takeover'])
        const full = outcomesOf(report, inventory)
        expect(report.alternatives).toStrictEqual(full.map(summarize))
        const [port, line, takeover] = full.map(movedSet) as [Set<string>, Set<string>, Set<string>]
        for (const n of port) expect(line.has(n)).toBe(true)
        for (const n of line) expect(takeover.has(n)).toBe(true)
        const leaving = (o: MechanismOutcome) => new Set(o.services.filter((s) => s.leaves).map((s) => s.serviceId))
        const [portLeaving, lineLeaving, takeoverLeaving] = full.map(leaving) as [Set<string>, Set<string>, Set<string>]
        for (const s of portLeaving) expect(lineLeaving.has(s)).toBe(true)
        for (const s of lineLeaving) expect(takeoverLeaving.has(s)).toBe(true)
      }),
      runs,
    )
  })

  it('the same input gives the same report, also when the inventory lists come in another order', () => {
    fc.assert(
      fc.property(caseArb, fc.integer(), ({ inventory, request, asOf }, seed) => {
        const first = computeImpact(inventory, request, asOf)
        expect(computeImpact(structuredClone(inventory), structuredClone(request), asOf)).toStrictEqual(first)
        const reordered: Inventory = {
          ...inventory,
          tenants: shuffled(inventory.tenants, seed),
          contacts: shuffled(inventory.contacts, seed + 1),
          contracts: shuffled(inventory.contracts, seed + 2),
          services: shuffled(inventory.services, seed + 3),
          numbers: shuffled(inventory.numbers, seed + 4),
        }
        const second = computeImpact(reordered, request, asOf)
        // Lists ordered by the engine (moved numbers, findings by severity and code, the plan, tenants) keep their order.
        const secondOutcomes = outcomesOf(second, reordered)
        for (const [a, b] of outcomesOf(first, inventory).map((o, i) => [o, secondOutcomes[i]!] as const)) {
          expect(b.moved).toStrictEqual(a.moved)
          expect(b.findings.map((f) => [f.severity, f.code])).toStrictEqual(a.findings.map((f) => [f.severity, f.code]))
          expect(b.plan.map((s) => s.code)).toStrictEqual(a.plan.map((s) => s.code))
          expect(b.dragged).toStrictEqual(a.dragged)
          expect(b.counts).toStrictEqual(a.counts)
        }
        expect(second.tenants).toStrictEqual(first.tenants)
        expect(canonical(second)).toStrictEqual(canonical(first))
      }),
      { numRuns: 200 },
    )
  })

  it('the verdict is blocked iff a finding blocks, else needs consent iff another tenant is dragged, else ok — for every outcome', () => {
    fc.assert(
      fc.property(caseArb, ({ inventory, request, asOf }) => {
        const report = computeImpact(inventory, request, asOf)
        expect(report.verdict).toBe(report.outcome.verdict)
        expect(report.chosen).toBe(report.outcome.mechanism)
        for (const o of outcomesOf(report, inventory)) {
          const blocking = o.findings.some((f) => f.severity === 'blocking')
          const consent = o.findings.some((f) => f.code === 'DRAGS_OTHER_TENANT')
          expect(o.verdict).toBe(blocking ? 'blocked' : consent ? 'needs_consent' : 'ok')
          expect(o.findings.filter((f) => f.code === 'DRAGS_OTHER_TENANT').every((f) => f.severity === 'needs_consent')).toBe(true)
          expect(o.findings.filter((f) => f.severity === 'needs_consent').every((f) => f.code === 'DRAGS_OTHER_TENANT')).toBe(true)
        }
      }),
      runs,
    )
  })

  it('counts, dragged tenants and ending contracts agree with the lists they summarise', () => {
    fc.assert(
      fc.property(caseArb, ({ inventory, request, asOf }) => {
        const report = computeImpact(inventory, request, asOf)
        for (const o of outcomesOf(report, inventory)) {
          expect(o.counts.moved).toBe(o.moved.length)
          expect(o.counts.otherTenants).toBe(o.dragged.length)
          expect(o.dragged.map((d) => d.tenantId)).not.toContain(request.tenantId)
          expect(o.findings.filter((f) => f.code === 'DRAGS_OTHER_TENANT').length).toBe(o.dragged.length)
          expect(o.counts.feeCents).toBe(o.contracts.reduce((sum, c) => sum + c.feeCents, 0))
          const leaving = new Set(o.services.filter((s) => s.leaves).map((s) => s.serviceId))
          for (const c of o.contracts) {
            const own = inventory.services.filter((s) => s.contractId === c.contractId)
            expect(c.ends, `contract ${c.contractId} ends iff all its services leave`).toBe(own.every((s) => leaving.has(s.id)))
            if (!c.ends || c.renewed) expect(c.feeCents).toBe(0)
          }
          expect(o.findings.some((f) => f.code === 'EARLY_TERMINATION_FEE')).toBe(o.contracts.some((c) => c.ends && c.remainingMonths > 0))
        }
      }),
      runs,
    )
  })

  it('the notice deadline is the last day on which notice still ends the contract on the end date, and the earliest end the soonest any notice from today reaches', () => {
    const termsArb = fc.record({
      startDate: fc.integer({ min: 0, max: 1000 }).map(day),
      initialTermMonths: fc.integer({ min: 1, max: 48 }),
      renewalTermMonths: fc.constantFrom(0, 12),
      noticeDays: fc.integer({ min: 0, max: 120 }),
      monthlyFeeCents: fc.integer({ min: 0, max: 100_000 }),
      earlyTerminationPct: fc.integer({ min: 0, max: 100 }),
    })
    const after = (a: string, b: string) => LocalDate.parse(a).isAfter(LocalDate.parse(b))
    fc.assert(
      fc.property(termsArb, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 200 }), (terms, asOfOffset, endIn) => {
        const asOf = day(asOfOffset)
        const endDate = plusDays(asOf, endIn)
        const t = terminationTerms(terms, endDate, asOf)
        // Oracle, by brute force: notice given on day n ends the contract then at the earliest —
        // contractual notice during the initial term, at most one calendar month once renewed.
        const endsOn = (n: string) => {
          const contractual = plusDays(n, terms.noticeDays)
          if (LocalDate.parse(n).isBefore(LocalDate.parse(t.initialTermEnd))) return contractual
          const month = LocalDate.parse(n).plusMonths(1).toString()
          return after(contractual, month) ? month : contractual
        }
        let latest = endDate
        while (after(endsOn(latest), endDate)) latest = plusDays(latest, -1)
        expect(t.noticeBy).toBe(latest)
        let soonest = endsOn(asOf)
        for (let n = asOf; !after(n, t.initialTermEnd); n = plusDays(n, 1)) if (after(soonest, endsOn(n))) soonest = endsOn(n)
        expect(t.earliestEnd).toBe(soonest)
        expect(t.earliestEnd).toBe(plusDays(asOf, t.effectiveNoticeDays))
        expect(t.effectiveNoticeDays).toBeLessThanOrEqual(terms.noticeDays)
        if (t.renewed) expect(t.feeCents).toBe(0)
      }),
      runs,
    )
  })

  it('auto picks an outcome no worse than the others by verdict, other tenants, unallocated or critical numbers, fee', () => {
    fc.assert(
      fc.property(migrationArb, ({ inventory, request, asOf }) => {
        const report = computeImpact(inventory, request, asOf)
        if (request.type !== 'migration') return
        if (request.mechanism !== 'auto') {
          expect(report.chosen).toBe(request.mechanism)
          return
        }
        const full = outcomesOf(report, inventory)
        for (const other of full) expect(compareKeys(autoKey(report.outcome), autoKey(other))).toBeLessThanOrEqual(0)
        expect(chooseBest(full)).toStrictEqual(report.outcome)
      }),
      runs,
    )
  })

  it('a contract takeover is never better than a line migration by auto’s order, so auto never needs to choose it', () => {
    fc.assert(
      fc.property(migrationArb, ({ inventory, request, asOf }) => {
        const report = computeImpact(inventory, request, asOf)
        expect(compareKeys(autoKey(byMechanism(report, inventory, 'line_migration')), autoKey(byMechanism(report, inventory, 'contract_takeover')))).toBeLessThanOrEqual(0)
        if (request.type === 'migration' && request.mechanism === 'auto') expect(report.chosen).not.toBe('contract_takeover')
      }),
      runs,
    )
  })

  it('a tenant or sales view never shows another tenant’s id, name, KvK number, contacts, numbers or dedicated lines', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.constantFrom('tenant' as const, 'sales' as const), ({ inventory, request, asOf }, viewerPick, view) => {
        const selfTenantId = inventory.tenants[viewerPick % inventory.tenants.length]!.id
        const full = computeImpact(inventory, request, asOf)
        const redacted = redactReport(full, inventory, { view, selfTenantId })
        const json = JSON.stringify(redacted)
        const forbidden: string[] = []
        for (const t of inventory.tenants.filter((t) => t.id !== selfTenantId)) forbidden.push(t.id, t.legalName, t.kvkNumber)
        for (const c of inventory.contacts.filter((c) => c.tenantId !== selfTenantId)) forbidden.push(c.name, c.email)
        for (const n of inventory.numbers.filter((n) => n.tenantId !== selfTenantId)) forbidden.push(n.e164, formatNational(n.e164), `0${n.e164.slice(3)}`)
        for (const s of inventory.services.filter((s) => s.dedicatedTenantId !== null && s.dedicatedTenantId !== selfTenantId)) forbidden.push(s.carrierRef)
        for (const value of forbidden) expect(json.includes(value), `the ${view} view of ${selfTenantId} shows ${value}`).toBe(false)
        expect(redacted.view).toBe(view)

        // What is the viewer's own stays visible in full.
        const ownMoved = full.outcome.moved.filter((m) => m.tenantId === selfTenantId).map((m) => m.e164)
        expect(redacted.outcome.moved.map((m) => m.e164)).toEqual(ownMoved)
        expect(redacted.hidden.numbers).toBe(full.outcome.moved.length - ownMoved.length)
        expect(redacted.verdict).toBe(full.verdict)
        expect(redacted.outcome.counts).toStrictEqual(full.outcome.counts)
        expect(redacted.tenants.filter((t) => !t.self).every((t) => t.anonymous && /^Tenant \d+$/.test(t.name))).toBe(true)
      }),
      runs,
    )
  })
})
