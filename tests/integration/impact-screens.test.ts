import fs from 'node:fs'
import { and, asc, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { numberRuns, pageReport } from '#app/domain/impact/page-report.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { loader as impactLoader } from '#app/routes/impact/building.tsx'
import { loader as moveOutLoader } from '#app/routes/impact/move-out.tsx'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { importBuildingFile, loadBuildingInventory } from '#app/services/building-file.server.ts'
import { shareBuilding } from '#app/services/buildings.server.ts'
import { getImpactScreen, getMoveOutScreen, impactPrefillFromNumbers } from '#app/services/impact-screen.server.ts'
import { previewUploadedBuilding } from '#app/services/impact-upload.server.ts'
import { computeImpactForRequest } from '#app/services/impact.server.ts'
import { listMyProspectShares, setShareProspect, shareAsProspect, withdrawProspectShare } from '#app/services/shares.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, buildingShares, contacts, numbers, tenants } from '#db/schema/index.ts'
import { refusal, refused } from '#tests/support/factories-tenants.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertUser, testPassword } from '#tests/support/factories.ts'

const demoFileText = fs.readFileSync('tests/fixtures/demo-building.json', 'utf8')
const demoFile = JSON.parse(demoFileText) as { tenants: { id: string; kvkNumber: string }[]; contacts: { id: string; email: string }[] }
/** The demo request's day: its dates are computed from it. */
const today = '2026-11-23'

let db: Db
let manager: Actor
let tenantUser: Actor
let salesWithProspect: Actor
let salesCountsOnly: Actor
let buildingId: string
/** Database ids of the demo tenants t1 (Bakkerij Van Dijk B.V., three ISDN30 numbers 020 555 1001–1003) and t2. */
let t1: string
let t2: string
let t1Signatory: string

beforeAll(async () => {
  vi.stubEnv('SESSION_SECRET', 'impact screens test secret, long enough')
  const database = await createTestDatabase()
  setDatabase(database)
  db = database.db
  manager = await insertUser(db, { role: 'facility_manager' })
  ;({ buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile }))
  const byKey = async (key: string) => {
    const kvk = demoFile.tenants.find((t) => t.id === key)!.kvkNumber
    return (await db.select({ id: tenants.id }).from(tenants).where(and(eq(tenants.buildingId, buildingId), eq(tenants.kvkNumber, kvk))))[0]!.id
  }
  t1 = await byKey('t1')
  t2 = await byKey('t2')
  const email = demoFile.contacts.find((c) => c.id === 't1-c1')!.email
  t1Signatory = (await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, t1), eq(contacts.email, email))))[0]!.id
  tenantUser = await insertUser(db, { role: 'tenant', tenantId: t1 })
  salesWithProspect = await insertUser(db, { role: 'sales' })
  salesCountsOnly = await insertUser(db, { role: 'sales' })
  await shareBuilding({ db, actor: manager, buildingId, input: { email: salesWithProspect.email, prospectTenantId: t1 } })
  await shareBuilding({ db, actor: manager, buildingId, input: { email: salesCountsOnly.email } })
})

/** A port of t1's three numbers on the demo request's dates, as the form sends it. */
function t1Port(overrides: Record<string, string> = {}) {
  return new URLSearchParams({
    tenant: t1,
    shownTenant: t1,
    numbers: '020 555 1001 t/m 020 555 1003',
    mechanism: 'port',
    portDate: '2027-01-12',
    installDate: '2027-01-12',
    cutoverDate: '',
    signatory: t1Signatory,
    carrier: 'Vodafone',
    run: '1',
    ...overrides,
  })
}

/** Calls a route loader in-process as the given user, through a real session cookie. */
async function asUser(actor: Actor, loader: typeof impactLoader | typeof moveOutLoader, path: string) {
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: 'unknown' })
  if (!login.ok) throw new Error('login failed')
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: await commitSessionToken(login.token) } })
  return loader({ request, params: { buildingId }, context: {} } as never)
}

