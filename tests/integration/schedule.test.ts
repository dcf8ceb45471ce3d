import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { minusDays, plusDays, plusMonths } from '#app/domain/dates.ts'
import * as portfolioPage from '#app/routes/buildings/index.tsx'
import * as calendarPage from '#app/routes/schedule/calendar.tsx'
import * as feedRoute from '#app/routes/schedule/feed.ts'
import * as outboxPage from '#app/routes/schedule/outbox.tsx'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { ForbiddenError } from '#app/server/errors.server.ts'
import { createBackgroundJobs, startBackgroundJobs } from '#app/server/jobs.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { hashToken } from '#app/server/tokens.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { createCalendarFeed } from '#app/services/calendar-feeds.server.ts'
import { hourlyMailJobs, listDeadlines, queueDeadlineDigests } from '#app/services/deadlines.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, calendarFeeds, migrationRequests, outbox, users, type contracts } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertContract, insertTenant, insertUser, testPassword } from '#tests/support/factories.ts'
import { auditEntries, refusal } from '#tests/support/factories-tenants.ts'
import { freePort } from '#tests/support/net.ts'
import { startSmtpPeer, type SmtpPeer } from '#tests/support/smtp.ts'

let db: Db
/** The Dutch date the pages and the feed go by; the data below is placed relative to it. */
const today = todayInNetherlands()
const icsDate = (iso: string) => iso.replaceAll('-', '')

beforeAll(async () => {
  vi.stubEnv('SESSION_SECRET', 'a test secret of at least sixteen characters')
  // Mail is kept in the in-app outbox unless SMTP_URL is set; these tests run without it.
  vi.stubEnv('SMTP_URL', undefined)
  const database = await createTestDatabase()
  setDatabase(database)
  db = database.db
})

/** A contract whose notice deadline lies `days` after today (12-month initial term, 30 days' notice). */
const contractDue = (buildingId: string, days: number, overrides: Partial<typeof contracts.$inferInsert> = {}) =>
  insertContract(db, buildingId, { startDate: plusMonths(plusDays(today, days + 30), -12), initialTermMonths: 12, noticeDays: 30, contractNumber: `MC-${days}-${Math.random().toString(36).slice(2, 6)}`, ...overrides })

/** A migration request straight in the database, in any state, with its request file's dates. */
async function insertRequest(buildingId: string, tenantId: string, state: (typeof migrationRequests.$inferInsert)['state'], dates: { portDate: string; installDate?: string; cutoverDate?: string }, updatedAt = new Date()) {
  const request = { format: 'sharedline-request', version: 1, type: 'migration', tenant: tenantId, numbers: ['+31201234567'], dataServices: [], mechanism: 'auto', signatory: null, targetCarrier: 'Vodafone', cutoverDate: null, ...dates }
  const [row] = await db.insert(migrationRequests).values({ buildingId, tenantId, state, request, updatedAt }).returning()
  return row!
}

/** Midday in the Netherlands on a date, as an instant. */
const middayOn = (date: string) => new Date(`${date}T11:00:00Z`)

async function sessionOf(user: Actor) {
  const login = await logIn({ db, email: user.email, password: testPassword, ip: 'unknown' })
  if (!login.ok) throw new Error('login failed')
  return (await commitSessionToken(login.token)).split(';')[0]!
}

type Args = { request: Request; params: Record<string, string>; context: unknown }
const get = async (user: Actor, path: string, params: Record<string, string> = {}): Promise<Args> => ({
  request: new Request(`http://localhost${path}`, { headers: { Cookie: await sessionOf(user) } }),
  params,
  context: {},
})
const post = async (user: Actor, path: string, params: Record<string, string>, form: Record<string, string>): Promise<Args> => ({
  request: new Request(`http://localhost${path}`, { method: 'POST', headers: { Cookie: await sessionOf(user) }, body: new URLSearchParams(form) }),
  params,
  context: {},
})

/** The status of a Response thrown by a loader or action (a redirect, or `data(…, { status })`). */
async function refusedStatus(p: Promise<unknown>) {
  const error = (await refusal(p)) as { status?: number; init?: { status?: number } }
  return error.status ?? error.init?.status
}

