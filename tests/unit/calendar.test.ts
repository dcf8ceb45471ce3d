import { LocalDate } from '@js-joda/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  dutchPublicHolidays,
  isWeekend,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  previousWorkingDay,
  publicHoliday,
  workingDaysBetween,
} from '#app/domain/calendar/index.ts'

describe('dutchPublicHolidays', () => {
  // The library's `public` days (Easter Sunday and Whit Sunday included; they are Sundays anyway),
  // plus Liberation Day in lustrum years only.
  it.each([
    [2024, ['01-01', '03-31', '04-01', '04-27', '05-09', '05-19', '05-20', '12-25', '12-26']],
    [2025, ['01-01', '04-20', '04-21', '04-26', '05-05', '05-29', '06-08', '06-09', '12-25', '12-26']],
    [2026, ['01-01', '04-05', '04-06', '04-27', '05-14', '05-24', '05-25', '12-25', '12-26']],
    [2030, ['01-01', '04-21', '04-22', '04-27', '05-05', '05-30', '06-09', '06-10', '12-25', '12-26']],
    [2031, ['01-01', '04-13', '04-14', '04-26', '05-22', '06-01', '06-02', '12-25', '12-26']],
  ])('the Dutch public holidays of %i are exactly these days', (year, days) => {
    expect(dutchPublicHolidays(year).map((h) => h.date)).toEqual(days.map((d) => `${year}-${d}`))
  })

  it('King’s Day is 27 April, or Saturday 26 April when the 27th is a Sunday (2025, 2031)', () => {
    expect(publicHoliday('2026-04-27')?.name).toEqual({ nl: 'Koningsdag', en: "King's Day" })
    expect(publicHoliday('2025-04-26')?.name.en).toBe("King's Day")
    expect(publicHoliday('2025-04-27')).toBeNull()
    expect(publicHoliday('2031-04-26')?.name.en).toBe("King's Day")
    expect(publicHoliday('2031-04-27')).toBeNull()
  })

  it('Liberation Day is a public holiday only in lustrum years (divisible by five)', () => {
    for (const year of [2020, 2025, 2030, 2035]) expect(publicHoliday(`${year}-05-05`)?.name, String(year)).toEqual({ nl: 'Bevrijdingsdag', en: 'Liberation Day' })
    for (const year of [2021, 2024, 2026, 2027, 2029, 2031]) expect(publicHoliday(`${year}-05-05`), String(year)).toBeNull()
    expect(isWorkingDay('2025-05-05')).toBe(false) // a Monday
    expect(isWorkingDay('2026-05-05')).toBe(true) // a Tuesday
  })

  it('when Ascension Day falls on 5 May its Dutch and English names stay the same holiday (2016, 2005)', () => {
    expect(publicHoliday('2016-05-05')?.name).toEqual({ nl: 'Hemelvaartsdag', en: 'Ascension Day' })
    expect(publicHoliday('2005-05-05')?.name).toEqual({ nl: 'Hemelvaartsdag', en: 'Ascension Day' })
    expect(dutchPublicHolidays(2005).filter((h) => h.date === '2005-05-05')).toHaveLength(1)
  })

  it('Good Friday, Remembrance Day and New Year’s Eve are working days', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true)
    expect(isWorkingDay('2026-05-04')).toBe(true)
    expect(isWorkingDay('2025-12-31')).toBe(true)
  })
})

describe('isWorkingDay and nonWorkingReason', () => {
  it.each([
    ['2026-03-07', { kind: 'weekend' }],
    ['2026-03-08', { kind: 'weekend' }],
    ['2026-04-06', { kind: 'holiday', name: { nl: 'Tweede paasdag', en: 'Easter Monday' } }],
    ['2025-12-25', { kind: 'holiday', name: { nl: 'Kerstmis', en: 'Christmas Day' } }],
    ['2025-12-26', { kind: 'holiday', name: { nl: 'Tweede kerstdag', en: 'Boxing Day' } }],
    ['2026-05-14', { kind: 'holiday', name: { nl: 'Hemelvaartsdag', en: 'Ascension Day' } }],
    ['2026-05-25', { kind: 'holiday', name: { nl: 'Tweede pinksterdag', en: 'Whit Monday' } }],
    ['2027-01-01', { kind: 'holiday', name: { nl: 'Nieuwjaar', en: "New Year's Day" } }],
  ])('%s is not a working day: %j', (date, reason) => {
    expect(isWorkingDay(date)).toBe(false)
    expect(nonWorkingReason(date)).toEqual(reason)
  })

  it('a holiday on a weekend is reported as the weekend', () => {
    expect(nonWorkingReason('2025-04-26')).toEqual({ kind: 'weekend' })
    expect(isWeekend('2025-04-26')).toBe(true)
  })

  it('an ordinary weekday is a working day with no reason', () => {
    expect(isWorkingDay('2026-03-04')).toBe(true)
    expect(nonWorkingReason('2026-03-04')).toBeNull()
  })
})

