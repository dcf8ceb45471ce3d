import { describe, expect, it } from 'vitest'
import { contractTimeline } from '#app/domain/contracts/index.ts'
import { plusDays, plusMonths } from '#app/domain/dates.ts'
import {
  calendarDeadlines,
  daysUntil,
  deadlineTitle,
  deadlineUid,
  digestDueToday,
  dueDeadlines,
  noticeHorizonDays,
  staleDraftDays,
  type ContractFacts,
  type Deadline,
  type DraftFacts,
  type RequestFacts,
} from '#app/domain/deadlines.ts'

const today = '2026-03-02'

/** A contract whose notice deadline lies `days` after today (12-month initial term, 30 days' notice). */
function contractDue(days: number, id = `c${days}`): ContractFacts {
  // Deadline = start + 12 months − 30 days, so start = (today + days + 30) − 12 months.
  const startDate = plusMonths(plusDays(today, days + 30), -12)
  return { id, buildingId: 'b1', carrierName: 'KPN', contractNumber: `MC-${days}`, startDate, initialTermMonths: 12, renewalTermMonths: 0, noticeDays: 30 }
}

const request = (overrides: Partial<RequestFacts>): RequestFacts => ({
  id: 'r1',
  buildingId: 'b1',
  requesterName: 'Acme BV',
  targetCarrier: 'Vodafone',
  portDate: null,
  installDate: null,
  cutoverDate: null,
  ...overrides,
})
const draft = (lastChanged: string, id = lastChanged): DraftFacts => ({ id, buildingId: 'b1', requesterName: 'Beta BV', lastChanged })
const none = { contracts: [], requests: [], drafts: [] }

describe('dueDeadlines', () => {
  it('the test contract really has its notice deadline where the table says (the contract timeline decides)', () => {
    expect(contractTimeline(contractDue(30), today).noticeDeadline).toBe(plusDays(today, 30))
    expect(contractTimeline(contractDue(120), today).noticeDeadline).toBe(plusDays(today, 120))
  })

  it.each([
    [0, true],
    [30, true],
    [noticeHorizonDays, true],
    [noticeHorizonDays + 1, false],
    [120, false],
    [-1, false],
  ])('a notice deadline %i days from today is due: %s', (days, shown) => {
    const due = dueDeadlines({ ...none, contracts: [contractDue(days)] }, today)
    expect(due.map((d) => d.date)).toEqual(shown ? [plusDays(today, days)] : [])
  })

  it('a contract past its initial term has no notice deadline (one month’s notice any day, art. 7.2a)', () => {
    const renewed: ContractFacts = { ...contractDue(0), startDate: '2020-01-01', initialTermMonths: 12 }
    expect(dueDeadlines({ ...none, contracts: [renewed] }, today)).toEqual([])
  })

  it.each([
    [0, true],
    [6, true],
    [7, false],
    [-1, false],
  ])('a port date %i days from today is this week: %s', (days, shown) => {
    const due = dueDeadlines({ ...none, requests: [request({ portDate: plusDays(today, days) })] }, today)
    expect(due.map((d) => [d.kind, d.date])).toEqual(shown ? [['port', plusDays(today, days)]] : [])
  })

  it('shows an installation date of this week that differs from the port date, and never the cut-over date', () => {
    const r = request({ portDate: plusDays(today, 10), installDate: plusDays(today, 2), cutoverDate: plusDays(today, 3) })
    expect(dueDeadlines({ ...none, requests: [r] }, today).map((d) => [d.kind, d.date])).toEqual([['install', plusDays(today, 2)]])
  })

  it('an installation date equal to the port date is the port date’s event, not a second one', () => {
    const r = request({ portDate: plusDays(today, 2), installDate: plusDays(today, 2) })
    expect(dueDeadlines({ ...none, requests: [r] }, today).map((d) => d.kind)).toEqual(['port'])
  })

  it('ignores dates a stored request file holds in a broken form', () => {
    const r = request({ portDate: '2026-02-30', installDate: 'soon' })
    expect(dueDeadlines({ ...none, requests: [r] }, today)).toEqual([])
  })

  it(`a draft is stale after ${staleDraftDays} days without a change`, () => {
    const due = dueDeadlines({ ...none, drafts: [draft(plusDays(today, -staleDraftDays)), draft(plusDays(today, -(staleDraftDays - 1))), draft('2025-01-01')] }, today)
    expect(due.map((d) => [d.kind, d.date])).toEqual([
      ['stale_draft', '2025-01-01'],
      ['stale_draft', plusDays(today, -staleDraftDays)],
    ])
  })

  it('lists the soonest first, and on one day notice before port before installation', () => {
    const day = plusDays(today, 3)
    const due = dueDeadlines(
      { contracts: [contractDue(3), contractDue(40)], requests: [request({ portDate: plusDays(today, 5), installDate: day }), request({ id: 'r2', portDate: day })], drafts: [] },
      today,
    )
    expect(due.map((d) => [d.kind, d.date])).toEqual([
      ['notice', day],
      ['port', day],
      ['install', day],
      ['port', plusDays(today, 5)],
      ['notice', plusDays(today, 40)],
    ])
  })
})

