import { randomUUID } from 'node:crypto'
import { and, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { minusDays, plusDays } from '#app/domain/dates.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { action as editAction, loader as editLoader } from '#app/routes/my/request-edit.tsx'
import { action as newAction, loader as newLoader } from '#app/routes/my/request-new.tsx'
import { loader as listLoader } from '#app/routes/my/requests.tsx'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { importBuildingFile } from '#app/services/building-file.server.ts'
import { shareBuilding } from '#app/services/buildings.server.ts'
import { createDraftRequest, submitMigrationRequest } from '#app/services/requests.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, migrationRequests, requestEvents, requestNumbers } from '#db/schema/index.ts'
import { getRequestView } from '#app/services/request-views.server.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { demoFile, demoTenant } from '#tests/support/demo-tenants.ts'
import { insertUser, testPassword } from '#tests/support/factories.ts'


/** Dates relative to the real today, so the tests do not rot: a port five weeks out, an installation a week before it. */
const today = todayInNetherlands()
const portDate = plusDays(today, 35)
const earlyInstall = minusDays(portDate, 7)

interface Company {
  id: string
  buildingId: string
  signatory: string
  numbers: string[]
  user: Actor
}

let db: Db
let manager: Actor
let sales: Actor
let buildingId: string
/** Demo tenant t27 holds numbers on the SIP trunk: a port of one of them is safe. t1 shares the ISDN30 line: a port takes the main number. */
let t27: Company
let t1: Company

async function company(key: string, inBuilding: string): Promise<Company> {
  const tenant = await demoTenant(db, inBuilding, key)
  return { id: tenant.id, buildingId: inBuilding, signatory: tenant.signatory, numbers: tenant.numbers, user: await insertUser(db, { role: 'tenant', tenantId: tenant.id }) }
}

beforeAll(async () => {
  vi.stubEnv('SESSION_SECRET', 'request wizard test secret, long enough')
  const database = await createTestDatabase()
  setDatabase(database)
  db = database.db
  manager = await insertUser(db, { role: 'facility_manager' })
  sales = await insertUser(db, { role: 'sales' })
  ;({ buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile }))
  await shareBuilding({ db, actor: manager, buildingId, input: { email: sales.email } })
  t27 = await company('t27', buildingId)
  t1 = await company('t1', buildingId)
})

// ---- calling the route modules in-process, through a real session cookie -------------------------

type Handler = (args: never) => unknown
interface Answer {
  status: number
  body: unknown
  location: string | null
}

const cookies = new Map<string, string>()
async function cookieOf(actor: Actor) {
  const known = cookies.get(actor.id)
  if (known) return known
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: 'unknown' })
  if (!login.ok) throw new Error('login failed')
  const cookie = await commitSessionToken(login.token)
  cookies.set(actor.id, cookie)
  return cookie
}

/** What a loader or action answered (returned or thrown): a Response, `data(...)` with a status, or plain data. */
async function answerOf(run: () => unknown): Promise<Answer> {
  let out: unknown
  try {
    out = await run()
  } catch (thrown) {
    out = thrown
  }
  if (out instanceof Response) return { status: out.status, body: null, location: out.headers.get('Location') }
  if (typeof out === 'object' && out !== null && 'init' in out && 'data' in out) {
    const init = (out as { init: { status?: number } | null }).init
    return { status: init?.status ?? 200, body: (out as { data: unknown }).data, location: null }
  }
  if (out instanceof Error) throw out
  return { status: 200, body: out, location: null }
}

async function get(handler: Handler, actor: Actor, path: string, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: await cookieOf(actor) } })
  return answerOf(() => (handler as (a: unknown) => unknown)({ request, params, context: {} }))
}

/** A form's fields as sent: repeated fields (ticked boxes) once per value. */
function formBody(form: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
  return body
}

async function post(handler: Handler, actor: Actor, path: string, form: Record<string, string | string[]>, params: Record<string, string> = {}) {
  const body = formBody(form)
  const request = new Request(`http://localhost${path}`, { method: 'POST', body, headers: { Cookie: await cookieOf(actor) } })
  return answerOf(() => (handler as (a: unknown) => unknown)({ request, params, context: {} }))
}

