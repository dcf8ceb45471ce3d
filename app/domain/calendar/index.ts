import { DayOfWeek, LocalDate } from '@js-joda/core'
import Holidays from 'date-holidays'
import type { IsoDate } from '../dates.ts'

/**
 * Dutch public holidays that close carriers and installers: the library's `public` days
 * (New Year's Day, Easter, Easter Monday, King's Day, Ascension Day, Whitsun, Whit Monday,
 * Christmas, Boxing Day) plus Liberation Day in lustrum years (2025, 2030, ...), which the
 * library lists every year as a school holiday only.
 */
export interface PublicHoliday {
  date: IsoDate
  /** Name as published by the library, in Dutch (`Koningsdag`) and English (`King's Day`). */
  name: { nl: string; en: string }
}

const library = new Holidays('NL')
const cache = new Map<number, Map<IsoDate, PublicHoliday['name']>>()

function holidaysOf(year: number): Map<IsoDate, PublicHoliday['name']> {
  const cached = cache.get(year)
  if (cached) return cached
  const days = new Map<IsoDate, PublicHoliday['name']>()
  // Both lists come from the same rules in the same order; pair them by position, not by date:
  // two holidays can share a date (Ascension Day on 5 May, as in 2005 and 2016). The first wins.
  const english = library.getHolidays(year, 'en')
  library.getHolidays(year, 'nl').forEach((holiday, i) => {
    const date = holiday.date.slice(0, 10)
    const isLiberationDay = date.endsWith('-05-05')
    if (days.has(date)) return
    if (holiday.type === 'public' || (isLiberationDay && year % 5 === 0)) {
      const en = english[i]?.date === holiday.date ? english[i]!.name : holiday.name
      days.set(date, { nl: holiday.name, en })
    }
  })
  cache.set(year, days)
  return days
}

export function dutchPublicHolidays(year: number): PublicHoliday[] {
  return [...holidaysOf(year)].map(([date, name]) => ({ date, name }))
}

/** The public holiday on this date, or null. */
export function publicHoliday(date: IsoDate): PublicHoliday | null {
  const name = holidaysOf(Number(date.slice(0, 4))).get(date)
  return name ? { date, name } : null
}

export function isWeekend(date: IsoDate): boolean {
  const day = LocalDate.parse(date).dayOfWeek()
  return day === DayOfWeek.SATURDAY || day === DayOfWeek.SUNDAY
}

/** Monday to Friday and not a Dutch public holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && publicHoliday(date) === null
}

/** Why a date is not a working day, or null when it is one. */
export function nonWorkingReason(date: IsoDate): { kind: 'weekend' } | { kind: 'holiday'; name: PublicHoliday['name'] } | null {
  if (isWeekend(date)) return { kind: 'weekend' }
  const holiday = publicHoliday(date)
  return holiday ? { kind: 'holiday', name: holiday.name } : null
}

/** Working days `d` with `from <= d < to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let day = LocalDate.parse(from)
  const end = LocalDate.parse(to)
  let count = 0
  while (day.isBefore(end)) {
    if (isWorkingDay(day.toString())) count++
    day = day.plusDays(1)
  }
  return count
}

/** The date itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let day = LocalDate.parse(date)
  while (!isWorkingDay(day.toString())) day = day.plusDays(1)
  return day.toString()
}

/** The last working day strictly before the date. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  let day = LocalDate.parse(date).minusDays(1)
  while (!isWorkingDay(day.toString())) day = day.minusDays(1)
  return day.toString()
}
