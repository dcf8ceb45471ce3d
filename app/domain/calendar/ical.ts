// A calendar of all-day events as iCalendar text (RFC 5545), for subscription from calendar apps.
// ical-generator writes the properties, escapes their text and folds long lines.
import ical from 'ical-generator'
import type { IsoDate } from '../dates.ts'

export interface AllDayEvent {
  /** Stable across requests, so a calendar app updates an event instead of adding it again. */
  uid: string
  date: IsoDate
  summary: string
  description?: string
  url?: string
}

export interface CalendarDocument {
  name: string
  events: readonly AllDayEvent[]
  /** DTSTAMP of every event: when this document was made. */
  stamp: Date
  /** How often a subscribed app should fetch the feed again. */
  refreshSeconds?: number
}

/** TEXT escaping of RFC 5545 §3.3.11, for the calendar name, which ical-generator writes unescaped. */
function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')
}

export function toICalendar(document: CalendarDocument): string {
  const calendar = ical({
    name: escapeText(document.name),
    prodId: { company: 'Sharedline', product: 'Sharedline', language: 'NL' },
    ...(document.refreshSeconds ? { ttl: document.refreshSeconds } : {}),
  })
  for (const event of document.events) {
    calendar.createEvent({
      id: event.uid,
      // A date-only string is written as DTSTART;VALUE=DATE, whatever the server's time zone.
      start: event.date,
      allDay: true,
      stamp: document.stamp,
      summary: event.summary,
      ...(event.description ? { description: event.description } : {}),
      ...(event.url ? { url: event.url } : {}),
    })
  }
  return calendar.toString()
}