/** The wizard's POST for a port of `numbersToMove` of `c`, as the save panel sends it. */
function wizardForm(c: Company, numbersToMove: string[], overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: 'save',
    clientKey: randomUUID(),
    tenant: c.id,
    shownTenant: c.id,
    n: numbersToMove,
    numbers: '',
    mechanism: 'port',
    portDate,
    installDate: portDate,
    cutoverDate: '',
    signatory: c.signatory,
    carrier: 'Vodafone',
    ...overrides,
  }
}

/** A port of one number as a request file, for drafts made through the service rather than the wizard. */
const portFile = (c: Company, e164: string) => ({ type: 'migration', tenant: c.id, numbers: [e164], mechanism: 'port', portDate, signatory: c.signatory, targetCarrier: 'Vodafone' })

const fieldKeys = (body: unknown) => Object.fromEntries(Object.entries((body as { errors: Record<string, { key: string }> }).errors).map(([k, v]) => [k, v.key]))
const idFromEditUrl = (location: string | null) => /\/my\/requests\/([0-9a-f-]{36})\/edit/.exec(location ?? '')?.[1] ?? ''

async function requestsOf(tenantId: string) {
  return db.select({ id: migrationRequests.id, state: migrationRequests.state, version: migrationRequests.version, request: migrationRequests.request }).from(migrationRequests).where(eq(migrationRequests.tenantId, tenantId))
}

/** Rows that a refused save must not have touched. */
async function footprint(tenantId: string) {
  const [audits] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityType, 'migration_request'))
  const [events] = await db.select({ n: count() }).from(requestEvents)
  const [reserved] = await db.select({ n: count() }).from(requestNumbers)
  return { requests: await requestsOf(tenantId), audits: audits!.n, events: events!.n, reserved: reserved!.n }
}

// ---- the wizard ----------------------------------------------------------------------------------

