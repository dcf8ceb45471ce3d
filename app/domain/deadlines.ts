// Dates a facility manager has to act on: contract notice deadlines, the port, installation and data
// cut-over dates of open requests, and drafts nobody works on. Pure: the services load the facts,
// these functions decide what is due. The notice deadline itself comes from the contract timeline
// (app/domain/contracts), the same one the building overview shows.
import { ChronoUnit, DayOfWeek, LocalDate } from '@js-joda/core'
import { contractTimeline, type ContractTerms } from './contracts/index.ts'
import { compareDates, isIsoDate, minusDays, plusDays, plusMonths, type IsoDate } from './dates.ts'

/** Notice deadlines this many days ahead are on the dashboard and in the digest mail. */
export const noticeHorizonDays = 90
/** Port and installation dates of this week: today and the six days after it. */
export const weekDays = 7
/** A draft nobody changed for this many days is stale. */
export const staleDraftDays = 14
/** The iCal feed holds notice deadlines this many months ahead. */
export const feedNoticeHorizonMonths = 12

export const deadlineKinds = ['notice', 'port', 'install', 'cutover', 'stale_draft'] as const
export type DeadlineKind = (typeof deadlineKinds)[number]
export type RequestDateKind = Extract<DeadlineKind, 'port' | 'install' | 'cutover'>

export interface ContractFacts extends ContractTerms {
  id: string
  buildingId: string
  carrierName: string
  contractNumber: string
}

/** An open request's planned dates as stored in its request file (null when absent or not a date). */
export interface RequestFacts {
  id: string
  buildingId: string
  requesterName: string
  targetCarrier: string | null
  portDate: string | null
  installDate: string | null
  cutoverDate: string | null
}

export interface DraftFacts {
  id: string
  buildingId: string
  requesterName: string
  /** The day (in the Netherlands) the draft was last changed. */
  lastChanged: IsoDate
}

export type Deadline =
  | { kind: 'notice'; date: IsoDate; buildingId: string; contractId: string; carrierName: string; contractNumber: string }
  | { kind: RequestDateKind; date: IsoDate; buildingId: string; requestId: string; requesterName: string; targetCarrier: string | null }
  /** `date` is the day of the last change. */
  | { kind: 'stale_draft'; date: IsoDate; buildingId: string; requestId: string; requesterName: string }

const within = (date: IsoDate, from: IsoDate, to: IsoDate) => compareDates(date, from) >= 0 && compareDates(date, to) <= 0

/** Contracts whose notice deadline (last day to give notice before tacit renewal) falls in [today, until]. */
export function noticeDeadlines(contracts: readonly ContractFacts[], today: IsoDate, until: IsoDate): Deadline[] {
  return contracts.flatMap((c) => {
    const deadline = contractTimeline(c, today).noticeDeadline
    if (deadline === null || !within(deadline, today, until)) return []
    return [{ kind: 'notice' as const, date: deadline, buildingId: c.buildingId, contractId: c.id, carrierName: c.carrierName, contractNumber: c.contractNumber }]
  })
}

/**
 * The planned dates of open requests. The installation and cut-over dates count only where they
 * differ from the port date (the request file defaults both to it; the port date covers that day).
 */
export function requestDates(requests: readonly RequestFacts[], kinds: readonly RequestDateKind[], range?: { from: IsoDate; to: IsoDate }): Deadline[] {
  return requests.flatMap((r) => {
    const port = r.portDate !== null && isIsoDate(r.portDate) ? r.portDate : null
    const other = (value: string | null) => (value !== null && isIsoDate(value) && value !== port ? value : null)
    const dates: Record<RequestDateKind, IsoDate | null> = { port, install: other(r.installDate), cutover: other(r.cutoverDate) }
    return kinds.flatMap((kind) => {
      const date = dates[kind]
      if (date === null || (range && !within(date, range.from, range.to))) return []
      return [{ kind, date, buildingId: r.buildingId, requestId: r.id, requesterName: r.requesterName, targetCarrier: r.targetCarrier }]
    })
  })
}