describe('deadlines of a facility manager', () => {
  let manager: Actor
  let otherManager: Actor
  let buildingId: string
  let tenantId: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    manager = await insertUser(db, { role: 'facility_manager' })
    otherManager = await insertUser(db, { role: 'facility_manager' })
    buildingId = (await insertBuilding(db, { name: 'Deadline House' }, [manager])).id
    await insertBuilding(db, { name: 'Someone Else’s' }, [otherManager])
    tenantId = (await insertTenant(db, buildingId, { legalName: 'Acme BV' })).id
    ids.notice30 = (await contractDue(buildingId, 30)).id
    ids.notice120 = (await contractDue(buildingId, 120)).id
    ids.ended = (await contractDue(buildingId, 10, { endedOn: minusDays(today, 1) })).id
    ids.approved = (await insertRequest(buildingId, tenantId, 'approved', { portDate: plusDays(today, 3), installDate: plusDays(today, 1), cutoverDate: plusDays(today, 4) })).id
    ids.nextWeek = (await insertRequest(buildingId, tenantId, 'scheduled', { portDate: plusDays(today, 7) })).id
    ids.completed = (await insertRequest(buildingId, tenantId, 'completed', { portDate: plusDays(today, 2) })).id
    ids.freshDraft = (await insertRequest(buildingId, tenantId, 'draft', { portDate: plusDays(today, 2) }, middayOn(minusDays(today, 13)))).id
    ids.staleDraft = (await insertRequest(buildingId, tenantId, 'draft', { portDate: plusDays(today, 40) }, middayOn(minusDays(today, 14)))).id
  })

  it('shows a notice deadline 30 days ahead but not one 120 days ahead, nor one of an ended contract', async () => {
    const notices = (await listDeadlines({ db, actor: manager, today })).filter((d) => d.kind === 'notice')
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'notice', date: plusDays(today, 30), daysLeft: 30, contractId: ids.notice30, buildingName: 'Deadline House', path: `/buildings/${buildingId}/contracts/${ids.notice30}/edit` }),
    ])
  })

  it('shows the port and installation dates of open requests this week, not next week’s, a closed request’s or a draft’s', async () => {
    const dates = (await listDeadlines({ db, actor: manager, today })).filter((d) => d.kind === 'port' || d.kind === 'install')
    expect(dates.map((d) => [d.kind, d.date, d.path])).toEqual([
      ['install', plusDays(today, 1), `/buildings/${buildingId}/requests/${ids.approved}`],
      ['port', plusDays(today, 3), `/buildings/${buildingId}/requests/${ids.approved}`],
    ])
    expect(dates[0]).toMatchObject({ title: 'Acme BV → Vodafone' })
  })

  it('shows a draft nobody changed for 14 days as stale, and not one changed 13 days ago', async () => {
    const stale = (await listDeadlines({ db, actor: manager, today })).filter((d) => d.kind === 'stale_draft')
    expect(stale.map((d) => [d.date, d.path])).toEqual([[minusDays(today, 14), `/buildings/${buildingId}/requests/${ids.staleDraft}`]])
  })

  it('shows a manager of another building none of them', async () => {
    expect(await listDeadlines({ db, actor: otherManager, today })).toEqual([])
  })

  it('puts the deadlines on the manager’s portfolio page, with an empty list for a manager with nothing due', async () => {
    const mine = await portfolioPage.loader((await get(manager, '/buildings')) as never)
    expect(mine.deadlines!.map((d) => d.kind)).toEqual(['stale_draft', 'install', 'port', 'notice'])
    expect(mine.buildings.map((b) => b.name)).toEqual(['Deadline House'])
    expect((await portfolioPage.loader((await get(otherManager, '/buildings')) as never)).deadlines).toEqual([])
  })

  it('gives tenant users and sales no deadlines: tenants are sent to their own pages, sales get no panel', async () => {
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId })
    const sales = await insertUser(db, { role: 'sales' })
    expect(await refusedStatus(portfolioPage.loader((await get(tenantUser, '/buildings')) as never))).toBe(302)
    expect((await portfolioPage.loader((await get(sales, '/buildings')) as never)).deadlines).toBeNull()
    expect(await refusal(listDeadlines({ db, actor: tenantUser, today }))).toBeInstanceOf(ForbiddenError)
  })
})

