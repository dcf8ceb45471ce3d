// The step plan: what a facility manager does, in order, to make the move safe. Derived from the
// outcome's findings; each step names its subjects and the date it must be done by.
import { nextWorkingDay, previousWorkingDay } from '../calendar/index.ts'
import { compareDates, type IsoDate } from '../dates.ts'
import type { E164 } from '../numbers/index.ts'
import { stepCodes, type Finding, type MechanismOutcome, type PlanStep, type StepCode } from './types.ts'

interface PlanDates {
  asOf: IsoDate
  endDate: IsoDate
  installDate: IsoDate | null
  targetCarrier: string | null
}

function step(code: StepCode, byDate: IsoDate | null, subjects: Partial<Pick<PlanStep, 'numbers' | 'tenants' | 'services' | 'data'>> = {}): PlanStep {
  return { code, byDate, numbers: subjects.numbers ?? [], tenants: subjects.tenants ?? [], services: subjects.services ?? [], data: subjects.data ?? {} }
}

const stepOrder = new Map(stepCodes.map((c, i) => [c, i]))

export function buildPlan(outcome: Omit<MechanismOutcome, 'plan'>, dates: PlanDates): PlanStep[] {
  const steps: PlanStep[] = []
  const before = compareDates(dates.endDate, dates.asOf) > 0 ? previousWorkingDay(dates.endDate) : dates.endDate
  const byCode = (code: Finding['code']) => outcome.findings.filter((f) => f.code === code)
  const all = (findings: Finding[], key: 'numbers' | 'tenants' | 'services') => [...new Set(findings.flatMap((f) => f[key]))]

  const unknown = [...byCode('UNKNOWN_NUMBER'), ...byCode('NUMBER_NOT_ACTIVE')]
  if (unknown.length > 0) steps.push(step('REMOVE_UNKNOWN_NUMBERS', null, { numbers: all(unknown, 'numbers') }))
  const notOwner = byCode('NOT_OWNER')
  if (notOwner.length > 0) steps.push(step('RESOLVE_OWNERSHIP', null, { numbers: all(notOwner, 'numbers'), tenants: all(notOwner, 'tenants') }))
  const serviceNotOwner = byCode('SERVICE_NOT_OWNER')
  if (serviceNotOwner.length > 0) steps.push(step('RESOLVE_SERVICE_OWNERSHIP', null, { services: all(serviceNotOwner, 'services') }))
  for (const f of byCode('SIGNATORY_NOT_AUTHORIZED')) steps.push(step('FIX_SIGNATORY', null, { tenants: f.tenants, data: { reason: f.data.reason } }))
  for (const f of byCode('CONTRACT_HOLDER_LEAVING')) steps.push(step('TRANSFER_CONTRACT', before, { tenants: f.tenants, data: { contractId: f.data.contractId } }))
  for (const f of byCode('SIGNATORY_LEAVING')) steps.push(step('NAME_NEW_SIGNATORY', before, { tenants: f.tenants, data: { contractId: f.data.contractId } }))
  for (const f of byCode('MAIN_NUMBER_IN_BLOCK')) {
    steps.push(
      step('CHANGE_MAIN_NUMBER', before, {
        services: f.services,
        numbers: [f.data.mainNumber, f.data.suggestedMainNumber].filter((n): n is E164 => typeof n === 'string'),
        data: { mainNumber: f.data.mainNumber, suggestedMainNumber: f.data.suggestedMainNumber ?? null },
      }),
    )
  }
  for (const f of byCode('CRITICAL_SERVICE')) {
    steps.push(step('SEPARATE_CRITICAL_LINE', before, { services: f.services, numbers: f.numbers, data: { criticalUse: f.data.criticalUse } }))
  }
  for (const f of byCode('TENANT_MOVED_OUT')) steps.push(step('SETTLE_MOVED_OUT_TENANT', before, { tenants: f.tenants, numbers: f.numbers, data: { date: f.data.date } }))
  const unallocated = [...byCode('DRAGS_UNALLOCATED'), ...byCode('DRAGS_UNBILLED')]
  if (unallocated.length > 0) {
    const numbers = all(unallocated, 'numbers').sort()
    steps.push(step('DECIDE_UNALLOCATED', before, { numbers, data: { count: numbers.length } }))
  }
  for (const f of byCode('NUMBERS_RELEASED')) steps.push(step('DECIDE_RELEASED', null, { numbers: f.numbers, data: { count: f.data.count } }))
  const consent = byCode('DRAGS_OTHER_TENANT')
  if (consent.length > 0) {
    steps.push(
      step('ASK_CONSENT', before, {
        tenants: all(consent, 'tenants'),
        data: { count: consent.reduce((sum, f) => sum + (f.data.count ?? 0), 0) },
      }),
    )
  }
  for (const f of byCode('NON_WORKING_DAY')) {
    steps.push(step('MOVE_TO_WORKING_DAY', null, { data: { dateField: f.data.dateField, date: nextWorkingDay(f.data.date!) } }))
  }
  for (const contract of outcome.contracts.filter((c) => c.ends)) {
    const late = compareDates(dates.endDate, contract.earliestEnd) < 0
    if (late) {
      // The new port date must also be a day the carriers work: the first working day from the earliest end.
      steps.push(step('MOVE_PORT_DATE_FOR_NOTICE', null, { data: { contractId: contract.contractId, earliestDate: nextWorkingDay(contract.earliestEnd) } }))
    }
    steps.push(
      step('GIVE_NOTICE', late ? dates.asOf : contract.noticeBy, {
        data: { contractId: contract.contractId, noticeDays: contract.effectiveNoticeDays, date: late ? contract.earliestEnd : dates.endDate },
      }),
    )
    if (contract.feeCents > 0) {
      steps.push(
        step('BUDGET_FEE', null, {
          data: { contractId: contract.contractId, amountCents: contract.feeCents, remainingMonths: contract.remainingMonths, initialTermEnd: contract.initialTermEnd },
        }),
      )
    }
  }
  if (dates.installDate !== null) {
    const gap = byCode('SERVICE_GAP')[0]
    steps.push(step('BOOK_INSTALLATION', dates.endDate, { data: gap ? { workingDays: gap.data.workingDays, date: dates.installDate } : { date: dates.installDate } }))
  }
  const split = byCode('DATA_VOICE_SPLIT')
  if (split.length > 0) steps.push(step('ALIGN_DATA_CUTOVER', dates.endDate, { services: all(split, 'services'), data: { date: dates.endDate } }))
  if (outcome.moved.length > 0 || outcome.mechanism === 'release' || outcome.services.some((s) => s.leaves)) {
    steps.push(
      step('SUBMIT', dates.endDate, {
        data: { mechanism: outcome.mechanism, count: outcome.moved.length, ...(dates.targetCarrier ? { targetCarrier: dates.targetCarrier } : {}) },
      }),
    )
  }
  return steps.sort((a, b) => stepOrder.get(a.code)! - stepOrder.get(b.code)!)
}
