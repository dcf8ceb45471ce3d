// Golden scenarios of the impact engine: tests/fixtures/impact/<NN-slug>/ holds a building file, a
// request file (with `asOf`), the hand-written key expectations derived from docs/impact-rules.md
// (expect.json) and the full report the engine produces (expected.json).
//
// Regenerate the reports deliberately with `UPDATE_GOLDEN=1 npx vitest run tests/unit/impact-golden.test.ts`
// and review every changed expected.json against the rules and expect.json before committing it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { inventoryFromFile, parseBuildingFile } from '#app/domain/impact/building-file.ts'
import { computeImpact } from '#app/domain/impact/engine.ts'
import { parseRequestFile, resolveRequest } from '#app/domain/impact/request-file.ts'
import {
  findingCodes,
  mechanisms,
  severities,
  stepCodes,
  type Finding,
  type FindingCode,
  type FindingData,
  type ImpactReport,
  type Mechanism,
  type MechanismOutcome,
  type MoveReason,
  type PlanStep,
  type Severity,
  type StepCode,
  type Verdict,
} from '#app/domain/impact/types.ts'

const root = fileURLToPath(new URL('../fixtures/impact/', import.meta.url))
const update = process.env.UPDATE_GOLDEN === '1'

interface ExpectedFinding {
  code: FindingCode
  severity: Severity
  numbers?: string[]
  tenants?: string[]
  services?: string[]
  data?: Partial<FindingData>
}

interface ExpectedStep {
  code: StepCode
  byDate?: string | null
  numbers?: string[]
  services?: string[]
  data?: Partial<PlanStep['data']>
}

interface ExpectedAlternative {
  verdict?: Verdict
  moved?: number
  otherTenants?: number
  feeCents?: number
}

/** The hand-written expectations of one scenario (expect.json). */
interface Expectations {
  /** The rule the scenario demonstrates, as a sentence; it is the test's name. */
  title: string
  verdict: Verdict
  chosen: Mechanism | 'release'
  /** Findings that must appear in the chosen outcome (subjects and data, where given, must match). */
  findings: ExpectedFinding[]
  /** Codes that must not appear in the chosen outcome. */
  absent: FindingCode[]
  moved?: number
  feeCents?: number
  gapWorkingDays?: number
  otherTenants?: number
  released?: number
  /** Steps that must appear in the plan of the chosen outcome. */
  plan?: (StepCode | ExpectedStep)[]
  /** Why particular numbers move. */
  reasons?: Record<string, MoveReason>
  /** Numbers that must stay. */
  notMoved?: string[]
  /** Exactly the services that leave. */
  servicesLeaving?: string[]
  /** Exactly the contracts that end. */
  contractsEnding?: string[]
  /** Migration: the three mechanisms side by side. */
  alternatives?: Partial<Record<Mechanism, ExpectedAlternative>>
}

interface Scenario {
  name: string
  dir: string
  building: unknown
  request: unknown
  expectations: Expectations
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))

const scenarios: Scenario[] = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => {
    const dir = join(root, name)
    return {
      name,
      dir,
      building: readJson(join(dir, 'building.json')),
      request: readJson(join(dir, 'request.json')),
      expectations: readJson(join(dir, 'expect.json')) as Expectations,
    }
  })

function computeScenario(scenario: Scenario): ImpactReport {
  const building = parseBuildingFile(scenario.building)
  if (!building.ok) throw new Error(`${scenario.name}/building.json: ${JSON.stringify(building.problems)}`)
  const inventory = inventoryFromFile(building.value)
  const requestFile = parseRequestFile(scenario.request)
  if (!requestFile.ok) throw new Error(`${scenario.name}/request.json: ${JSON.stringify(requestFile.problems)}`)
  const asOf = requestFile.value.asOf
  if (asOf === undefined) throw new Error(`${scenario.name}/request.json has no asOf: the result would depend on the day the test runs`)
  const request = resolveRequest(requestFile.value, inventory)
  if (!request.ok) throw new Error(`${scenario.name}/request.json: ${JSON.stringify(request.problems)}`)
  return computeImpact(inventory, request.value, asOf)
}

const sorted = (values: readonly string[]) => [...values].sort()

function findingMatches(actual: Finding, wanted: ExpectedFinding): boolean {
  if (actual.code !== wanted.code || actual.severity !== wanted.severity) return false
  for (const key of ['numbers', 'tenants', 'services'] as const) {
    const list = wanted[key]
    if (list !== undefined && JSON.stringify(sorted(actual[key])) !== JSON.stringify(sorted(list))) return false
  }
  return dataMatches(actual.data, wanted.data)
}

function dataMatches(actual: object, wanted: object | undefined): boolean {
  if (wanted === undefined) return true
  return Object.entries(wanted).every(([key, value]) => JSON.stringify((actual as Record<string, unknown>)[key]) === JSON.stringify(value))
}

function stepMatches(actual: PlanStep, wanted: StepCode | ExpectedStep): boolean {
  if (typeof wanted === 'string') return actual.code === wanted
  if (actual.code !== wanted.code) return false
  if (wanted.byDate !== undefined && actual.byDate !== wanted.byDate) return false
  for (const key of ['numbers', 'services'] as const) {
    const list = wanted[key]
    if (list !== undefined && JSON.stringify(sorted(actual[key])) !== JSON.stringify(sorted(list))) return false
  }
  return dataMatches(actual.data, wanted.data)
}

