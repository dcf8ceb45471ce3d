import { LocalDate, ChronoUnit } from '@js-joda/core'
import { compareDates, minusDays, plusDays, plusMonths, type IsoDate } from '../dates.ts'

export interface ContractTerms {
  startDate: IsoDate
  initialTermMonths: number
  /** 0 = continues month to month after the initial term. */
  renewalTermMonths: number
  noticeDays: number
}

/** Telecommunicatiewet art. 7.2a: after tacit renewal a business may end with at most one month's notice. */
export const maxNoticeMonthsAfterRenewal = 1

export interface ContractTimeline {
  /** First day after the initial term: start + initial term months. */
  initialTermEnd: IsoDate
  inInitialTerm: boolean
  /** Notice days that apply as of the date: contractual, capped at one month after the initial term. */
  effectiveNoticeDays: number
  /**
   * During the initial term: the last day to give notice so the contract ends when the initial term
   * ends instead of being renewed. Null after the initial term (notice can be given any day).
   */
  noticeDeadline: IsoDate | null
  /** Earliest end date if notice is given on the as-of date (a fee may apply during the initial term). */
  earliestEnd: IsoDate
}

export function initialTermEnd(terms: Pick<ContractTerms, 'startDate' | 'initialTermMonths'>): IsoDate {
  return plusMonths(terms.startDate, terms.initialTermMonths)
}

export function contractTimeline(terms: ContractTerms, asOf: IsoDate): ContractTimeline {
  const end = initialTermEnd(terms)
  const inInitialTerm = compareDates(asOf, end) < 0
  const earliestEnd = earliestEndDate(terms.noticeDays, !inInitialTerm, asOf)
  return {
    initialTermEnd: end,
    inInitialTerm,
    effectiveNoticeDays: daysBetween(asOf, earliestEnd),
    noticeDeadline: inInitialTerm ? minusDays(end, terms.noticeDays) : null,
    earliestEnd,
  }
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  return LocalDate.parse(from).until(LocalDate.parse(to), ChronoUnit.DAYS)
}

/** Notice given on `noticeDate` ends the contract on this date at the earliest. */
function earliestEndDate(noticeDays: number, renewed: boolean, noticeDate: IsoDate): IsoDate {
  const contractual = plusDays(noticeDate, noticeDays)
  if (!renewed) return contractual
  const capped = plusMonths(noticeDate, maxNoticeMonthsAfterRenewal)
  return compareDates(contractual, capped) <= 0 ? contractual : capped
}

/** Notice given on `noticeDate` ends the contract then at the earliest; renewed if given on or after the initial term's end. */
function earliestEndFrom(noticeDays: number, termEnd: IsoDate, noticeDate: IsoDate): IsoDate {
  return earliestEndDate(noticeDays, compareDates(noticeDate, termEnd) >= 0, noticeDate)
}

/**
 * Latest day to give notice so that the contract can end on `endDate`: the last day whose earliest
 * end is not after it, judging on each day whether the contract has been renewed by then. After the
 * initial term one month's notice is enough (art. 7.2a); months are not symmetric (31 March + 1 month
 * = 30 April, but 30 April − 1 month = 30 March), so the candidate found by counting back is moved
 * forward while a later day still ends in time. When no day after the initial term ends in time, the
 * contractual notice counted back from the end date applies.
 */
function latestNoticeDate(noticeDays: number, termEnd: IsoDate, endDate: IsoDate): IsoDate {
  const contractual = minusDays(endDate, noticeDays)
  const capped = LocalDate.parse(endDate).minusMonths(maxNoticeMonthsAfterRenewal).toString()
  let latest = compareDates(contractual, capped) >= 0 ? contractual : capped
  while (compareDates(earliestEndDate(noticeDays, true, plusDays(latest, 1)), endDate) <= 0) latest = plusDays(latest, 1)
  return compareDates(latest, termEnd) >= 0 ? latest : contractual
}