describe('the tenant’s request wizard', () => {
  it('shows the form for the own company and, sent with run=1, the live impact; the clientKey stays with the form', async () => {
    const first = await get(newLoader, t27.user, '/my/requests/new')
    const screen = first.body as { values: { tenant: string; all: boolean; signatory: string }; tenants: unknown; outcome: unknown; key: { clientKey: string } }
    expect(first.status).toBe(200)
    expect(screen).toMatchObject({ tenants: null, outcome: null, values: { tenant: t27.id, all: true, signatory: t27.signatory } })
    expect(screen.key.clientKey).toMatch(/^[0-9a-f-]{36}$/)

    const query = formBody({ ...wizardForm(t27, [], { numbers: formatNational(t27.numbers[0]!), run: '1', clientKey: screen.key.clientKey }) })
    query.delete('intent')
    const computed = await get(newLoader, t27.user, `/my/requests/new?${query.toString()}`)
    const report = computed.body as { outcome: { report: { verdict: string; view: string } }; key: { clientKey: string } }
    expect(computed.status).toBe(200)
    expect(report.outcome.report).toMatchObject({ verdict: 'ok', view: 'tenant' })
    expect(report.key.clientKey).toBe(screen.key.clientKey)
  })

  it('a tenant saves a draft: one row in draft, its timeline and an audit entry, and the wizard reopens it', async () => {
    const form = wizardForm(t27, [t27.numbers[0]!])
    const saved = await post(newAction, t27.user, '/my/requests/new', form)
    expect(saved.status).toBe(302)
    const id = idFromEditUrl(saved.location)
    expect(saved.location).toBe(`/my/requests/${id}/edit?saved=1`)
    const [row] = await db.select().from(migrationRequests).where(eq(migrationRequests.id, id))
    expect(row).toMatchObject({ state: 'draft', version: 1, tenantId: t27.id, clientKey: form.clientKey, createdBy: t27.user.id, installBeforePortAcknowledged: false })
    expect(row!.request).toMatchObject({ type: 'migration', tenant: t27.id, numbers: [t27.numbers[0]], portDate, targetCarrier: 'Vodafone', signatory: t27.signatory })
    const audit = await db.select({ action: auditLog.action, actorUserId: auditLog.actorUserId }).from(auditLog).where(and(eq(auditLog.entityType, 'migration_request'), eq(auditLog.entityId, id)))
    expect(audit).toEqual([{ action: 'create', actorUserId: t27.user.id }])

    // The draft opens as it was stored, computed at once.
    const reopened = await get(editLoader, t27.user, `/my/requests/${id}/edit?saved=1`, { requestId: id })
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ saved: true, key: { requestId: id, version: 1 }, values: { n: [t27.numbers[0]], all: false, numbers: '', portDate, installDate: portDate, carrier: 'Vodafone', mechanism: 'port', signatory: t27.signatory } })
    expect((reopened.body as { outcome: { report: { verdict: string } } }).outcome.report.verdict).toBe('ok')
  })

  it('the same form posted twice creates one draft', async () => {
    const form = wizardForm(t27, [t27.numbers[1]!])
    const [a, b] = [await post(newAction, t27.user, '/my/requests/new', form), await post(newAction, t27.user, '/my/requests/new', form)]
    expect(b.location).toBe(a.location)
    const rows = await db.select({ id: migrationRequests.id }).from(migrationRequests).where(eq(migrationRequests.clientKey, form.clientKey as string))
    expect(rows).toHaveLength(1)
  })

  it('editing a draft changes its request and its version', async () => {
    const created = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [t27.numbers[2]!]))
    const id = idFromEditUrl(created.location)
    const later = plusDays(portDate, 7)
    const edited = await post(editAction, t27.user, `/my/requests/${id}/edit`, { ...wizardForm(t27, [t27.numbers[2]!], { portDate: later, installDate: later, carrier: 'Odido' }), version: '1' }, { requestId: id })
    expect([edited.status, edited.location]).toEqual([302, `/my/requests/${id}/edit?saved=1`])
    const [row] = await db.select({ version: migrationRequests.version, request: migrationRequests.request }).from(migrationRequests).where(eq(migrationRequests.id, id))
    expect(row!.version).toBe(2)
    expect(row!.request).toMatchObject({ portDate: later, targetCarrier: 'Odido' })
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, 'migration_request'), eq(auditLog.entityId, id)))
    expect(audit.map((a) => a.action)).toEqual(['create', 'update'])

    // Opened afresh the draft shows version 2; a page opened at version 1 keeps it through every computation.
    expect((await get(editLoader, t27.user, `/my/requests/${id}/edit`, { requestId: id })).body).toMatchObject({ key: { requestId: id, version: 2 }, values: { carrier: 'Odido', portDate: later } })
    const query = formBody(wizardForm(t27, [t27.numbers[2]!], { run: '1', version: '1' }))
    query.delete('intent')
    query.delete('clientKey')
    const oldTab = await get(editLoader, t27.user, `/my/requests/${id}/edit?${query.toString()}`, { requestId: id })
    expect(oldTab.body).toMatchObject({ key: { requestId: id, version: 1 }, values: { carrier: 'Vodafone' } })
  })

  it('a stale version gets the conflict message and nothing changes', async () => {
    const created = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [t27.numbers[3]!]))
    const id = idFromEditUrl(created.location)
    await post(editAction, t27.user, `/my/requests/${id}/edit`, { ...wizardForm(t27, [t27.numbers[3]!], { carrier: 'Odido' }), version: '1' }, { requestId: id })
    const before = await footprint(t27.id)
    const stale = await post(editAction, t27.user, `/my/requests/${id}/edit`, { ...wizardForm(t27, [t27.numbers[3]!], { carrier: 'KPN' }), version: '1' }, { requestId: id })
    expect(stale.status).toBe(400)
    expect(fieldKeys(stale.body)).toEqual({ _form: 'request.version_conflict' })
    // What was typed comes back to the form.
    expect(stale.body).toMatchObject({ values: { carrier: 'KPN' } })
    expect(await footprint(t27.id)).toEqual(before)
    // So does a submit based on that old version: nothing is saved or submitted.
    const staleSubmit = await post(editAction, t27.user, `/my/requests/${id}/edit`, { ...wizardForm(t27, [t27.numbers[3]!], { intent: 'submit' }), version: '1' }, { requestId: id })
    expect(fieldKeys(staleSubmit.body)).toEqual({ _form: 'request.version_conflict' })
    expect(await footprint(t27.id)).toEqual(before)
  })

  it('submit from the wizard saves and submits in one go, redirects to the status page and reserves the numbers', async () => {
    const moved = t27.numbers[4]!
    const submitted = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [moved], { intent: 'submit' }))
    expect(submitted.status).toBe(302)
    const id = /\/requests\/([0-9a-f-]{36})$/.exec(submitted.location ?? '')?.[1] ?? ''
    expect(submitted.location).toBe(`/buildings/${buildingId}/requests/${id}`)
    const [row] = await db.select({ state: migrationRequests.state, submittedBy: migrationRequests.submittedBy }).from(migrationRequests).where(eq(migrationRequests.id, id))
    expect(row).toEqual({ state: 'awaiting_approval', submittedBy: t27.user.id })
    const reserved = await db.select({ e164: requestNumbers.e164 }).from(requestNumbers).where(eq(requestNumbers.requestId, id))
    expect(reserved.map((r) => r.e164)).toEqual([moved])
    // Created and submitted in one transaction, the timeline still lists the steps in the order taken.
    const view = await getRequestView({ db, actor: t27.user, requestId: id })
    expect(view.timeline.map((e) => e.action)).toEqual(['create', 'submit', 'skip_consent'])

    // A saved draft is submitted from its edit page the same way.
    const draft = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [t27.numbers[3]!]))
    const draftId = idFromEditUrl(draft.location)
    const fromEdit = await post(editAction, t27.user, `/my/requests/${draftId}/edit`, { ...wizardForm(t27, [t27.numbers[3]!], { intent: 'submit' }), version: '1' }, { requestId: draftId })
    expect(fromEdit.location).toBe(`/buildings/${buildingId}/requests/${draftId}`)
    const [after] = await db.select({ state: migrationRequests.state, version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, draftId))
    expect(after!.state).toBe('awaiting_approval')

    // The same submit sent again (a double click) answers like the first and changes nothing more.
    const again = await post(editAction, t27.user, `/my/requests/${draftId}/edit`, { ...wizardForm(t27, [t27.numbers[3]!], { intent: 'submit' }), version: '1' }, { requestId: draftId })
    expect(again.location).toBe(`/buildings/${buildingId}/requests/${draftId}`)
    const [still] = await db.select({ state: migrationRequests.state, version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, draftId))
    expect(still).toEqual(after)
  })

  it('numbers another open request holds are refused with the reserved message, and nothing is saved', async () => {
    const taken = t27.numbers[4]!
    const before = await footprint(t27.id)
    const refused = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [taken], { intent: 'submit' }))
    expect(refused.status).toBe(400)
    expect(fieldKeys(refused.body)).toEqual({ _form: 'request.numbers_reserved' })
    expect(await footprint(t27.id)).toEqual(before)
  })

  it('a port or installation date in the past is refused next to that date and nothing is written', async () => {
    const before = await footprint(t27.id)
    const yesterday = minusDays(today, 1)
    const refused = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [t27.numbers[0]!], { portDate: yesterday, installDate: yesterday }))
    expect(refused.status).toBe(400)
    expect(fieldKeys(refused.body)).toEqual({ portDate: 'impact.form.pastDate' })
    expect(refused.body).toMatchObject({ values: { portDate: yesterday } })
    // The impact screen allows an installation that already happened; a request does not.
    const pastInstall = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [t27.numbers[0]!], { installDate: yesterday, ackInstall: '1' }))
    expect(fieldKeys(pastInstall.body)).toEqual({ installDate: 'impact.form.pastDate' })
    expect(await footprint(t27.id)).toEqual(before)
  })

  it('an installation before the port date is refused at the confirmation checkbox until it is ticked', async () => {
    const before = await footprint(t27.id)
    const form = wizardForm(t27, [t27.numbers[0]!], { installDate: earlyInstall })
    const refused = await post(newAction, t27.user, '/my/requests/new', form)
    expect(refused.status).toBe(400)
    expect(fieldKeys(refused.body)).toEqual({ ackInstall: 'wizard.error.ackInstall' })
    expect(refused.body).toMatchObject({ ackInstall: false, values: { installDate: earlyInstall, portDate } })
    expect(await footprint(t27.id)).toEqual(before)

    const confirmed = await post(newAction, t27.user, '/my/requests/new', { ...form, ackInstall: '1' })
    expect(confirmed.status).toBe(302)
    const [row] = await db.select({ ack: migrationRequests.installBeforePortAcknowledged, request: migrationRequests.request }).from(migrationRequests).where(eq(migrationRequests.id, idFromEditUrl(confirmed.location)))
    expect(row!.ack).toBe(true)
    expect(row!.request).toMatchObject({ installDate: earlyInstall, portDate })
  })

  it('another company’s number is refused next to the numbers, naming it, and nothing is written', async () => {
    const before = await footprint(t27.id)
    const foreign = t1.numbers[0]!
    const refused = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [], { numbers: formatNational(foreign) }))
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ errors: { numbers: { key: 'wizard.error.foreignNumber', params: { number: formatNational(foreign) } } } })
    expect(Object.keys((refused.body as { errors: object }).errors)).toEqual(['numbers'])
    expect(await footprint(t27.id)).toEqual(before)
  })

  it('a signatory of another company is refused next to the signatory and nothing is written', async () => {
    const before = await footprint(t27.id)
    const refused = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [t27.numbers[0]!], { signatory: t1.signatory }))
    expect(refused.status).toBe(400)
    expect(fieldKeys(refused.body)).toEqual({ signatory: 'wizard.error.signatory' })
    expect(await footprint(t27.id)).toEqual(before)
  })

  it('a blocked plan is refused with the blocked message and nothing is saved', async () => {
    // t1's port takes the ISDN30 block with the building's main number: blocked.
    const before = await footprint(t1.id)
    const refused = await post(newAction, t1.user, '/my/requests/new', wizardForm(t1, t1.numbers, { intent: 'submit' }))
    expect(refused.status).toBe(400)
    expect(fieldKeys(refused.body)).toEqual({ _form: 'request.blocked' })
    expect(await footprint(t1.id)).toEqual(before)
    expect(before.requests).toEqual([])
  })

  it('refuses a form without a known intent, and saves nothing', async () => {
    const before = await footprint(t27.id)
    const refused = await post(newAction, t27.user, '/my/requests/new', wizardForm(t27, [t27.numbers[0]!], { intent: 'publish' }))
    expect(fieldKeys(refused.body)).toEqual({ _form: 'field.invalidChoice' })
    expect(await footprint(t27.id)).toEqual(before)
  })
})

