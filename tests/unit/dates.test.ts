import { describe, expect, it } from 'vitest'
import { formatIsoDate, isIsoDate } from '#app/domain/dates.ts'

describe('formatIsoDate', () => {
  it.each([
    ['2026-04-27', '27-04-2026'],
    ['2026-01-05', '05-01-2026'],
    ['2024-02-29', '29-02-2024'],
    ['1999-12-31', '31-12-1999'],
  ])('writes %s in Dutch as dd-mm-jjjj: %s', (iso, expected) => {
    expect(formatIsoDate(iso, 'nl')).toBe(expected)
  })

  it.each([
    ['2026-04-27', '27 Apr 2026'],
    ['2026-01-05', '5 Jan 2026'],
  ])('writes %s in English as day, short month and year: %s', (iso, expected) => {
    expect(formatIsoDate(iso, 'en')).toBe(expected)
  })

  it('writes the same calendar day in English whatever the time zone, since an ISO date has none', () => {
    // Midnight UTC is the previous evening in the Americas: the day must not shift.
    const saved = process.env.TZ
    process.env.TZ = 'America/New_York'
    try {
      expect(formatIsoDate('2026-03-01', 'en')).toBe('1 Mar 2026')
      expect(formatIsoDate('2026-03-01', 'nl')).toBe('01-03-2026')
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })
})

describe('isIsoDate', () => {
  it.each(['2026-04-27', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts the real calendar date %s', (value) => {
    expect(isIsoDate(value)).toBe(true)
  })

  it.each([
    ['2026-02-30', 'February has no 30th'],
    ['2025-02-29', '2025 is not a leap year'],
    ['1900-02-29', '1900 is not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'there is no 13th month'],
    ['2026-00-10', 'there is no month 0'],
    ['2026-01-00', 'there is no day 0'],
    ['2026-4-27', 'the month needs two digits'],
    ['27-04-2026', 'Dutch order is not ISO'],
    ['2026-04-27T00:00:00Z', 'a timestamp is not a date'],
    [' 2026-04-27', 'no surrounding spaces'],
    ['', 'empty'],
  ])('rejects %j: %s', (value) => {
    expect(isIsoDate(value)).toBe(false)
  })
})
