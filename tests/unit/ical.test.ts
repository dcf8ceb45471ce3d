import { describe, expect, it } from 'vitest'
import { toICalendar, type AllDayEvent } from '#app/domain/calendar/ical.ts'

const stamp = new Date('2026-03-02T09:15:00Z')
const render = (events: AllDayEvent[], name = 'Sharedline – Gebouw A') => toICalendar({ name, events, stamp, refreshSeconds: 3600 })
/** The content lines, with folded lines joined again (RFC 5545 §3.1). */
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n')

describe('toICalendar', () => {
  it('writes a calendar of all-day events with CRLF line ends, stable UIDs and a DTSTAMP', () => {
    const ics = render([{ uid: 'port-r1@sharedline', date: '2026-05-12', summary: 'Porteringsdatum: Acme BV → Vodafone', url: 'http://localhost:3000/buildings/b/requests/r1' }])
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n')
    const lines = unfolded(ics)
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VEVENT',
        'UID:port-r1@sharedline',
        'DTSTAMP:20260302T091500Z',
        'DTSTART;VALUE=DATE:20260512',
        'SUMMARY:Porteringsdatum: Acme BV → Vodafone',
        'URL;VALUE=URI:http://localhost:3000/buildings/b/requests/r1',
        'END:VEVENT',
      ]),
    )
    expect(lines.filter((l) => l.startsWith('REFRESH-INTERVAL') || l.startsWith('X-PUBLISHED-TTL'))).toHaveLength(2)
  })

  it('escapes commas, semicolons, backslashes and new lines in text', () => {
    const ics = render([{ uid: 'x@sharedline', date: '2026-05-12', summary: 'KPN; MC-1, a\\b', description: 'line one\nline two' }], 'Gebouw A, Amsterdam; zuid')
    const lines = unfolded(ics)
    expect(lines).toContain('SUMMARY:KPN\\; MC-1\\, a\\\\b')
    expect(lines).toContain('DESCRIPTION:line one\\nline two')
    expect(lines).toContain('X-WR-CALNAME:Gebouw A\\, Amsterdam\\; zuid')
  })

  it('folds lines longer than 75 octets, counting multi-byte characters by their bytes', () => {
    const summary = `Opzeggen uiterlijk: ${'é'.repeat(60)} ${'x'.repeat(80)}`
    const ics = render([{ uid: 'long@sharedline', date: '2026-05-12', summary }])
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    expect(unfolded(ics)).toContain(`SUMMARY:${summary}`)
  })

  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/Amsterdam'])('writes the date as given when the server runs in %s', (zone) => {
    const before = process.env.TZ
    process.env.TZ = zone
    try {
      expect(new Date('2026-01-01T00:30:00Z').getTimezoneOffset()).toBe(zone === 'Pacific/Kiritimati' ? -840 : zone === 'America/Los_Angeles' ? 480 : -60)
      const ics = render([{ uid: 'd@sharedline', date: '2026-01-01', summary: 'Nieuwjaar' }])
      expect(unfolded(ics)).toContain('DTSTART;VALUE=DATE:20260101')
    } finally {
      if (before === undefined) delete process.env.TZ
      else process.env.TZ = before
    }
  })

  it('writes an empty calendar when nothing is planned', () => {
    const ics = render([])
    expect(ics).not.toContain('BEGIN:VEVENT')
    expect(unfolded(ics)).toContain('X-WR-CALNAME:Sharedline – Gebouw A')
  })
})