describe('who may use the wizard', () => {
  it('a facility manager or a sales user gets 403 on the list, the wizard and its save', async () => {
    const draft = await createDraftRequest({ db, actor: t27.user, buildingId, request: portFile(t27, t27.numbers[0]!) })
    for (const actor of [manager, sales]) {
      expect((await get(listLoader, actor, '/my/requests')).status).toBe(403)
      expect((await get(newLoader, actor, '/my/requests/new')).status).toBe(403)
      expect((await post(newAction, actor, '/my/requests/new', wizardForm(t27, [t27.numbers[0]!]))).status).toBe(403)
      expect((await get(editLoader, actor, `/my/requests/${draft.id}/edit`, { requestId: draft.id })).status).toBe(403)
      expect((await post(editAction, actor, `/my/requests/${draft.id}/edit`, { ...wizardForm(t27, [t27.numbers[0]!]), version: '1' }, { requestId: draft.id })).status).toBe(403)
    }
    expect((await requestsOf(t27.id)).find((r) => r.id === draft.id)).toMatchObject({ version: 1 })
  })

  it('another company’s draft is not found: neither its edit page nor a save to it', async () => {
    const draft = await createDraftRequest({ db, actor: t27.user, buildingId, request: portFile(t27, t27.numbers[0]!) })
    expect((await get(editLoader, t1.user, `/my/requests/${draft.id}/edit`, { requestId: draft.id })).status).toBe(404)
    const posted = await post(editAction, t1.user, `/my/requests/${draft.id}/edit`, { ...wizardForm(t1, [t1.numbers[0]!]), version: '1' }, { requestId: draft.id })
    expect(posted.status).toBe(404)
    expect((await get(editLoader, t1.user, '/my/requests/not-a-uuid/edit', { requestId: 'not-a-uuid' })).status).toBe(404)
    const [row] = await db.select({ version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, draft.id))
    expect(row!.version).toBe(1)
  })

  it('a request that is no longer a draft is not opened as a form: the page says so and points to its status page', async () => {
    const draft = await createDraftRequest({ db, actor: t27.user, buildingId, request: portFile(t27, t27.numbers[1]!) })
    await submitMigrationRequest({ db, actor: t27.user, requestId: draft.id, expectedVersion: 1 })
    const page = await get(editLoader, t27.user, `/my/requests/${draft.id}/edit`, { requestId: draft.id })
    expect(page.status).toBe(409)
    expect(page.body).toEqual({ mode: 'locked', status: 409, request: { id: draft.id, buildingId, state: 'awaiting_approval' } })
    const posted = await post(editAction, t27.user, `/my/requests/${draft.id}/edit`, { ...wizardForm(t27, [t27.numbers[1]!]), version: '2' }, { requestId: draft.id })
    expect(fieldKeys(posted.body)).toEqual({ _form: 'request.only_drafts_change' })
  })
})