function checkOutcomeNumbers(outcome: Pick<MechanismOutcome, 'verdict' | 'counts' | 'mechanism'>, wanted: ExpectedAlternative) {
  if (wanted.verdict !== undefined) expect(outcome.verdict, `verdict of ${outcome.mechanism}`).toBe(wanted.verdict)
  if (wanted.moved !== undefined) expect(outcome.counts.moved, `numbers moved by ${outcome.mechanism}`).toBe(wanted.moved)
  if (wanted.otherTenants !== undefined) expect(outcome.counts.otherTenants, `other tenants dragged by ${outcome.mechanism}`).toBe(wanted.otherTenants)
  if (wanted.feeCents !== undefined) expect(outcome.counts.feeCents, `fee of ${outcome.mechanism}`).toBe(wanted.feeCents)
}

/** Asserts the hand-written expectations; independent of expected.json. */
function checkExpectations(report: ImpactReport, e: Expectations) {
  const outcome = report.outcome
  expect(report.chosen).toBe(e.chosen)
  expect(outcome.mechanism).toBe(e.chosen)
  expect(report.verdict).toBe(e.verdict)
  const codes = outcome.findings.map((f) => `${f.code}/${f.severity}`)
  for (const wanted of e.findings) {
    expect(
      outcome.findings.some((f) => findingMatches(f, wanted)),
      `expected finding ${JSON.stringify(wanted)}; the outcome has ${JSON.stringify(outcome.findings.filter((f) => f.code === wanted.code))}`,
    ).toBe(true)
  }
  for (const code of e.absent) expect(codes.filter((c) => c.startsWith(`${code}/`)), `${code} must not appear`).toEqual([])
  checkOutcomeNumbers(outcome, { moved: e.moved, otherTenants: e.otherTenants, feeCents: e.feeCents })
  expect(outcome.moved).toHaveLength(outcome.counts.moved)
  if (e.gapWorkingDays !== undefined) expect(outcome.counts.gapWorkingDays).toBe(e.gapWorkingDays)
  if (e.released !== undefined) expect(report.released).toHaveLength(e.released)
  const reasonOf = new Map(outcome.moved.map((m) => [m.e164, m.reason]))
  for (const [e164, reason] of Object.entries(e.reasons ?? {})) expect(reasonOf.get(e164), `reason ${e164} moves`).toBe(reason)
  for (const e164 of e.notMoved ?? []) expect(reasonOf.has(e164), `${e164} must stay`).toBe(false)
  if (e.servicesLeaving) expect(sorted(outcome.services.filter((s) => s.leaves).map((s) => s.serviceId))).toEqual(sorted(e.servicesLeaving))
  if (e.contractsEnding) expect(sorted(outcome.contracts.filter((c) => c.ends).map((c) => c.contractId))).toEqual(sorted(e.contractsEnding))
  for (const wanted of e.plan ?? []) {
    expect(outcome.plan.some((s) => stepMatches(s, wanted)), `expected plan step ${JSON.stringify(wanted)}; the plan is ${JSON.stringify(outcome.plan)}`).toBe(true)
  }
  for (const [mechanism, wanted] of Object.entries(e.alternatives ?? {}) as [Mechanism, ExpectedAlternative][]) {
    const alternative = report.alternatives.find((o) => o.mechanism === mechanism)
    expect(alternative, `alternative ${mechanism}`).toBeDefined()
    checkOutcomeNumbers(alternative!, wanted)
  }
  // The verdict follows from the findings, whatever they are.
  const verdict = outcome.findings.some((f) => f.severity === 'blocking') ? 'blocked' : outcome.findings.some((f) => f.code === 'DRAGS_OTHER_TENANT') ? 'needs_consent' : 'ok'
  expect(report.verdict).toBe(verdict)
}

describe('impact golden scenarios', () => {
  it('there are at least 32 scenarios, each with a title that states its rule', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(32)
    for (const s of scenarios) {
      expect(s.name).toMatch(/^\d{2}-[a-z0-9-]+$/)
      expect(s.expectations.title.length, s.name).toBeGreaterThan(20)
      for (const f of s.expectations.findings) expect(severities, `${s.name}: ${f.code}`).toContain(f.severity)
    }
  })

  it('the hand-written expectations cover every finding code, every step code and every mechanism', () => {
    const expectedCodes = new Set(scenarios.flatMap((s) => s.expectations.findings.map((f) => f.code)))
    expect(findingCodes.filter((c) => !expectedCodes.has(c))).toEqual([])
    const expectedSteps = new Set(scenarios.flatMap((s) => (s.expectations.plan ?? []).map((p) => (typeof p === 'string' ? p : p.code))))
    expect(stepCodes.filter((c) => !expectedSteps.has(c))).toEqual([])
    const chosen = new Set(scenarios.map((s) => s.expectations.chosen))
    expect([...mechanisms, 'release' as const].filter((m) => !chosen.has(m))).toEqual([])
    // auto can only choose a port or a line migration: a takeover moves a superset of a line migration.
    const autoChosen = new Set(scenarios.filter((s) => (s.request as { mechanism?: string }).mechanism === 'auto').map((s) => s.expectations.chosen))
    expect([...autoChosen].sort()).toEqual(['line_migration', 'port'])
    const verdicts = new Set(scenarios.map((s) => s.expectations.verdict))
    expect([...verdicts].sort()).toEqual(['blocked', 'needs_consent', 'ok'])
  })

  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      it(scenario.expectations.title, () => {
        checkExpectations(computeScenario(scenario), scenario.expectations)
      })

      it('the whole report equals expected.json', () => {
        const report = JSON.parse(JSON.stringify(computeScenario(scenario))) as ImpactReport
        const file = join(scenario.dir, 'expected.json')
        if (update) writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
        expect(existsSync(file), `${scenario.name}/expected.json is missing; generate it with UPDATE_GOLDEN=1 and review it`).toBe(true)
        expect(report).toStrictEqual(readJson(file))
      })
    })
  }
})
