import { describe, expect, it } from 'vitest'
import { checkContractTerms, contractTimeline, initialTermEnd, type ContractTerms } from '#app/domain/contracts/index.ts'

const terms = (overrides: Partial<ContractTerms> = {}): ContractTerms => ({
  startDate: '2024-01-01',
  initialTermMonths: 36,
  renewalTermMonths: 12,
  noticeDays: 90,
  ...overrides,
})

describe('initialTermEnd', () => {
  it.each([
    ['2024-01-01', 36, '2027-01-01'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-08-31', 6, '2025-02-28'],
    ['2024-12-15', 1, '2025-01-15'],
  ])('a contract starting %s with a %i-month initial term runs until %s', (startDate, initialTermMonths, end) => {
    expect(initialTermEnd({ startDate, initialTermMonths })).toBe(end)
  })
})

describe('contractTimeline', () => {
  it('during the initial term the contractual notice applies and the deadline is that many days before the term ends', () => {
    const timeline = contractTimeline(terms({ noticeDays: 90 }), '2025-06-01')
    expect(timeline).toEqual({
      initialTermEnd: '2027-01-01',
      inInitialTerm: true,
      effectiveNoticeDays: 90,
      noticeDeadline: '2026-10-03',
      earliestEnd: '2025-08-30',
    })
  })

  it('the notice deadline across a month end is counted in calendar days', () => {
    const timeline = contractTimeline(terms({ startDate: '2024-01-31', initialTermMonths: 1, noticeDays: 10 }), '2024-02-01')
    expect(timeline.initialTermEnd).toBe('2024-02-29')
    expect(timeline.noticeDeadline).toBe('2024-02-19')
    expect(timeline.earliestEnd).toBe('2024-02-11')
  })

  it('after the initial term the notice is capped at one calendar month (Telecommunicatiewet 7.2a) and there is no deadline', () => {
    const timeline = contractTimeline(terms({ noticeDays: 90 }), '2027-03-15')
    expect(timeline.inInitialTerm).toBe(false)
    expect(timeline.effectiveNoticeDays).toBe(31)
    expect(timeline.noticeDeadline).toBeNull()
    expect(timeline.earliestEnd).toBe('2027-04-15')
  })

  it('after the initial term a contractual notice shorter than a month stays as agreed', () => {
    const timeline = contractTimeline(terms({ noticeDays: 14 }), '2027-03-15')
    expect(timeline.effectiveNoticeDays).toBe(14)
    expect(timeline.earliestEnd).toBe('2027-03-29')
  })

  it('the day the initial term ends is already after the initial term', () => {
    expect(contractTimeline(terms(), '2026-12-31').inInitialTerm).toBe(true)
    expect(contractTimeline(terms(), '2027-01-01').inInitialTerm).toBe(false)
  })

  it('a month-to-month contract (renewal 0) is capped the same way after its initial term', () => {
    const timeline = contractTimeline(terms({ renewalTermMonths: 0, noticeDays: 60 }), '2030-01-01')
    expect(timeline.effectiveNoticeDays).toBe(31)
    expect(timeline.earliestEnd).toBe('2030-02-01')
  })

  it('with zero notice the earliest end is the as-of date itself', () => {
    const timeline = contractTimeline(terms({ noticeDays: 0 }), '2025-05-05')
    expect(timeline.earliestEnd).toBe('2025-05-05')
    expect(timeline.noticeDeadline).toBe('2027-01-01')
  })
})

describe('checkContractTerms', () => {
  const today = '2025-06-01'

  it('accepts an ordinary contract', () => {
    expect(checkContractTerms(terms(), today)).toEqual([])
  })

  it.each([
    ['1979-12-31', 'contract.start_too_early'],
    ['2027-06-02', 'contract.start_too_late'],
  ] as const)('refuses start date %s with %s', (startDate, error) => {
    expect(checkContractTerms(terms({ startDate }), today)).toEqual([{ field: 'startDate', error }])
  })

  it('accepts the edges: 1 January 1980 and exactly two years ahead', () => {
    expect(checkContractTerms(terms({ startDate: '1980-01-01' }), today)).toEqual([])
    expect(checkContractTerms(terms({ startDate: '2027-06-01' }), today)).toEqual([])
  })

  it('refuses a notice period as long as the initial term or longer', () => {
    const oneMonth = { startDate: '2024-01-31', initialTermMonths: 1 }
    // 2024-01-31 + 1 month = 2024-02-29: 29 days.
    expect(checkContractTerms(terms({ ...oneMonth, noticeDays: 28 }), today)).toEqual([])
    expect(checkContractTerms(terms({ ...oneMonth, noticeDays: 29 }), today)).toEqual([{ field: 'noticeDays', error: 'contract.notice_exceeds_term' }])
    expect(checkContractTerms(terms({ ...oneMonth, noticeDays: 60 }), today)).toEqual([{ field: 'noticeDays', error: 'contract.notice_exceeds_term' }])
  })

  it('reports every problem at once', () => {
    const problems = checkContractTerms(terms({ startDate: '1970-01-01', initialTermMonths: 1, noticeDays: 365 }), today)
    expect(problems.map((p) => p.field)).toEqual(['startDate', 'noticeDays'])
  })
})