describe('the tenant’s request list', () => {
  it('lists the company’s own requests and, apart, the requests that ask it for consent', async () => {
    // A building of its own, so the line migration's reservations meet no other test's.
    const { buildingId: own } = await importBuildingFile({ db, actor: manager, json: demoFile })
    const sip = await company('t27', own)
    const neighbour = await company('t28', own)
    expect((await get(listLoader, neighbour.user, '/my/requests')).body).toEqual({ items: [] })

    const submitted = await post(newAction, sip.user, '/my/requests/new', wizardForm(sip, [sip.numbers[0]!], { intent: 'submit', mechanism: 'line_migration' }))
    const id = /\/requests\/([0-9a-f-]{36})$/.exec(submitted.location ?? '')?.[1] ?? ''
    const draft = await post(newAction, sip.user, '/my/requests/new', wizardForm(sip, [sip.numbers[1]!]))
    const draftId = idFromEditUrl(draft.location)

    const mine = (await get(listLoader, sip.user, '/my/requests')).body as { items: { id: string; relation: string; state: string; portDate: string; targetCarrier: string; numbers: number; buildingId: string }[] }
    expect(mine.items.map((r) => [r.id, r.relation, r.state]).sort()).toEqual(
      [
        [id, 'own', 'awaiting_consent'],
        [draftId, 'own', 'draft'],
      ].sort(),
    )
    expect(mine.items.find((r) => r.id === draftId)).toMatchObject({ portDate, targetCarrier: 'Vodafone', numbers: 1, buildingId: own })

    const theirs = (await get(listLoader, neighbour.user, '/my/requests')).body as { items: { id: string; relation: string; consent: string; requesterName: string; portDate: string }[] }
    expect(theirs.items).toHaveLength(1)
    expect(theirs.items[0]).toMatchObject({ id, relation: 'consent', consent: 'pending', requesterName: 'Installatiebedrijf Van der Linden V.O.F.', portDate })
  })
})
