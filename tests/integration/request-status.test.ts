import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { plusDays } from '#app/domain/dates.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { action as statusAction, loader as statusLoader } from '#app/routes/requests/detail.tsx'
import { loader as listLoader } from '#app/routes/requests/index.tsx'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import { deliverDueMail, smtpSender } from '#app/server/mail.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { importBuildingFile } from '#app/services/building-file.server.ts'
import { queuePortDateReminders } from '#app/services/notifications.server.ts'
import { actOnRequest } from '#app/services/request-actions.server.ts'
import { getRequestView, listMyRequests } from '#app/services/request-views.server.ts'
import { createDraftRequest } from '#app/services/requests.server.ts'
import type { Db } from '#db/client.ts'
import { migrationRequests, numbers, outbox } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { demoFile, demoTenant, type DemoTenant } from '#tests/support/demo-tenants.ts'
import { insertUser, testPassword } from '#tests/support/factories.ts'
import { freePort } from '#tests/support/net.ts'
import { startSmtpPeer, subjectOf, type SmtpPeer } from '#tests/support/smtp.ts'

const today = todayInNetherlands()
/**
 * The port happens today: the plan refuses dates in the past and the outcome is recorded once the
 * port happened, so a test that records it runs on the port date (and never rots).
 */
const portDate = today

let db: Db
let manager: Actor
let peer: SmtpPeer

/**
 * A fresh copy of the demo building. Tenant t4 (Fysiotherapie Van der Meer) shares the ISDN30 block
 * 020-5551010…1019 with t5, t6 (whose contact reads English) and t7: porting t4's numbers drags those three.
 */
async function freshBuilding() {
  const { buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile })
  const [t4, t5, t6, t7, t27] = await Promise.all(['t4', 't5', 't6', 't7', 't27'].map((k) => demoTenant(db, buildingId, k)))
  const users = {
    t4: await insertUser(db, { role: 'tenant', tenantId: t4!.id }),
    t5: await insertUser(db, { role: 'tenant', tenantId: t5!.id }),
    t6: await insertUser(db, { role: 'tenant', tenantId: t6!.id }),
    t27: await insertUser(db, { role: 'tenant', tenantId: t27!.id }),
  }
  return { buildingId, t4: t4!, t5: t5!, t6: t6!, t7: t7!, t27: t27!, users }
}

const portOf = (tenant: DemoTenant) => ({ type: 'migration', tenant: tenant.id, numbers: tenant.numbers, mechanism: 'port', portDate, signatory: tenant.signatory, targetCarrier: 'Vodafone' })

async function cookieOf(actor: Actor) {
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: '127.0.0.1' })
  if (!login.ok) throw new Error('login failed')
  return (await commitSessionToken(login.token)).split(';')[0]!
}

/** Posts the status page's form as the actor; returns the HTTP status and where it redirects. */
async function post(actor: Actor, buildingId: string, requestId: string, form: Record<string, string>) {
  const request = new Request(`http://localhost/buildings/${buildingId}/requests/${requestId}`, { method: 'POST', body: new URLSearchParams(form), headers: { Cookie: await cookieOf(actor) } })
  try {
    const result = await statusAction({ request, params: { buildingId, requestId }, context: {} } as never)
    const init = result as { init?: { status?: number }; data?: unknown }
    return { status: init.init?.status ?? 200, data: init.data, location: null as string | null }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, location: thrown.headers.get('Location') }
    const refusal = thrown as { init?: { status?: number }; data?: unknown }
    if (refusal.init?.status) return { status: refusal.init.status, data: refusal.data, location: null }
    throw thrown
  }
}

async function stateOf(requestId: string) {
  const [row] = await db.select({ state: migrationRequests.state, version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, requestId))
  return row!
}

async function mailsOf(requestBuilding: string, event: string) {
  return db.select({ to: outbox.toEmail, subject: outbox.subject, body: outbox.body, locale: outbox.locale }).from(outbox).where(and(eq(outbox.buildingId, requestBuilding), eq(outbox.event, event)))
}

beforeAll(async () => {
  const database = await createTestDatabase()
  db = database.db
  setDatabase(database)
  manager = await insertUser(db, { role: 'facility_manager' })
  peer = await startSmtpPeer(await freePort())
})
afterAll(async () => {
  await peer.close()
})