export interface TerminationTerms extends ContractTerms {
  monthlyFeeCents: number
  earlyTerminationPct: number
}

export interface Termination {
  initialTermEnd: IsoDate
  /** The as-of date lies after the initial term: the contract has been renewed tacitly. */
  renewed: boolean
  effectiveNoticeDays: number
  earliestEnd: IsoDate
  noticeBy: IsoDate
  remainingMonths: number
  feeCents: number
}

/**
 * Started months from `from` to `to`: the smallest m with from + m months >= to (0 when `to` is not
 * after `from`). A started month counts as a whole month.
 */
export function startedMonths(from: IsoDate, to: IsoDate): number {
  if (compareDates(to, from) <= 0) return 0
  const start = LocalDate.parse(from)
  const end = LocalDate.parse(to)
  let months = Math.max(0, start.until(end, ChronoUnit.MONTHS) - 1)
  while (start.plusMonths(months).isBefore(end)) months++
  return months
}

/** remaining × fee × pct / 100 in exact integer arithmetic, half a cent rounded up. */
export function earlyTerminationFeeCents(remainingMonths: number, monthlyFeeCents: number, pct: number): number {
  const numerator = BigInt(remainingMonths) * BigInt(monthlyFeeCents) * BigInt(pct)
  return Number((numerator * 2n + 100n) / 200n)
}

/**
 * What ending a contract on `endDate` costs and requires, with notice given on `asOf`.
 * During the initial term the remaining started months are charged (times the percentage);
 * after it the contract was renewed tacitly and art. 7.2a applies: no fee, at most one month's notice.
 */
export function terminationTerms(terms: TerminationTerms, endDate: IsoDate, asOf: IsoDate): Termination {
  const end = initialTermEnd(terms)
  const renewed = compareDates(asOf, end) >= 0
  // During the initial term, waiting for the tacit renewal and then giving one month's notice may end
  // the contract sooner than the contractual notice given today: the earliest end is the sooner of both.
  const now = earliestEndFrom(terms.noticeDays, end, asOf)
  const afterRenewal = renewed ? now : earliestEndFrom(terms.noticeDays, end, end)
  const earliestEnd = compareDates(now, afterRenewal) <= 0 ? now : afterRenewal
  // After the initial term the contract was renewed tacitly: art. 7.2a allows ending it without a fee.
  const remainingMonths = renewed ? 0 : startedMonths(endDate, end)
  return {
    initialTermEnd: end,
    renewed,
    effectiveNoticeDays: daysBetween(asOf, earliestEnd),
    earliestEnd,
    noticeBy: latestNoticeDate(terms.noticeDays, end, endDate),
    remainingMonths,
    feeCents: remainingMonths === 0 ? 0 : earlyTerminationFeeCents(remainingMonths, terms.monthlyFeeCents, terms.earlyTerminationPct),
  }
}

export type ContractTermsError =
  | 'contract.start_too_early'
  | 'contract.start_too_late'
  | 'contract.notice_exceeds_term'

/**
 * Dates and terms that cannot describe a real contract. The database checks the plain ranges;
 * these rules need the calendar.
 */
export function checkContractTerms(terms: ContractTerms, today: IsoDate): { field: keyof ContractTerms; error: ContractTermsError }[] {
  const problems: { field: keyof ContractTerms; error: ContractTermsError }[] = []
  if (compareDates(terms.startDate, '1980-01-01') < 0) problems.push({ field: 'startDate', error: 'contract.start_too_early' })
  if (compareDates(terms.startDate, plusMonths(today, 24)) > 0) problems.push({ field: 'startDate', error: 'contract.start_too_late' })
  const termEnd = initialTermEnd(terms)
  if (compareDates(plusDays(terms.startDate, terms.noticeDays), termEnd) >= 0) {
    problems.push({ field: 'noticeDays', error: 'contract.notice_exceeds_term' })
  }
  return problems
}