/** Every identifier of a company other than `self`: names, KvK, contacts, numbers (E.164, national, without +31). */
async function othersThan(self: string) {
  const inventory = await loadBuildingInventory(db, buildingId)
  const out: string[] = []
  for (const t of inventory.tenants) if (t.id !== self) out.push(t.id, t.legalName, t.kvkNumber)
  for (const c of inventory.contacts) {
    if (c.tenantId === null || c.tenantId === self) continue
    out.push(c.name, c.email, ...(c.phone ? [c.phone, formatNational(c.phone), c.phone.slice(3)] : []))
  }
  for (const n of inventory.numbers) if (n.tenantId !== null && n.tenantId !== self) out.push(n.e164, formatNational(n.e164), n.e164.slice(3))
  return out
}

async function ownNumbers(tenantId: string) {
  return (await db.select({ e164: numbers.e164 }).from(numbers).where(eq(numbers.tenantId, tenantId)).orderBy(asc(numbers.e164))).map((n) => n.e164)
}

describe('the facility manager’s impact screen', () => {
  it('shows the full report, the three mechanisms, the plan and the picture, as the engine computes them', async () => {
    const screen = await getImpactScreen({ db, actor: manager, buildingId, fields: t1Port(), today })
    if (screen.mode !== 'migration' || !screen.outcome) throw new Error('expected a report')
    expect(screen.status).toBe(200)
    const { report, picture, labels } = screen.outcome
    const engine = await computeImpactForRequest({
      db,
      actor: manager,
      buildingId,
      request: { type: 'migration', asOf: today, tenant: t1, numbers: ['020 555 1001 t/m 020 555 1003'], mechanism: 'port', portDate: '2027-01-12', signatory: t1Signatory, targetCarrier: 'Vodafone' },
    })
    // The page gets the engine's report, trimmed: numbers as blocks, the alternatives as verdicts and counts.
    expect(report).toEqual(pageReport(engine.report))
    expect(report.view).toBe('full')
    // The port would take the ISDN30's main number: blocked; a line migration would not, but drags the whole trunk.
    expect([report.chosen, report.verdict]).toEqual(['port', 'blocked'])
    expect(report.alternatives.map((o) => o.verdict)).toEqual(['blocked', 'needs_consent', 'blocked'])
    expect(report.alternatives.map((o) => o.mechanism)).toEqual(['port', 'line_migration', 'contract_takeover'])
    expect(report.outcome.plan.map((s) => s.code)).toContain('SUBMIT')
    // The port takes the block 020 555 1000–1009: t1's own three, two other companies' and the common main number.
    expect(report.outcome.counts.moved).toBe(10)
    expect(report.outcome.moved.groups.map((g) => [g.tenantId === t1, g.count])).toEqual([
      [true, 3],
      [false, 3],
      [false, 3],
      [false, 1],
    ])
    const isdn = picture.contracts.flatMap((c) => c.services).find((s) => s.kind === 'isdn30')!
    expect(isdn.affected.map((a) => [a.name, a.self, a.movedNumbers])).toEqual([
      ['Bakkerij Van Dijk B.V.', true, 3],
      ...isdn.affected.slice(1).map((a) => [a.name, false, 3]),
    ])
    expect(isdn.affected).toHaveLength(3)
    expect(isdn.unallocatedMoved).toBe(1)
    expect(isdn.unaffected.tenants).toBe(23)
    expect(labels.services[isdn.id]).toEqual({ id: isdn.id, kind: 'isdn30', carrierRef: 'KPN-ISDN30-0200451' })
    expect(screen.tenants).toHaveLength(40)
  })

  it('starts a tenant’s form from sensible defaults: all its numbers, its signatory, ten working days out', async () => {
    const screen = await getImpactScreen({ db, actor: manager, buildingId, fields: new URLSearchParams({ tenant: t1 }), today })
    if (screen.mode !== 'migration') throw new Error('expected the form')
    expect(screen.outcome).toBeNull()
    expect(screen.values).toMatchObject({ tenant: t1, all: true, signatory: t1Signatory, portDate: '2026-12-07', installDate: '2026-12-07', mechanism: 'auto' })
    expect(screen.choices!.numbers.map((n) => n.e164)).toEqual(await ownNumbers(t1))
    expect(screen.choices!.contacts[0]).toMatchObject({ id: t1Signatory, authorized: true })
  })

  it('“all numbers on this line” requests every number the tenant holds on that line, and no other', async () => {
    const first = await getImpactScreen({ db, actor: manager, buildingId, fields: new URLSearchParams({ tenant: t1 }), today })
    if (first.mode !== 'migration') throw new Error('expected the form')
    const line = first.choices!.voiceServices[0]!.id
    const onLine = first.choices!.numbers.filter((n) => n.serviceId === line).map((n) => n.e164)
    const screen = await getImpactScreen({ db, actor: manager, buildingId, fields: t1Port({ numbers: '', line }), today })
    if (screen.mode !== 'migration' || !screen.outcome) throw new Error('expected a report')
    expect(screen.values.lines).toEqual([line])
    expect(screen.outcome.report.request.tenantId).toBe(t1)
    expect(screen.outcome.report.outcome.moved.groups.find((g) => g.tenantId === t1)!.count).toBe(onLine.length)
    const unknown = await getImpactScreen({ db, actor: manager, buildingId, fields: t1Port({ numbers: '', line: '00000000-0000-4000-8000-000000000000' }), today })
    if (unknown.mode !== 'migration') throw new Error('expected the form')
    expect(unknown.errors.numbers).toEqual({ key: 'field.invalidChoice' })
    expect(unknown.outcome).toBeNull()
  })

  it('refuses bad query input next to the fields and computes nothing', async () => {
    const bad = await getImpactScreen({
      db,
      actor: manager,
      buildingId,
      fields: t1Port({ portDate: '2027-02-30', installDate: 'soon', cutoverDate: '2020-01-01', numbers: 'not a number', mechanism: 'teleport', carrier: '', signatory: 'nobody' }),
      today,
    })
    if (bad.mode !== 'migration') throw new Error('expected the form')
    expect(bad.status).toBe(400)
    expect(bad.outcome).toBeNull()
    expect(Object.fromEntries(Object.entries(bad.errors).map(([k, v]) => [k, v.key]))).toEqual({
      portDate: 'field.invalidDate',
      installDate: 'field.invalidDate',
      cutoverDate: 'impact.form.pastDate',
      numbers: 'impact.form.numberInvalid',
      mechanism: 'field.invalidChoice',
      signatory: 'field.invalidChoice',
      carrier: 'field.required',
    })
    expect(bad.errors.numbers!.params).toEqual({ text: 'not a number' })
    // What was typed stays in the form.
    expect(bad.values).toMatchObject({ portDate: '2027-02-30', numbers: 'not a number', mechanism: 'teleport' })

    const nothing = await getImpactScreen({ db, actor: manager, buildingId, fields: t1Port({ numbers: '', portDate: '2026-11-20' }), today })
    if (nothing.mode !== 'migration') throw new Error('expected the form')
    expect(nothing.errors.numbers?.key).toBe('impact.form.nothingRequested')
    expect(nothing.errors.portDate?.key).toBe('impact.form.pastDate')
    expect(nothing.outcome).toBeNull()

    const stranger = await getImpactScreen({ db, actor: manager, buildingId, fields: t1Port({ tenant: '00000000-0000-4000-8000-000000000000' }), today })
    if (stranger.mode !== 'migration') throw new Error('expected the form')
    expect([stranger.status, stranger.errors.tenant?.key, stranger.outcome]).toEqual([400, 'field.invalidChoice', null])
  })

  it('answers a bad query through the loader with status 400 and no report', async () => {
    const result = (await asUser(manager, impactLoader, `/buildings/${buildingId}/impact?${t1Port({ carrier: '' }).toString()}`)) as { data: { outcome: unknown }; init: { status: number } }
    expect(result.init.status).toBe(400)
    expect(result.data.outcome).toBeNull()
  })

  it('turns numbers ticked in the numbers list into a prefilled form for their tenant', async () => {
    const ids = (await db.select({ id: numbers.id }).from(numbers).where(eq(numbers.tenantId, t1))).map((r) => r.id)
    const query = await impactPrefillFromNumbers({ db, actor: manager, buildingId, fields: new URLSearchParams(ids.map((id) => ['numberId', id])) })
    expect(Object.fromEntries(new URLSearchParams(query!))).toEqual({ tenant: t1, numbers: '020 555 1001 t/m 020 555 1003' })
    expect(await impactPrefillFromNumbers({ db, actor: manager, buildingId, fields: new URLSearchParams({ tenant: t1 }) })).toBeNull()
    await expect(impactPrefillFromNumbers({ db, actor: tenantUser, buildingId, fields: new URLSearchParams({ numberId: ids[0]! }) })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('shows the move-out of a tenant with the same report, keeping or releasing its numbers', async () => {
    const keep = await getMoveOutScreen({ db, actor: manager, buildingId, fields: new URLSearchParams({ tenant: t1, date: '2027-01-12', keep: 'keep', run: '1' }), today })
    expect(keep.outcome?.report.request).toMatchObject({ type: 'move_out', tenantId: t1, date: '2027-01-12', keepNumbers: true })
    expect(keep.outcome?.picture.mechanism).toBe('port')
    const release = await getMoveOutScreen({ db, actor: manager, buildingId, fields: new URLSearchParams({ tenant: t1, date: '2027-01-12', keep: 'release', run: '1' }), today })
    expect(release.outcome?.report.released).toEqual(numberRuns(await ownNumbers(t1)))
    expect(release.outcome?.report.outcome.findings.map((f) => f.code)).toContain('NUMBERS_RELEASED')
    const bad = await getMoveOutScreen({ db, actor: manager, buildingId, fields: new URLSearchParams({ tenant: t1, date: 'next week', run: '1' }), today })
    expect([bad.status, bad.errors.date?.key, bad.outcome]).toEqual([400, 'field.invalidDate', null])
    await expect(getMoveOutScreen({ db, actor: tenantUser, buildingId, fields: new URLSearchParams(), today })).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('a tenant user’s impact screen', () => {
  it('holds its own numbers and not one other company’s name, KvK, number, contact or id in the loader data', async () => {
    const result = (await asUser(tenantUser, impactLoader, `/buildings/${buildingId}/impact?${t1Port({ tenant: t2 }).toString()}`)) as { data: Awaited<ReturnType<typeof getImpactScreen>> }
    const screen = result.data
    if (screen.mode !== 'migration' || !screen.outcome) throw new Error('expected a report')
    // The tenant is fixed to the user's own company, whatever the URL says.
    expect(screen.tenant?.id).toBe(t1)
    expect(screen.tenants).toBeNull()
    expect(screen.outcome.report.view).toBe('tenant')
    expect(screen.outcome.picture.view).toBe('tenant')
    // Two other companies move along: counted, not named.
    expect(screen.outcome.report.outcome.counts).toMatchObject({ otherTenants: 2, otherTenantNumbers: 6 })
    const isdn = screen.outcome.picture.contracts.flatMap((c) => c.services).find((s) => s.kind === 'isdn30')!
    expect(isdn.affected.map((a) => a.name)).toEqual(['Bakkerij Van Dijk B.V.'])
    expect(isdn.moreAffected).toEqual({ tenants: 2, numbers: 6 })

    const json = JSON.stringify(result)
    for (const own of await ownNumbers(t1)) expect(json).toContain(own)
    expect((await othersThan(t1)).filter((s) => json.includes(s))).toEqual([])
  })

  it('cannot open the move-out screen or another building', async () => {
    await expect(asUser(tenantUser, moveOutLoader, `/buildings/${buildingId}/move-out`)).rejects.toMatchObject({ init: { status: 403 } })
    const other = await importBuildingFile({ db, actor: manager, json: { ...demoFile, building: { name: 'Elders', street: 'Weg 1', postcode: '1234 AB', city: 'Utrecht' } } })
    await expect(getImpactScreen({ db, actor: tenantUser, buildingId: other.buildingId, fields: new URLSearchParams(), today })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('a sales user’s impact screen', () => {
  it('with a prospect: the prospect’s own numbers in full, every other company as "Tenant N", nothing of theirs in the loader data', async () => {
    const result = (await asUser(salesWithProspect, impactLoader, `/buildings/${buildingId}/impact?${t1Port({ mechanism: 'line_migration' }).toString()}`)) as {
      data: Awaited<ReturnType<typeof getImpactScreen>>
    }
    const screen = result.data
    if (screen.mode !== 'migration' || !screen.outcome) throw new Error('expected a report')
    expect(screen.view).toBe('sales')
    expect(screen.outcome.report.view).toBe('sales')
    const isdn = screen.outcome.picture.contracts.flatMap((c) => c.services).find((s) => s.kind === 'isdn30')!
    expect(isdn.affected[0]).toMatchObject({ name: 'Bakkerij Van Dijk B.V.', self: true })
    expect(isdn.affected.slice(1).every((a) => /^Tenant \d+$/.test(a.name) && a.id.startsWith('other-') && a.index > 0)).toBe(true)
    // A line migration drags the whole ISDN30 trunk: 25 others, the first 11 drawn, the rest counted.
    expect(isdn.affected.length + isdn.moreAffected.tenants).toBe(26)
    expect(isdn.unaffected.tenants).toBe(0)

    const json = JSON.stringify(result)
    for (const own of await ownNumbers(t1)) expect(json).toContain(own)
    expect((await othersThan(t1)).filter((s) => json.includes(s))).toEqual([])
  })

  it('without a prospect: counts only, an explanation and no form', async () => {
    const result = (await asUser(salesCountsOnly, impactLoader, `/buildings/${buildingId}/impact?${t1Port().toString()}`)) as { data: Awaited<ReturnType<typeof getImpactScreen>> }
    expect(result.data).toMatchObject({ mode: 'counts', counts: { tenants: 40 } })
    expect(result.data).not.toHaveProperty('outcome')
    const json = JSON.stringify(result)
    expect((await othersThan('')).filter((s) => json.includes(s))).toEqual([])
  })

  it('previews an uploaded building file in full, and shows the file’s problems with their JSON paths', async () => {
    const form = new FormData()
    form.set('file', new File([demoFileText], 'demo-building.json', { type: 'application/json' }))
    const first = await previewUploadedBuilding({ actor: salesCountsOnly, formData: form, today })
    expect(first).toMatchObject({ status: 200, fileName: 'demo-building.json', buildingName: 'Bedrijvencentrum De Schakel', outcome: null })
    expect(first.tenants).toHaveLength(40)

    const run = new FormData()
    for (const [k, v] of Object.entries({ buildingJson: first.buildingJson, fileName: 'demo-building.json', tenant: 't1', shownTenant: 't1', all: '1', mechanism: 'auto', portDate: '2027-01-12', signatory: 't1-c1', carrier: 'Vodafone', run: '1' })) {
      run.set(k, v)
    }
    const second = await previewUploadedBuilding({ actor: salesCountsOnly, formData: run, today })
    expect(second.status).toBe(200)
    expect(second.outcome?.report.view).toBe('full')
    expect(second.outcome?.picture.contracts[0]!.services.find((s) => s.kind === 'isdn30')!.affected.map((a) => a.name)).toContain('Advocatenkantoor De Boer V.O.F.')

    const broken = JSON.parse(demoFileText) as { tenants: { kvkNumber: string }[] }
    broken.tenants[3]!.kvkNumber = '123'
    const bad = new FormData()
    bad.set('file', new File([JSON.stringify(broken)], 'broken.json'))
    const problems = await previewUploadedBuilding({ actor: salesCountsOnly, formData: bad, today })
    expect(problems.status).toBe(400)
    expect(problems.problems.map((p) => p.path)).toContain('$.tenants[3].kvkNumber')
    const notJson = new FormData()
    notJson.set('file', new File(['{ nope'], 'nope.json'))
    expect((await previewUploadedBuilding({ actor: salesCountsOnly, formData: notJson, today })).problems[0]!.path).toBe('$')
    await expect(previewUploadedBuilding({ actor: tenantUser, formData: null, today })).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('naming the prospect of a share', () => {
  async function shareAudit(salesId: string) {
    return db
      .select({ action: auditLog.action, actor: auditLog.actorUserId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'building_share'), eq(auditLog.entityId, salesId)))
      .orderBy(asc(auditLog.id))
  }
  async function prospectOf(salesId: string) {
    const [row] = await db.select({ p: buildingShares.prospectTenantId }).from(buildingShares).where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.userId, salesId)))
    return row?.p
  }

  it('the facility manager names, changes and clears the prospect, and every change is audited', async () => {
    const sales = await insertUser(db, { role: 'sales' })
    await shareBuilding({ db, actor: manager, buildingId, input: { email: sales.email, prospectTenantId: t1 } })
    expect(await prospectOf(sales.id)).toBe(t1)
    await setShareProspect({ db, actor: manager, buildingId, userId: sales.id, input: { prospectTenantId: t2 } })
    await setShareProspect({ db, actor: manager, buildingId, userId: sales.id, input: { prospectTenantId: t2 } })
    await setShareProspect({ db, actor: manager, buildingId, userId: sales.id, input: { prospectTenantId: '' } })
    expect(await prospectOf(sales.id)).toBeNull()
    expect(await shareAudit(sales.id)).toEqual([
      { action: 'create', actor: manager.id, before: null, after: expect.objectContaining({ prospectTenantId: t1, prospectName: 'Bakkerij Van Dijk B.V.' }) },
      { action: 'update', actor: manager.id, before: { userId: sales.id, prospectTenantId: t1 }, after: expect.objectContaining({ prospectTenantId: t2 }) },
      { action: 'update', actor: manager.id, before: { userId: sales.id, prospectTenantId: t2 }, after: expect.objectContaining({ prospectTenantId: null }) },
    ])
    expect(await refused(setShareProspect({ db, actor: manager, buildingId, userId: sales.id, input: { prospectTenantId: '00000000-0000-4000-8000-000000000000' } }))).toEqual({
      prospectTenantId: 'field.invalidChoice',
    })
    expect(await refusal(setShareProspect({ db, actor: tenantUser, buildingId, userId: sales.id, input: { prospectTenantId: t1 } }))).toBeInstanceOf(ForbiddenError)
    expect(await shareAudit(sales.id)).toHaveLength(3)
  })

  it('a tenant user shares the building naming its own company, and withdraws it again; both audited', async () => {
    const sales = await insertUser(db, { role: 'sales' })
    await shareAsProspect({ db, actor: tenantUser, input: { email: sales.email } })
    expect(await prospectOf(sales.id)).toBe(t1)
    expect((await listMyProspectShares({ db, actor: tenantUser })).shares.map((s) => s.email)).toContain(sales.email)
    const screen = await getImpactScreen({ db, actor: sales, buildingId, fields: t1Port(), today })
    expect(screen.mode === 'migration' && screen.outcome?.report.view).toBe('sales')

    await withdrawProspectShare({ db, actor: tenantUser, userId: sales.id })
    expect(await prospectOf(sales.id)).toBeUndefined()
    expect((await shareAudit(sales.id)).map((e) => [e.action, e.actor])).toEqual([
      ['create', tenantUser.id],
      ['delete', tenantUser.id],
    ])
  })

  it('a tenant user may not take over a share naming another company; withdrawing from a manager’s share leaves counts only', async () => {
    const sales = await insertUser(db, { role: 'sales' })
    await shareBuilding({ db, actor: manager, buildingId, input: { email: sales.email, prospectTenantId: t2 } })
    expect(await refused(shareAsProspect({ db, actor: tenantUser, input: { email: sales.email } }))).toEqual({ email: 'prospect.otherProspect' })
    expect(await prospectOf(sales.id)).toBe(t2)
    expect(await refusal(withdrawProspectShare({ db, actor: tenantUser, userId: sales.id }))).toBeInstanceOf(NotFoundError)

    await setShareProspect({ db, actor: manager, buildingId, userId: sales.id, input: { prospectTenantId: '' } })
    await shareAsProspect({ db, actor: tenantUser, input: { email: sales.email } })
    expect(await prospectOf(sales.id)).toBe(t1)
    await withdrawProspectShare({ db, actor: tenantUser, userId: sales.id })
    expect(await prospectOf(sales.id)).toBeNull()
    expect((await shareAudit(sales.id)).map((e) => [e.action, e.actor])).toEqual([
      ['create', manager.id],
      ['update', manager.id],
      ['update', tenantUser.id],
      ['update', tenantUser.id],
    ])
    expect(await refused(shareAsProspect({ db, actor: tenantUser, input: { email: manager.email } }))).toEqual({ email: 'share.notSales' })
  })
})