describe('the deadline digest mail', () => {
  let buildingId: string
  let dutch: Actor
  let english: Actor

  beforeAll(async () => {
    dutch = await insertUser(db, { role: 'facility_manager' })
    english = await insertUser(db, { role: 'facility_manager' })
    await db.update(users).set({ locale: 'en' }).where(eq(users.id, english.id))
    buildingId = (await insertBuilding(db, { name: 'Digest Tower' }, [dutch, english])).id
    await contractDue(buildingId, 30, { contractNumber: 'MC-DIGEST' })
    await insertBuilding(db, { name: 'Quiet Place' }, [dutch])
  })

  const digests = (building: string) => db.select().from(outbox).where(and(eq(outbox.buildingId, building), eq(outbox.event, 'deadlines.digest')))

  it('queues one digest per manager of a building whose notice deadline is 30 days ahead, in the manager’s language, once a day', async () => {
    const first = await queueDeadlineDigests({ db, today })
    expect(first.queued).toBeGreaterThanOrEqual(2)
    const again = await queueDeadlineDigests({ db, today })
    expect(again.queued).toBe(0)

    const rows = await digests(buildingId)
    expect(rows.map((r) => [r.toEmail, r.locale, r.dedupeKey]).sort()).toEqual(
      [
        [dutch.email, 'nl', `deadlines:${buildingId}:${today}:${dutch.email}`],
        [english.email, 'en', `deadlines:${buildingId}:${today}:${english.email}`],
      ].sort(),
    )
    const nl = rows.find((r) => r.toEmail === dutch.email)!
    const en = rows.find((r) => r.toEmail === english.email)!
    expect(nl.subject).toBe('Digest Tower: deadlines die eraan komen (1)')
    expect(en.subject).toBe('Digest Tower: deadlines coming up (1)')
    expect(nl.body).toContain('Deze data in Digest Tower vragen aandacht:')
    expect(nl.body).toMatch(/Opzeggen uiterlijk \d{2}-\d{2}-\d{4}: .* MC-DIGEST/)
    expect(en.body).toContain('Give notice by')
    expect(en.body).toMatch(new RegExp(`/buildings/${buildingId}/contracts/[0-9a-f-]{36}/edit`))
    expect(rows.every((r) => r.status === 'pending')).toBe(true)
  })

  it('mails nothing about a building with nothing due; between reminder moments it waits for Monday’s overview', async () => {
    const quiet = (await db.select().from(outbox).where(like(outbox.subject, 'Quiet Place%'))).length
    expect(quiet).toBe(0)
    const isMonday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1
    // 29 to 27 days ahead is no reminder moment: on a weekday other than Monday nothing is mailed.
    const quietDay = [1, 2, 3].map((k) => plusDays(today, k)).find((d) => !isMonday(d))!
    await queueDeadlineDigests({ db, today: quietDay })
    expect(await digests(buildingId)).toHaveLength(2)
    const monday = [1, 2, 3, 4, 5, 6, 7].map((k) => plusDays(today, k)).find(isMonday)!
    await queueDeadlineDigests({ db, today: monday })
    expect(await digests(buildingId)).toHaveLength(4)
  })
})