describe('calendarDeadlines', () => {
  it('holds notice deadlines of the next 12 months and every port, installation and cut-over date, but no drafts', () => {
    const r = request({ portDate: plusDays(today, 60), installDate: plusDays(today, 50), cutoverDate: plusDays(today, 61) })
    const events = calendarDeadlines({ contracts: [contractDue(120), contractDue(364), contractDue(400)], requests: [r] }, today)
    expect(events.map((d) => [d.kind, d.date])).toEqual([
      ['install', plusDays(today, 50)],
      ['port', plusDays(today, 60)],
      ['cutover', plusDays(today, 61)],
      ['notice', plusDays(today, 120)],
      ['notice', plusDays(today, 364)],
    ])
  })
})

describe('names and ids of deadlines', () => {
  it('titles a contract by carrier and number, a request by requester and carrier', () => {
    const [notice] = dueDeadlines({ ...none, contracts: [contractDue(5)] }, today)
    const [port] = dueDeadlines({ ...none, requests: [request({ portDate: today })] }, today)
    const [unknownCarrier] = dueDeadlines({ ...none, requests: [request({ portDate: today, targetCarrier: null })] }, today)
    expect([notice, port, unknownCarrier].map((d) => deadlineTitle(d!))).toEqual(['KPN MC-5', 'Acme BV → Vodafone', 'Acme BV'])
  })

  it('gives each event an id that stays the same when its date moves, and differs per kind', () => {
    const before = calendarDeadlines({ contracts: [], requests: [request({ portDate: plusDays(today, 3), installDate: plusDays(today, 1) })] }, today)
    const after = calendarDeadlines({ contracts: [], requests: [request({ portDate: plusDays(today, 9), installDate: plusDays(today, 1) })] }, today)
    expect(before.map(deadlineUid)).toEqual(['install-r1@sharedline', 'port-r1@sharedline'])
    expect(after.map(deadlineUid)).toEqual(before.map(deadlineUid))
  })

  it('counts days to a date, negative in the past', () => {
    expect([daysUntil(today, today), daysUntil(today, '2026-03-03'), daysUntil(today, '2026-02-27'), daysUntil('2026-03-28', '2026-03-30')]).toEqual([0, 1, -3, 2])
  })
})

describe('when the deadline digest is mailed', () => {
  const notice = (date: string): Deadline => ({ kind: 'notice', date, buildingId: 'b', contractId: 'c', carrierName: 'KPN', contractNumber: 'MC-1' })
  const port = (date: string): Deadline => ({ kind: 'port', date, buildingId: 'b', requestId: 'r', requesterName: 'X', targetCarrier: 'Y' })

  it('a notice deadline is mailed 90, 60, 30, 14, 7, 3 and 1 days ahead and on the day, not in between', () => {
    const tuesday = '2026-11-24'
    const mailedAhead = Array.from({ length: 91 }, (_, days) => days).filter((days) => digestDueToday([notice(plusDays(tuesday, days))], tuesday))
    expect(mailedAhead).toEqual([0, 1, 3, 7, 14, 30, 60, 90])
  })

  it('on Mondays everything on the list goes out; a port date alone waits for Monday (it has its own reminder the day before)', () => {
    expect(digestDueToday([port('2026-11-27')], '2026-11-24')).toBe(false)
    expect(digestDueToday([port('2026-11-27'), notice('2027-01-10')], '2026-11-23')).toBe(true)
    expect(digestDueToday([], '2026-11-23')).toBe(false)
  })
})