describe('workingDaysBetween (the service gap)', () => {
  it.each([
    ['2026-03-02', '2026-03-02', 0, 'port and installation on the same day'],
    ['2026-03-02', '2026-03-03', 1, 'port Monday, installation Tuesday'],
    ['2026-03-03', '2026-03-05', 2, 'port Tuesday, installation Thursday'],
    ['2026-03-05', '2026-03-02', 0, 'installation before the port date'],
    ['2026-03-06', '2026-03-09', 1, 'port Friday, installation Monday'],
    ['2026-03-07', '2026-03-09', 0, 'port Saturday, installation Monday'],
    ['2026-04-24', '2026-04-28', 1, 'over King’s Day 2026'],
    ['2026-04-03', '2026-04-07', 1, 'from Good Friday over Easter Monday 2026'],
    ['2025-12-24', '2025-12-29', 1, 'over Christmas and Boxing Day 2025'],
    ['2025-05-02', '2025-05-06', 1, 'over Liberation Day 2025 (lustrum)'],
    ['2026-05-04', '2026-05-06', 2, 'over 5 May 2026 (no lustrum)'],
    ['2026-12-24', '2027-01-04', 5, 'from Christmas Eve 2026 to the first Monday of 2027'],
  ])('%s → %s: %i working days (%s)', (from, to, days) => {
    expect(workingDaysBetween(from, to)).toBe(days)
  })

  const dateArb = fc.integer({ min: 0, max: 3_000 }).map((n) => LocalDate.parse('2024-01-01').plusDays(n).toString())

  it('counts the working days d with from ≤ d < to, and adds up over consecutive periods', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (from, a, b) => {
        const middle = LocalDate.parse(from).plusDays(a).toString()
        const to = LocalDate.parse(middle).plusDays(b).toString()
        let count = 0
        for (let d = LocalDate.parse(from); d.isBefore(LocalDate.parse(to)); d = d.plusDays(1)) if (isWorkingDay(d.toString())) count++
        expect(workingDaysBetween(from, to)).toBe(count)
        expect(workingDaysBetween(from, middle) + workingDaysBetween(middle, to)).toBe(count)
        expect(workingDaysBetween(to, from)).toBe(0)
      }),
    )
  })

  it('nextWorkingDay is the date itself or the first working day after it; previousWorkingDay is strictly before', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const next = nextWorkingDay(date)
        expect(isWorkingDay(next)).toBe(true)
        expect(workingDaysBetween(date, next)).toBe(0)
        if (isWorkingDay(date)) expect(next).toBe(date)
        const previous = previousWorkingDay(date)
        expect(isWorkingDay(previous)).toBe(true)
        expect(previous < date).toBe(true)
        expect(workingDaysBetween(previous, date)).toBe(1)
      }),
    )
  })

  it.each([
    ['2025-12-25', '2025-12-29'],
    ['2026-04-25', '2026-04-28'],
    ['2025-05-03', '2025-05-06'],
    ['2026-03-04', '2026-03-04'],
  ])('the next working day from %s is %s', (date, next) => {
    expect(nextWorkingDay(date)).toBe(next)
  })

  it.each([
    ['2026-04-28', '2026-04-24'],
    ['2026-01-02', '2025-12-31'],
    ['2025-05-06', '2025-05-02'],
  ])('the working day before %s is %s', (date, previous) => {
    expect(previousWorkingDay(date)).toBe(previous)
  })
})
