import { DateTimeFormatter, LocalDate } from '@js-joda/core'

/** ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string

const isoPattern = /^\d{4}-\d{2}-\d{2}$/

export function isIsoDate(value: string): boolean {
  if (!isoPattern.test(value)) return false
  try {
    LocalDate.parse(value)
    return true
  } catch {
    return false
  }
}

export function plusMonths(date: IsoDate, months: number): IsoDate {
  return LocalDate.parse(date).plusMonths(months).toString()
}

export function plusDays(date: IsoDate, days: number): IsoDate {
  return LocalDate.parse(date).plusDays(days).toString()
}

export function minusDays(date: IsoDate, days: number): IsoDate {
  return LocalDate.parse(date).minusDays(days).toString()
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return LocalDate.parse(a).compareTo(LocalDate.parse(b))
}

/** Formats an ISO date as `dd-mm-jjjj` (Dutch) or `dd/mm/yyyy`-free ISO-like English `d MMM yyyy`. */
export function formatIsoDate(date: IsoDate, locale: 'nl' | 'en'): string {
  const d = LocalDate.parse(date)
  if (locale === 'nl') return d.format(DateTimeFormatter.ofPattern('dd-MM-yyyy'))
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  )
}