describe('the calendar feed', () => {
  let manager: Actor
  let buildingId: string
  let tenantId: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    manager = await insertUser(db, { role: 'facility_manager' })
    buildingId = (await insertBuilding(db, { name: 'Feed Hall' }, [manager])).id
    tenantId = (await insertTenant(db, buildingId, { legalName: 'Feed Tenant BV' })).id
    ids.notice120 = (await contractDue(buildingId, 120, { contractNumber: 'MC-120' })).id
    ids.notice400 = (await contractDue(buildingId, 400, { contractNumber: 'MC-400' })).id
    ids.scheduled = (await insertRequest(buildingId, tenantId, 'scheduled', { portDate: plusDays(today, 30), installDate: plusDays(today, 25), cutoverDate: plusDays(today, 31) })).id
    ids.waiting = (await insertRequest(buildingId, tenantId, 'awaiting_consent', { portDate: plusDays(today, 60) })).id
    ids.draft = (await insertRequest(buildingId, tenantId, 'draft', { portDate: plusDays(today, 20) })).id
    ids.cancelled = (await insertRequest(buildingId, tenantId, 'cancelled', { portDate: plusDays(today, 21) })).id
  })

  const path = () => `/buildings/${buildingId}/calendar`
  const feed = (token: string) => feedRoute.loader({ request: new Request(`http://localhost/calendar/${token}`), params: { token }, context: {} } as never)
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)
  async function createFeed() {
    const result = (await calendarPage.action((await post(manager, path(), { buildingId }, { intent: 'create' })) as never)) as { data: { url: string }; init: ResponseInit | null }
    expect(new Headers(result.init?.headers).get('Cache-Control')).toBe('no-store')
    return result.data.url
  }

  it('serves the building’s dates as all-day events through the created URL, with no session', async () => {
    const url = await createFeed()
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}$/)
    const response = await feed(tokenOf(url))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=300')
    const lines = (await response.text()).replace(/\r\n[ \t]/g, '').split('\r\n')
    const event = (uid: string) => {
      const start = lines.indexOf(`UID:${uid}`)
      return start < 0 ? null : lines.slice(start, lines.indexOf('END:VEVENT', start))
    }
    expect(lines).toContain('X-WR-CALNAME:Sharedline – Feed Hall')
    expect(event(`notice-${ids.notice120}@sharedline`)).toContain(`DTSTART;VALUE=DATE:${icsDate(plusDays(today, 120))}`)
    expect(event(`notice-${ids.notice120}@sharedline`)!.find((l) => l.startsWith('SUMMARY:'))).toMatch(/^SUMMARY:Opzeggen uiterlijk: .* MC-120$/)
    expect(event(`port-${ids.scheduled}@sharedline`)).toEqual(expect.arrayContaining([`DTSTART;VALUE=DATE:${icsDate(plusDays(today, 30))}`, 'SUMMARY:Porteringsdatum: Feed Tenant BV → Vodafone']))
    expect(event(`install-${ids.scheduled}@sharedline`)).toEqual(expect.arrayContaining([`DTSTART;VALUE=DATE:${icsDate(plusDays(today, 25))}`, 'SUMMARY:Installatie: Feed Tenant BV → Vodafone']))
    expect(event(`cutover-${ids.scheduled}@sharedline`)).toEqual(expect.arrayContaining([`DTSTART;VALUE=DATE:${icsDate(plusDays(today, 31))}`, 'SUMMARY:Overstap dataverbindingen: Feed Tenant BV → Vodafone']))
    expect(event(`port-${ids.waiting}@sharedline`)).toEqual(expect.arrayContaining([`DTSTART;VALUE=DATE:${icsDate(plusDays(today, 60))}`]))
    expect(event(`port-${ids.scheduled}@sharedline`)!.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true)
    // Beyond 12 months, drafts and closed requests are not in the feed.
    for (const absent of [`notice-${ids.notice400}`, `port-${ids.draft}`, `port-${ids.cancelled}`]) expect(event(`${absent}@sharedline`)).toBeNull()
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(5)
  })

  it('stores only the SHA-256 of the token; neither token nor hash is in the audit log', async () => {
    const url = await createFeed()
    const token = tokenOf(url)
    const stored = await db.select().from(calendarFeeds).where(eq(calendarFeeds.buildingId, buildingId))
    expect(stored.filter((f) => f.revokedAt === null).map((f) => f.tokenHash)).toEqual([hashToken(token)])
    const everything = JSON.stringify([stored, await db.select().from(auditLog)])
    expect(everything).not.toContain(token)
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain(hashToken(token))
  })

  it('replacing the URL revokes the old one at once: one live feed per building, each step audited', async () => {
    const old = tokenOf(await createFeed())
    const fresh = tokenOf(await createFeed())
    expect((await feed(old)).status).toBe(404)
    expect((await feed(fresh)).status).toBe(200)
    const live = await db.select().from(calendarFeeds).where(eq(calendarFeeds.buildingId, buildingId))
    expect(live.filter((f) => f.revokedAt === null)).toHaveLength(1)
    const [oldRow] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(old)))
    expect((await auditEntries(db, 'calendar_feed', oldRow!.id)).map((e) => [e.action, e.actorUserId, e.buildingId])).toEqual([
      ['create', manager.id, buildingId],
      ['delete', manager.id, buildingId],
    ])
  })

  it('asks for confirmation before revoking; a revoked token then answers 404 without detail', async () => {
    const token = tokenOf(await createFeed())
    const page = await calendarPage.loader((await get(manager, `${path()}?confirm=revoke`, { buildingId })) as never)
    expect(page.confirm).toBe('revoke')
    expect(page.live).toMatchObject({ createdByEmail: manager.email })
    expect(JSON.stringify(page)).not.toContain(token)
    expect(await calendarPage.action((await post(manager, path(), { buildingId }, { intent: 'revoke' })) as never)).toMatchObject({ data: { ok: true, revoked: 1 } })

    const response = await feed(token)
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('Not found')
    const after = await calendarPage.loader((await get(manager, `${path()}?confirm=revoke`, { buildingId })) as never)
    expect(after).toMatchObject({ live: null, confirm: null })
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token)))
    expect((await auditEntries(db, 'calendar_feed', row!.id)).map((e) => e.action)).toEqual(['create', 'delete'])
  })

  it('answers an unknown or malformed token with the same bare 404', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token', `${'B'.repeat(43)}.ics`]) {
      const response = await feed(token)
      expect(response.status).toBe(404)
      expect(await response.text()).toBe('Not found')
    }
  })

  it('is not shown to or created by a manager of another building (404) or a tenant user (403)', async () => {
    const stranger = await insertUser(db, { role: 'facility_manager' })
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId })
    const before = (await db.select().from(calendarFeeds)).length
    expect(await refusedStatus(calendarPage.loader((await get(stranger, path(), { buildingId })) as never))).toBe(404)
    expect(await refusedStatus(calendarPage.action((await post(stranger, path(), { buildingId }, { intent: 'create' })) as never))).toBe(404)
    expect(await refusedStatus(calendarPage.loader((await get(tenantUser, path(), { buildingId })) as never))).toBe(403)
    expect(await refusedStatus(calendarPage.action((await post(tenantUser, path(), { buildingId }, { intent: 'revoke' })) as never))).toBe(403)
    expect((await db.select().from(calendarFeeds)).length).toBe(before)
    await expect(createCalendarFeed({ db, actor: stranger, buildingId })).rejects.toThrow('building not found')
  })
})

