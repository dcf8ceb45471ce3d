import { compareDates, minusDays, plusDays, plusMonths, type IsoDate } from '../dates.ts'

export interface ContractTerms {
  startDate: IsoDate
  initialTermMonths: number
  /** 0 = continues month to month after the initial term. */
  renewalTermMonths: number
  noticeDays: number
}

/** Telecommunicatiewet art. 7.2a: after tacit renewal a business may end with at most one month's notice. */
export const maxNoticeDaysAfterRenewal = 30

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
  const effectiveNoticeDays = inInitialTerm ? terms.noticeDays : Math.min(terms.noticeDays, maxNoticeDaysAfterRenewal)
  return {
    initialTermEnd: end,
    inInitialTerm,
    effectiveNoticeDays,
    noticeDeadline: inInitialTerm ? minusDays(end, terms.noticeDays) : null,
    earliestEnd: plusDays(asOf, effectiveNoticeDays),
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
