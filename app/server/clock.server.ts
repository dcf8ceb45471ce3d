// The one clock: today's date where the buildings are (the Netherlands), whatever the server's zone.
import type { IsoDate } from '#app/domain/dates.ts'

/** Today's date in Europe/Amsterdam as `YYYY-MM-DD`. */
export function todayInNetherlands(now = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}