describe('a request from submission to completion, through the status page', () => {
  it('requester submits, the three companies moved along consent, the manager approves, schedules and records the port; every step mails the right people in their own language, and the mails reach the SMTP server', async () => {
    const b = await freshBuilding()
    const draft = await createDraftRequest({ db, actor: b.users.t4, buildingId: b.buildingId, request: portOf(b.t4) })
    const asRequester = await getRequestView({ db, actor: b.users.t4, requestId: draft.id })
    expect(asRequester.viewer).toBe('requester')
    expect(asRequester.actions).toEqual(['submit', 'withdraw'])
    expect(asRequester.snapshotTaken).toBe(false)
    expect(asRequester.outcome?.report.verdict).toBe('needs_consent')

    const submitted = await post(b.users.t4, b.buildingId, draft.id, { intent: 'submit', version: '1' })
    expect(submitted.location).toBe(`/buildings/${b.buildingId}/requests/${draft.id}?done=submit`)
    expect((await stateOf(draft.id)).state).toBe('awaiting_consent')

    // Submitted → the facility manager; consent asked → each company moved along, in its contact's language.
    expect((await mailsOf(b.buildingId, 'request.submitted')).map((m) => m.to)).toEqual([manager.email])
    const asked = await mailsOf(b.buildingId, 'request.consent_requested')
    expect(asked.map((m) => m.to).sort()).toEqual([b.t5.primaryEmail, b.t6.primaryEmail, b.t7.primaryEmail].sort())
    const toT6 = asked.find((m) => m.to === b.t6.primaryEmail)!
    const toT5 = asked.find((m) => m.to === b.t5.primaryEmail)!
    expect(toT6.locale).toBe('en')
    expect(toT6.subject).toContain('your consent is asked')
    expect(toT5.subject).toContain('uw toestemming gevraagd')
    expect(toT6.body).toContain(b.t4.name)
    for (const n of b.t6.numbers) expect(toT6.body).toContain(formatNational(n))
    for (const n of [...b.t5.numbers, ...b.t7.numbers]) expect(toT6.body).not.toContain(formatNational(n))
    expect(toT6.body).not.toContain(b.t5.name)
    expect(toT6.body).toContain(`/buildings/${b.buildingId}/requests/${draft.id}`)

    // The consenter's view: who is leaving, its own numbers, nothing of the other companies.
    const asT6 = await getRequestView({ db, actor: b.users.t6, requestId: draft.id })
    expect(asT6.viewer).toBe('consenter')
    expect(asT6.canAnswerConsent).toBe(true)
    expect(asT6.actions).toEqual([])
    expect(asT6.request.requesterName).toBe(b.t4.name)
    expect(asT6.request.numbers).toBe(b.t6.numbers.length)
    expect(asT6.request.file).toBeNull()
    expect(asT6.consents.map((c) => c.tenantId)).toEqual([b.t6.id])
    const shown = JSON.stringify(asT6)
    for (const secret of [b.t5.name, b.t7.name, ...b.t5.numbers, ...b.t7.numbers]) expect(shown).not.toContain(secret)
    const ownGroup = (view: typeof asT6) => view.outcome!.report.outcome.moved.groups.find((g) => g.tenantId === b.t6.id)
    expect(ownGroup(asT6)?.count).toBe(b.t6.numbers.length)
    expect(shown).toContain(b.t6.numbers[0])

    let version = (await stateOf(draft.id)).version
    expect((await post(b.users.t6, b.buildingId, draft.id, { intent: 'consent', version: String(version), answer: 'given' })).location).toContain('done=consent')
    version = (await stateOf(draft.id)).version
    expect((await post(b.users.t5, b.buildingId, draft.id, { intent: 'consent', version: String(version), answer: 'given', reason: 'Akkoord, graag op tijd bellen' })).location).toContain('done=consent')
    version = (await stateOf(draft.id)).version
    expect((await post(manager, b.buildingId, draft.id, { intent: 'consent', version: String(version), answer: 'given', tenantId: b.t7.id })).location).toContain('done=consent')
    expect((await stateOf(draft.id)).state).toBe('awaiting_approval')

    const consentMails = await mailsOf(b.buildingId, 'request.consent_given')
    expect(consentMails.filter((m) => m.to === manager.email)).toHaveLength(3)
    const toRequester = consentMails.filter((m) => m.to === b.t4.primaryEmail)
    expect(toRequester).toHaveLength(3)
    // The requester hears that consent came, not from which company.
    for (const m of toRequester) for (const name of [b.t5.name, b.t6.name, b.t7.name]) expect(m.body).not.toContain(name)
    expect(consentMails.find((m) => m.to === manager.email && m.body.includes(b.t7.name))).toBeDefined()

    for (const intent of ['approve', 'schedule'] as const) {
      version = (await stateOf(draft.id)).version
      expect((await post(manager, b.buildingId, draft.id, { intent, version: String(version) })).location).toContain(`done=${intent}`)
    }
    expect((await stateOf(draft.id)).state).toBe('scheduled')
    const scheduled = await mailsOf(b.buildingId, 'request.scheduled')
    expect(scheduled.map((m) => m.to).sort()).toEqual([b.t4.primaryEmail, b.t5.primaryEmail, b.t6.primaryEmail, b.t7.primaryEmail].sort())
    expect(scheduled.find((m) => m.to === b.t6.primaryEmail)!.body).toContain('What to expect on the day')
    expect(scheduled.find((m) => m.to === b.t5.primaryEmail)!.body).toContain('Wat u op die dag kunt verwachten')

    // "Port date tomorrow": queued once, however often the job runs.
    const eve = plusDays(portDate, -1)
    expect((await queuePortDateReminders({ db, today: eve })).queued).toBe(5)
    expect((await queuePortDateReminders({ db, today: eve })).queued).toBe(0)

    version = (await stateOf(draft.id)).version
    const early = await post(manager, b.buildingId, draft.id, { intent: 'complete', version: String(version), completedOn: plusDays(today, -1) })
    expect((early.data as { errors: Record<string, { key: string }> }).errors.completedOn!.key).toBe('request.complete_before_port')
    const ahead = await post(manager, b.buildingId, draft.id, { intent: 'complete', version: String(version), completedOn: plusDays(today, 1) })
    expect((ahead.data as { errors: Record<string, { key: string }> }).errors.completedOn!.key).toBe('request.complete_in_future')
    expect((await stateOf(draft.id)).state).toBe('scheduled')
    expect((await post(manager, b.buildingId, draft.id, { intent: 'complete', version: String(version), completedOn: portDate })).location).toContain('done=complete')
    const gone = await db.select({ status: numbers.status, tenantId: numbers.tenantId }).from(numbers).where(and(eq(numbers.buildingId, b.buildingId), inArray(numbers.e164, b.t6.numbers)))
    expect(gone.every((n) => n.status === 'ported_out' && n.tenantId === null)).toBe(true)
    expect((await mailsOf(b.buildingId, 'request.completed')).map((m) => m.to).sort()).toEqual([b.t4.primaryEmail, b.t5.primaryEmail, b.t6.primaryEmail, b.t7.primaryEmail].sort())

    // After completion each tenant still sees its own numbers on the status page.
    const after = await getRequestView({ db, actor: b.users.t6, requestId: draft.id })
    expect(ownGroup(after)?.count).toBe(b.t6.numbers.length)

    // Every queued mail goes out over SMTP, each to its one recipient.
    const queued = await db.select({ to: outbox.toEmail, subject: outbox.subject }).from(outbox).where(eq(outbox.buildingId, b.buildingId))
    let sent = 0
    for (let round = 0; round < 10; round++) sent += (await deliverDueMail({ db, send: smtpSender(`smtp://127.0.0.1:${peer.port}`, 'Sharedline <noreply@sharedline.example>', 2_000), now: new Date(Date.now() + 1_000), limit: 50 })).sent
    expect(sent).toBe(queued.length)
    for (const m of queued) expect(peer.received.some((r) => r.to.length === 1 && r.to[0] === m.to)).toBe(true)
    expect(peer.received.filter((r) => r.to[0] === b.t6.primaryEmail).map((r) => subjectOf(r.raw))).toContain(toT6.subject)
  })
})