describe('the outbox page', () => {
  let manager: Actor
  let buildingId: string
  let otherBuildingId: string

  beforeAll(async () => {
    manager = await insertUser(db, { role: 'facility_manager' })
    buildingId = (await insertBuilding(db, { name: 'Mail Court' }, [manager])).id
    otherBuildingId = (await insertBuilding(db, {}, [manager])).id
    const start = Date.now() - 60 * 60_000
    await db.insert(outbox).values(
      Array.from({ length: 30 }, (_, i) => ({ buildingId, event: 'request.submitted', toEmail: `fm${i}@example.test`, subject: `Mail ${i}`, body: `Body ${i}`, createdAt: new Date(start + i * 60_000) })),
    )
    await db.insert(outbox).values({ buildingId: otherBuildingId, event: 'request.submitted', toEmail: 'elsewhere@example.test', subject: 'Elsewhere', body: 'x' })
  })

  const path = () => `/buildings/${buildingId}/outbox`

  it('lists the building’s mails newest first, a page at a time, and says mail is kept here without SMTP', async () => {
    const first = await outboxPage.loader((await get(manager, path(), { buildingId })) as never)
    expect(first).toMatchObject({ building: { id: buildingId, name: 'Mail Court' }, smtpConfigured: false, total: 30, page: 1, pageSize: 25 })
    expect(first.mails.map((m) => m.subject).slice(0, 3)).toEqual(['Mail 29', 'Mail 28', 'Mail 27'])
    expect(first.mails[0]).toMatchObject({ event: 'request.submitted', toEmail: 'fm29@example.test', body: 'Body 29', status: 'pending', attempts: 0, lastError: null, sentAt: null })
    const second = await outboxPage.loader((await get(manager, `${path()}?page=2`, { buildingId })) as never)
    expect(second.mails.map((m) => m.subject)).toEqual(['Mail 4', 'Mail 3', 'Mail 2', 'Mail 1', 'Mail 0'])
    expect(JSON.stringify([first, second])).not.toContain('Elsewhere')
  })

  it('shows an empty list for a building without mail', async () => {
    const quiet = (await insertBuilding(db, {}, [manager])).id
    expect(await outboxPage.loader((await get(manager, `/buildings/${quiet}/outbox`, { buildingId: quiet })) as never)).toMatchObject({ total: 0, mails: [] })
  })

  it('refuses a tenant user (403) and a manager of another building (404)', async () => {
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: (await insertTenant(db, buildingId)).id })
    const stranger = await insertUser(db, { role: 'facility_manager' })
    const sales = await insertUser(db, { role: 'sales' })
    expect(await refusedStatus(outboxPage.loader((await get(tenantUser, path(), { buildingId })) as never))).toBe(403)
    expect(await refusedStatus(outboxPage.loader((await get(stranger, path(), { buildingId })) as never))).toBe(404)
    expect(await refusedStatus(outboxPage.loader((await get(sales, path(), { buildingId })) as never))).toBe(403)
  })

  it('retries a failed mail now, audited; a mail that did not fail, or of another building, cannot be retried', async () => {
    const [failed] = await db
      .insert(outbox)
      .values({ buildingId, event: 'request.approved', toEmail: 'broken@example.test', subject: 'Failed one', body: 'x', status: 'failed', attempts: 12, lastError: '550 mailbox unavailable', nextAttemptAt: new Date(Date.now() + 6 * 3_600_000) })
      .returning()
    const before = new Date()
    expect(await outboxPage.action((await post(manager, path(), { buildingId }, { intent: 'retry', mailId: failed!.id })) as never)).toMatchObject({ data: { ok: true, retried: 'broken@example.test' } })
    const [row] = await db.select().from(outbox).where(eq(outbox.id, failed!.id))
    expect(row).toMatchObject({ status: 'pending', attempts: 12, lastError: '550 mailbox unavailable' })
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000)
    expect(row!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000)
    const [entry, ...more] = await auditEntries(db, 'outbox_mail', failed!.id)
    expect(more).toEqual([])
    expect(entry).toMatchObject({ action: 'update', actorUserId: manager.id, buildingId, before: { status: 'failed', attempts: 12, lastError: '550 mailbox unavailable' }, after: { status: 'pending' } })

    // Pending now: a second retry is refused with a message and changes nothing.
    const again = (await outboxPage.action((await post(manager, path(), { buildingId }, { intent: 'retry', mailId: failed!.id })) as never)) as { data: { errors: Record<string, { key: string }> }; init: { status: number } }
    expect(again.init.status).toBe(400)
    expect(again.data.errors._form!.key).toBe('schedule.outbox.notFailed')
    expect(await refusedStatus(outboxPage.action((await post(manager, `/buildings/${otherBuildingId}/outbox`, { buildingId: otherBuildingId }, { intent: 'retry', mailId: failed!.id })) as never))).toBe(404)
    expect(await auditEntries(db, 'outbox_mail', failed!.id)).toHaveLength(1)
  })
})