/** Drafts last changed `staleDraftDays` or more days before today. */
export function staleDrafts(drafts: readonly DraftFacts[], today: IsoDate): Deadline[] {
  const cutoff = minusDays(today, staleDraftDays)
  return drafts
    .filter((d) => compareDates(d.lastChanged, cutoff) <= 0)
    .map((d) => ({ kind: 'stale_draft' as const, date: d.lastChanged, buildingId: d.buildingId, requestId: d.id, requesterName: d.requesterName }))
}

export interface ScheduleFacts {
  contracts: readonly ContractFacts[]
  requests: readonly RequestFacts[]
  drafts: readonly DraftFacts[]
}

/**
 * What needs attention as of today: notice deadlines in the next `noticeHorizonDays` days, port and
 * installation dates of this week, and stale drafts — oldest date first.
 */
export function dueDeadlines(facts: ScheduleFacts, today: IsoDate): Deadline[] {
  return sortDeadlines([
    ...noticeDeadlines(facts.contracts, today, plusDays(today, noticeHorizonDays)),
    ...requestDates(facts.requests, ['port', 'install'], { from: today, to: plusDays(today, weekDays - 1) }),
    ...staleDrafts(facts.drafts, today),
  ])
}

/**
 * The events of a building's calendar feed: notice deadlines in the next `feedNoticeHorizonMonths`
 * months and every port, installation and data cut-over date of its open requests.
 */
export function calendarDeadlines(facts: Omit<ScheduleFacts, 'drafts'>, today: IsoDate): Deadline[] {
  return sortDeadlines([
    ...noticeDeadlines(facts.contracts, today, plusMonths(today, feedNoticeHorizonMonths)),
    ...requestDates(facts.requests, ['port', 'install', 'cutover']),
  ])
}

export function sortDeadlines(deadlines: Deadline[]): Deadline[] {
  const order = (d: Deadline) => deadlineKinds.indexOf(d.kind)
  return deadlines.sort((a, b) => compareDates(a.date, b.date) || order(a) - order(b) || deadlineTitle(a).localeCompare(deadlineTitle(b)))
}

/** What a deadline is about, in no particular language: the contract, or the requester and its carrier. */
export function deadlineTitle(d: Deadline): string {
  if (d.kind === 'notice') return `${d.carrierName} ${d.contractNumber}`
  if (d.kind === 'stale_draft' || !d.targetCarrier) return d.requesterName
  return `${d.requesterName} → ${d.targetCarrier}`
}

/** A stable id per event (contract or request, and kind), so a calendar app updates instead of duplicating. */
export function deadlineUid(d: Deadline): string {
  return `${d.kind}-${d.kind === 'notice' ? d.contractId : d.requestId}@sharedline`
}

/**
 * Days before a notice deadline on which the digest mails it, besides the weekly overview: the
 * dashboard shows it every day, the inbox hears of it at these moments only.
 */
export const noticeReminderDays = [90, 60, 30, 14, 7, 3, 1, 0] as const

/**
 * Whether today's digest goes out: on Mondays (the week's overview of everything on the list), and on
 * a day a notice deadline reaches one of the reminder moments. Port dates have their own reminder the
 * day before; stale drafts wait for Monday.
 */
export function digestDueToday(deadlines: readonly Deadline[], today: IsoDate): boolean {
  if (LocalDate.parse(today).dayOfWeek() === DayOfWeek.MONDAY) return deadlines.length > 0
  return deadlines.some((d) => d.kind === 'notice' && (noticeReminderDays as readonly number[]).includes(daysUntil(today, d.date)))
}

/** Days from today to the date (negative when it lies in the past). */
export function daysUntil(today: IsoDate, date: IsoDate): number {
  return LocalDate.parse(today).until(LocalDate.parse(date), ChronoUnit.DAYS)
}