describe('the mail of a partial port', () => {
  it('tells each company only of its own numbers that did not move', async () => {
    const b = await freshBuilding()
    const draft = await createDraftRequest({ db, actor: b.users.t4, buildingId: b.buildingId, request: portOf(b.t4) })
    await actOnRequest({ db, actor: b.users.t4, requestId: draft.id, form: { intent: 'submit', version: '1' } })
    for (const t of [b.t5, b.t6, b.t7]) await actOnRequest({ db, actor: manager, requestId: draft.id, form: { intent: 'consent', version: String((await stateOf(draft.id)).version), answer: 'given', tenantId: t.id } })
    for (const intent of ['approve', 'schedule']) await actOnRequest({ db, actor: manager, requestId: draft.id, form: { intent, version: String((await stateOf(draft.id)).version) } })
    const stuck = b.t5.numbers[0]!
    await actOnRequest({ db, actor: manager, requestId: draft.id, form: { intent: 'complete', version: String((await stateOf(draft.id)).version), completedOn: portDate, notMoved: formatNational(stuck) } })
    const completed = await mailsOf(b.buildingId, 'request.completed')
    expect(completed.find((m) => m.to === b.t5.primaryEmail)!.body).toMatch(/1 niet/)
    expect(completed.find((m) => m.to === b.t6.primaryEmail)!.body).not.toMatch(/did not/)
    expect(completed.find((m) => m.to === b.t4.primaryEmail)!.body).not.toMatch(/ niet[,;]/)
  })
})