describe('background jobs', () => {
  let peer: SmtpPeer
  let buildingId: string
  beforeAll(async () => {
    peer = await startSmtpPeer(await freePort())
    buildingId = (await insertBuilding(db, { name: 'Jobs Yard' })).id
    // A round delivers what is due, at most a batch: start from an empty outbox so one round covers each test's mail.
    await db.delete(outbox)
  })
  afterAll(() => peer.close())

  /** A clock a moment after the mail was written (the database keeps microseconds, a Date milliseconds). */
  const momentLater = () => new Date(Date.now() + 1_000)
  const jobs = (overrides: Partial<Parameters<typeof createBackgroundJobs>[0]> = {}) =>
    createBackgroundJobs({ db: async () => db, hourly: [], smtpUrl: `smtp://127.0.0.1:${peer.port}`, mailFrom: 'Sharedline <noreply@sharedline.example>', now: momentLater, ...overrides })
  const queue = async (to: string) => (await db.insert(outbox).values({ buildingId, event: 'test', toEmail: to, subject: `Hello ${to}`, body: 'Hi' }).returning())[0]!

  it('one round of mail delivery sends a queued mail to a real SMTP server on loopback', async () => {
    const mail = await queue('one-round@example.test')
    const result = await jobs().deliverMail()
    expect(result!.sent).toBeGreaterThanOrEqual(1)
    expect(peer.received.filter((r) => r.to.includes('one-round@example.test'))).toHaveLength(1)
    const [row] = await db.select().from(outbox).where(eq(outbox.id, mail.id))
    expect(row).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('one round works through a backlog larger than one batch', async () => {
    await db.insert(outbox).values(Array.from({ length: 45 }, (_, i) => ({ buildingId, event: 'test', toEmail: `backlog${i}@example.test`, subject: `Backlog ${i}`, body: 'Hi' })))
    expect(await jobs().deliverMail()).toEqual({ sent: 45, retrying: 0, failed: 0 })
    expect(peer.received.filter((r) => r.to.some((to) => to.startsWith('backlog')))).toHaveLength(45)
  })

  it('without SMTP_URL nothing is delivered: the mail stays in the outbox', async () => {
    const mail = await queue('kept@example.test')
    const runner = jobs({ smtpUrl: undefined })
    expect(runner.delivers).toBe(false)
    expect(await runner.deliverMail()).toBeNull()
    expect((await db.select().from(outbox).where(eq(outbox.id, mail.id)))[0]).toMatchObject({ status: 'pending', attempts: 0 })
  })

  it('the hourly round queues today’s digests by the date in the Netherlands', async () => {
    const manager = await insertUser(db, { role: 'facility_manager' })
    const yard = (await insertBuilding(db, { name: 'Late Night Yard' }, [manager])).id
    const tenant = await insertTenant(db, yard)
    await insertRequest(yard, tenant.id, 'draft', { portDate: '2026-08-01' }, new Date('2026-01-01T10:00:00Z'))
    // 22:30 UTC on Sunday 5 July is 00:30 on Monday 6 July in Amsterdam: the weekly overview's day.
    await jobs({ hourly: hourlyMailJobs, now: () => new Date('2026-07-05T22:30:00Z') }).runHourly()
    const rows = await db.select().from(outbox).where(eq(outbox.buildingId, yard))
    expect(rows.map((r) => r.dedupeKey)).toEqual([`deadlines:${yard}:2026-07-06:${manager.email}`])
  })

  it('a failing job is logged as a warning and does not stop the others; a failing delivery round neither throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const ran: string[] = []
      await jobs({
        hourly: [
          { name: 'broken job', run: () => Promise.reject(new Error('boom')) },
          { name: 'fine job', run: async ({ today }) => void ran.push(today) },
        ],
        now: () => new Date('2026-03-02T12:00:00Z'),
      }).runHourly()
      expect(ran).toEqual(['2026-03-02'])
      expect(await jobs({ db: () => Promise.reject(new Error('database is down')) }).deliverMail()).toBeNull()
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual(['[jobs] broken job failed: boom', '[jobs] mail delivery failed: database is down'])
    } finally {
      warn.mockRestore()
    }
  })

  it('once started, the loops deliver by themselves until stopped', async () => {
    const hourly = vi.fn(async () => {})
    const stop = jobs({ mailEveryMs: 25, hourly: [{ name: 'count', run: hourly }] }).start()
    try {
      await queue('looped@example.test')
      const deadline = Date.now() + 10_000
      while (!peer.received.some((r) => r.to.includes('looped@example.test')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
      expect(peer.received.filter((r) => r.to.includes('looped@example.test'))).toHaveLength(1)
      expect(hourly).toHaveBeenCalledTimes(1)
    } finally {
      await stop()
    }
    const afterStop = await queue('after-stop@example.test')
    await new Promise((r) => setTimeout(r, 150))
    expect((await db.select().from(outbox).where(eq(outbox.id, afterStop.id)))[0]!.status).toBe('pending')
  })

  it('are not started by the server entry under tests', async () => {
    const open = vi.fn(async () => db)
    const stop = startBackgroundJobs({ db: open, hourly: hourlyMailJobs })
    await new Promise((r) => setTimeout(r, 50))
    expect(open).not.toHaveBeenCalled()
    await stop()
  })
})