describe('the status page refuses what a viewer may not do, and changes nothing', () => {
  it('a tenant that is neither requester nor asked does not see the request; a consenter cannot approve or withdraw; unknown steps and stale versions are refused', async () => {
    const b = await freshBuilding()
    const draft = await createDraftRequest({ db, actor: b.users.t4, buildingId: b.buildingId, request: portOf(b.t4) })
    await post(b.users.t4, b.buildingId, draft.id, { intent: 'submit', version: '1' })
    const { version } = await stateOf(draft.id)

    await expect(getRequestView({ db, actor: b.users.t27, requestId: draft.id })).rejects.toBeInstanceOf(NotFoundError)
    expect((await post(b.users.t27, b.buildingId, draft.id, { intent: 'withdraw', version: String(version) })).status).toBe(404)
    const consenterApproves = await post(b.users.t6, b.buildingId, draft.id, { intent: 'approve', version: String(version) })
    expect(consenterApproves.status).toBe(404)
    const requesterCancels = await post(b.users.t4, b.buildingId, draft.id, { intent: 'cancel', version: String(version), reason: 'Toch niet' })
    expect(requesterCancels.status).toBe(400)
    expect((requesterCancels.data as { errors: Record<string, { key: string }> }).errors._form!.key).toBe('request.transition_role')
    const requesterApproves = await post(b.users.t4, b.buildingId, draft.id, { intent: 'approve', version: String(version) })
    expect((requesterApproves.data as { errors: Record<string, { key: string }> }).errors._form!.key).toBe('request.transition_from_state')
    expect((await post(manager, b.buildingId, draft.id, { intent: 'explode', version: String(version) })).status).toBe(400)
    const stale = await post(manager, b.buildingId, draft.id, { intent: 'reject', version: String(version - 1), reason: 'Te laat' })
    expect((stale.data as { errors: Record<string, { key: string }> }).errors._form!.key).toBe('request.version_conflict')
    const noReason = await post(manager, b.buildingId, draft.id, { intent: 'cancel', version: String(version), reason: '  ' })
    expect((noReason.data as { errors: Record<string, { key: string }> }).errors._form!.key).toBe('request.reason_required')
    expect(await stateOf(draft.id)).toEqual({ state: 'awaiting_consent', version })
    expect(await mailsOf(b.buildingId, 'request.cancelled')).toEqual([])

    // Under another building's URL the request does not exist.
    const other = await freshBuilding()
    const wrongPlace = new Request(`http://localhost/buildings/${other.buildingId}/requests/${draft.id}`, { headers: { Cookie: await cookieOf(manager) } })
    await expect(statusLoader({ request: wrongPlace, params: { buildingId: other.buildingId, requestId: draft.id }, context: {} } as never)).rejects.toMatchObject({ init: { status: 404 } })
  })

  it('a refusal stops the request; the manager’s list filters by state, and a tenant user cannot open it', async () => {
    const b = await freshBuilding()
    const draft = await createDraftRequest({ db, actor: b.users.t4, buildingId: b.buildingId, request: portOf(b.t4) })
    await actOnRequest({ db, actor: b.users.t4, requestId: draft.id, form: { intent: 'submit', version: '1' } })
    const { version } = await stateOf(draft.id)
    await actOnRequest({ db, actor: b.users.t5, requestId: draft.id, form: { intent: 'consent', version: String(version), answer: 'refused', reason: 'Wij blijven bij KPN' } })
    const refusedMails = await mailsOf(b.buildingId, 'request.consent_refused')
    expect(refusedMails.map((m) => m.to).sort()).toEqual([b.t4.primaryEmail, manager.email].sort())
    expect(refusedMails.find((m) => m.to === manager.email)!.body).toContain(b.t5.name)

    // The refusing company's words reach the manager, not the requester's timeline.
    const asRequester = await getRequestView({ db, actor: b.users.t4, requestId: draft.id })
    expect(JSON.stringify(asRequester.timeline)).not.toContain('Wij blijven bij KPN')
    const asManager = await getRequestView({ db, actor: manager, requestId: draft.id })
    expect(asManager.timeline.map((e) => e.reason)).toContain('Wij blijven bij KPN')
    expect(asManager.actions).not.toContain('approve')

    const list = async (query: string, actor = manager) => {
      const request = new Request(`http://localhost/buildings/${b.buildingId}/requests${query}`, { headers: { Cookie: await cookieOf(actor) } })
      return listLoader({ request, params: { buildingId: b.buildingId }, context: {} } as never)
    }
    expect((await list('?state=open')).items.map((r) => r.id)).toEqual([draft.id])
    expect((await list('?state=completed')).items).toEqual([])
    expect((await list('?state=nonsense')).filter.state).toBe('')
    await expect(list('', b.users.t4)).rejects.toMatchObject({ init: { status: 403 } })

    const mine = await listMyRequests({ db, actor: b.users.t5 })
    expect(mine.map((r) => ({ id: r.id, relation: r.relation, consent: r.consent }))).toEqual([{ id: draft.id, relation: 'consent', consent: 'refused' }])
  })
})
