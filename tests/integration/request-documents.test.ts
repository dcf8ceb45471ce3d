import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { formatIsoDate, plusDays, plusMonths } from '#app/domain/dates.ts'
import type { ImpactReport } from '#app/domain/impact/index.ts'
import { formatCents } from '#app/domain/money.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { loader as authorisationLoader } from '#app/routes/documents/authorisation.ts'
import { loader as letterLoader } from '#app/routes/documents/letter.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { importBuildingFile } from '#app/services/building-file.server.ts'
import { actOnRequest } from '#app/services/request-actions.server.ts'
import { createDraftRequest, submitMigrationRequest } from '#app/services/requests.server.ts'
import type { Db } from '#db/client.ts'
import { contacts, migrationRequests, tenants } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { demoFile, demoTenant, type DemoTenant } from '#tests/support/demo-tenants.ts'
import { insertUser, testPassword } from '#tests/support/factories.ts'
import { bytesOf, pdfFonts, readPdf, renderFirstPage } from '#tests/support/pdf.ts'

const today = todayInNetherlands()
/** Three weeks ahead: a plan may not name a day in the past, and the tests must not rot. */
const portDate = plusDays(today, 21)

let db: Db
let manager: Actor

/**
 * A fresh copy of the demo building. Tenant t4 (Fysiotherapie Van der Meer) shares the ISDN30 block
 * 020-5551010…1019 with t5, t6 (whose contact reads English) and t7 (which keeps 020-5551020 and
 * 1021): porting t4's numbers drags those three. t1's block holds the building's main number.
 */
async function freshBuilding() {
  const { buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile })
  const [t1, t4, t5, t6, t7, t27] = await Promise.all(['t1', 't4', 't5', 't6', 't7', 't27'].map((k) => demoTenant(db, buildingId, k)))
  const users = {
    t1: await insertUser(db, { role: 'tenant', tenantId: t1!.id }),
    t4: await insertUser(db, { role: 'tenant', tenantId: t4!.id }),
    t5: await insertUser(db, { role: 'tenant', tenantId: t5!.id }),
    t6: await insertUser(db, { role: 'tenant', tenantId: t6!.id }),
    t27: await insertUser(db, { role: 'tenant', tenantId: t27!.id }),
  }
  return { buildingId, t1: t1!, t4: t4!, t5: t5!, t6: t6!, t7: t7!, t27: t27!, users }
}

const portOf = (tenant: DemoTenant) => ({ type: 'migration', tenant: tenant.id, numbers: tenant.numbers, mechanism: 'port', portDate, signatory: tenant.signatory, targetCarrier: 'Vodafone' })

/** t4's port, submitted: it waits for the consent of t5, t6 and t7. */
async function submittedPort(b: Awaited<ReturnType<typeof freshBuilding>>) {
  const draft = await createDraftRequest({ db, actor: b.users.t4, buildingId: b.buildingId, request: portOf(b.t4) })
  await submitMigrationRequest({ db, actor: b.users.t4, requestId: draft.id, expectedVersion: 1 })
  return draft.id
}

async function cookieOf(actor: Actor) {
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: '127.0.0.1' })
  if (!login.ok) throw new Error('login failed')
  return (await commitSessionToken(login.token)).split(';')[0]!
}

type Loader = (args: never) => Promise<Response>

/** GETs a document as the actor, in the language the browser asks for; a 404 thrown by the guard becomes a Response. */
async function download(loader: Loader, actor: Actor, params: Record<string, string>, url: string, language = 'nl') {
  const request = new Request(`http://localhost${url}`, { headers: { Cookie: await cookieOf(actor), 'Accept-Language': language } })
  try {
    return await loader({ request, params, context: {} } as never)
  } catch (thrown) {
    const status = (thrown as { init?: { status?: number } }).init?.status
    if (status) return new Response(null, { status })
    throw thrown
  }
}

function authorisation(actor: Actor, buildingId: string, requestId: string, language?: string) {
  return download(authorisationLoader as Loader, actor, { buildingId, requestId }, `/buildings/${buildingId}/requests/${requestId}/authorisation.pdf`, language)
}

function letter(actor: Actor, buildingId: string, requestId: string, tenantId: string, language?: string) {
  return download(letterLoader as Loader, actor, { buildingId, requestId, tenantId }, `/buildings/${buildingId}/requests/${requestId}/letters/${tenantId}.pdf`, language)
}

/** The PDF of a download, after checking what every document carries: metadata, an embedded font with ë/€, a page 1 with ink. */
async function pdfOf(response: Response, expected: { title: string; fileName: string }) {
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/pdf')
  expect(response.headers.get('Content-Disposition')).toContain(`filename="${expected.fileName}"`)
  const bytes = await bytesOf(response)
  const pdf = await readPdf(bytes)
  expect(pdf.info).toMatchObject({ Title: expected.title, Author: 'Sharedline' })
  expect(String(pdf.info.CreationDate)).toContain(today.slice(0, 4))
  const fonts = await pdfFonts(bytes)
  expect(fonts.length).toBeGreaterThan(0)
  expect(fonts.every((f) => f.embedded && f.name.includes('DejaVuSans'))).toBe(true)
  const page = await renderFirstPage(bytes)
  expect(page.inked).toBeGreaterThan(0.01)
  return { ...pdf, text: spaced(pdf.text) }
}

/** Lines wrap where the page ends and Intl puts no-break spaces in amounts: compare text with single plain spaces. */
const spaced = (text: string) => text.replace(/-\n/g, '-').replace(/\s+/g, ' ')

function expectFacts(text: string, facts: string[]) {
  for (const fact of facts) expect(text).toContain(fact)
}

/** Anonymised: nothing that identifies the other companies (name, KvK number, contact), none of their numbers. */
function expectNothingOf(text: string, others: DemoTenant[]) {
  for (const other of others) {
    for (const secret of [other.name, other.kvk, other.primaryName, other.primaryEmail]) expect(text).not.toContain(secret)
    for (const n of other.numbers) expect(text).not.toContain(formatNational(n))
  }
}

/** The requester's numbers and KvK number; its name may appear in every letter: it is the one leaving. */
function expectNoNumbersOf(text: string, requester: DemoTenant) {
  for (const n of requester.numbers) expect(text).not.toContain(formatNational(n))
  expect(text).not.toContain(requester.kvk)
}

beforeAll(async () => {
  const database = await createTestDatabase()
  db = database.db
  setDatabase(database)
  manager = await insertUser(db, { role: 'facility_manager' })
})

describe('the porting authorisation', () => {
  it('carries what the receiving carrier needs: subscriber, KvK number, address, the numbers as ranges, carrier, date, fee statement, keeping the numbers, the signatory and lines to sign', async () => {
    const b = await freshBuilding()
    const requestId = await submittedPort(b)
    const id8 = requestId.slice(0, 8)
    const fileName = `porting-authorisation-fysiotherapie-van-der-meer-holding-b-v-${id8}.pdf`

    const nl = await pdfOf(await authorisation(manager, b.buildingId, requestId), { title: `Volmacht nummerportering — ${b.t4.name}`, fileName })
    expectFacts(nl.text, [
      b.t4.name,
      'KvK-nummer',
      b.t4.kvk,
      'Schakelstraat 12, unit 1.04',
      '1014 BW Amsterdam',
      'Vodafone',
      formatIsoDate(portDate, 'nl'),
      // The manager's copy lists the whole block the carrier ports, as one range in national notation.
      '020 555 1010 t/m 020 555 1019',
      'Totaal aantal nummers 10',
      'Waarvan van de abonnee zelf 3',
      'Gaan mee in dezelfde blokken of lijnen 7 — andere bedrijven in het gebouw die er een deel van hebben: 3',
      'KPN, contractnummer KPN-MC-2024-004711',
      'ISDN30 KPN-ISDN30-0200451',
      'Ja — de nummers blijven behouden (nummerbehoud)',
      `De abonnee machtigt Vodafone om de dienstverlening voor deze nummers onder contract KPN-MC-2024-004711 bij KPN per ${formatIsoDate(portDate, 'nl')} te beëindigen`,
      'De abonnee weet dat er geen afkoopsom van toepassing is.',
      b.t4.signatoryName,
      'Tekenbevoegd',
      'Handtekening',
      'Datum',
      'Plaats',
      'Voor gezien, namens de houder van het huidige contract (Bedrijvencentrum De Schakel)',
    ])
    expect(nl.info.Subject).toBe(`Volmacht aan Vodafone om nummers van ${b.t4.name} over te zetten`)

    // The requester's own users get it in their own language, with their own numbers only.
    const en = await pdfOf(await authorisation(b.users.t4, b.buildingId, requestId, 'en-GB,en;q=0.8'), { title: `Porting authorisation — ${b.t4.name}`, fileName })
    expect(en.text).toContain('020 555 1010 to 020 555 1012')
    expect(en.text).toContain('Numbers in total 3')
    expect(en.text).toContain('Also moving along, not listed here 7 — numbers of other companies')
    expect(en.text).toContain(formatIsoDate(portDate, 'en'))
    expect(en.text).toContain('The subscriber knows that no early-termination fee applies.')
    expect(en.text).toContain('Authorised signatory')
    expectNothingOf(en.text, [b.t5, b.t6, b.t7])
  })

  it('states the early-termination fee with its amount when the subscriber’s contract ends before its initial term', async () => {
    const start = plusMonths(today, -6)
    const { buildingId } = await importBuildingFile({
      db,
      actor: manager,
      json: {
        format: 'sharedline.building',
        version: 1,
        building: { name: 'Kantoorvilla Het Ëiland', street: 'Brugstraat 3', postcode: '3511 AB', city: 'Utrecht' },
        tenants: [{ id: 'cafe', legalName: 'Café De Ruïne B.V.', kvkNumber: '41234567', unit: '0.02', moveIn: '2020-01-01', moveOut: null }],
        contacts: [
          { id: 'fm', tenant: null, name: 'Beheer Het Ëiland', email: 'beheer@eiland.example', phone: '+31302000000', roles: ['primary'], locale: 'nl' },
          { id: 'sig', tenant: 'cafe', name: 'Zoë Ëlzinga', email: 'zoe@ruine.example', phone: null, roles: ['primary', 'authorized_signatory'], locale: 'nl' },
        ],
        contracts: [{ id: 'voip', carrier: 'Ziggo', contractNumber: 'ZG-2026-77', holder: 'cafe', signedBy: 'sig', startDate: start, initialTermMonths: 24, renewalTermMonths: 12, noticeDays: 30, monthlyFee: '100.00', earlyTerminationPct: 50 }],
        services: [{ id: 'trunk', contract: 'voip', kind: 'sip_trunk', carrierRef: 'ZG-SIP-1', mainNumber: '+31302345600', dedicatedTenant: 'cafe', criticalUse: null }],
        numbers: [{ service: 'trunk', first: '+31302345600', count: 10, tenant: 'cafe' }],
      },
    })
    const [cafe] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.buildingId, buildingId))
    const [zoe] = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.buildingId, buildingId), eq(contacts.tenantId, cafe!.id)))
    const owner = await insertUser(db, { role: 'tenant', tenantId: cafe!.id })
    const draft = await createDraftRequest({ db, actor: owner, buildingId, request: { type: 'migration', tenant: cafe!.id, numbers: ['030-2345600 t/m 030-2345609'], mechanism: 'port', portDate, signatory: zoe!.id, targetCarrier: 'Odido' } })
    await submitMigrationRequest({ db, actor: owner, requestId: draft.id, expectedVersion: 1 })
    const [row] = await db.select({ snapshot: migrationRequests.snapshot, state: migrationRequests.state }).from(migrationRequests).where(eq(migrationRequests.id, draft.id))
    expect(row!.state).toBe('awaiting_approval')
    const contract = (row!.snapshot as ImpactReport).outcome.contracts[0]!
    expect(contract.ends).toBe(true)
    expect(contract.feeCents).toBeGreaterThan(0)

    const pdf = await pdfOf(await authorisation(owner, buildingId, draft.id), { title: 'Volmacht nummerportering — Café De Ruïne B.V.', fileName: `porting-authorisation-cafe-de-ruine-b-v-${draft.id.slice(0, 8)}.pdf` })
    expect(pdf.text).toContain('Café De Ruïne B.V.')
    expect(pdf.text).toContain('41234567')
    expect(pdf.text).toContain('Brugstraat 3, unit 0.02')
    expect(pdf.text).toContain('3511 AB Utrecht')
    expect(pdf.text).toContain('030 234 5600 t/m 030 234 5609')
    expect(pdf.text).toContain(`De abonnee machtigt Odido om contract ZG-2026-77 bij Ziggo namens hem per ${formatIsoDate(portDate, 'nl')} te beëindigen.`)
    expect(pdf.text).toContain(`een afkoopsom van ${spaced(formatCents(contract.feeCents, 'nl'))} kost (${contract.remainingMonths} begonnen maanden)`)
    expect(pdf.text).not.toContain('geen afkoopsom')
    expect(pdf.text).toContain('Zoë Ëlzinga')
    // The subscriber holds its own contract: nobody else signs for acknowledgement.
    expect(pdf.text).not.toContain('Voor gezien')
  })

  it('is refused while the request is blocked, saying why', async () => {
    const b = await freshBuilding()
    // t1's block of ten holds the building's main number: a port of it is blocked.
    const draft = await createDraftRequest({ db, actor: b.users.t1, buildingId: b.buildingId, request: portOf(b.t1) })
    const refusedNl = await authorisation(b.users.t1, b.buildingId, draft.id)
    expect(refusedNl.status).toBe(409)
    expect(await refusedNl.text()).toMatch(/^Geen volmacht zolang de aanvraag geblokkeerd is: .*hoofdnummer/)
    const refusedEn = await authorisation(manager, b.buildingId, draft.id, 'en')
    expect(refusedEn.status).toBe(409)
    expect(await refusedEn.text()).toContain('No porting authorisation while the request is blocked: The main number would leave')
  })

  it('is for the facility manager and the requester’s users only: a consenting company, an unrelated one and another building’s manager get a 404, and so does the request under another building', async () => {
    const b = await freshBuilding()
    const requestId = await submittedPort(b)
    expect((await authorisation(b.users.t6, b.buildingId, requestId)).status).toBe(404)
    expect((await authorisation(b.users.t27, b.buildingId, requestId)).status).toBe(404)
    const stranger = await insertUser(db, { role: 'facility_manager' })
    const other = await importBuildingFile({ db, actor: stranger, json: demoFile })
    expect((await authorisation(stranger, b.buildingId, requestId)).status).toBe(404)
    expect((await authorisation(stranger, other.buildingId, requestId)).status).toBe(404)
    expect((await authorisation(manager, other.buildingId, requestId)).status).toBe(404)
    expect((await authorisation(manager, b.buildingId, 'not-a-uuid')).status).toBe(404)
  })
})

describe('the notice letters', () => {
  it('each affected company gets a letter in its contact’s language, with its own numbers, the date, what to do and whom to call, naming only itself and the requester', async () => {
    const b = await freshBuilding()
    const requestId = await submittedPort(b)
    const id8 = requestId.slice(0, 8)
    const { version } = (await db.select({ version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, requestId)))[0]!
    await actOnRequest({ db, actor: b.users.t6, requestId, form: { intent: 'consent', version: String(version), answer: 'given' } })

    // t6's contact reads English: so is its letter, even for a manager whose browser asks for Dutch.
    const t6 = await pdfOf(await letter(manager, b.buildingId, requestId, b.t6.id), { title: `Notice letter — ${b.t6.name}`, fileName: `notice-letter-reclamebureau-maas-b-v-${id8}.pdf` })
    expectFacts(t6.text, [
      b.t6.name,
      `Attn. ${b.t6.primaryName}`,
      'Unit 1.06',
      `Dear ${b.t6.primaryName},`,
      `Re: ${b.t4.name} moves to Vodafone on ${formatIsoDate(portDate, 'en')}`,
      '3 of your numbers move along to Vodafone on that day',
      'Your numbers concerned (3)',
      '020 555 1016 to 020 555 1018',
      'After ' + formatIsoDate(portDate, 'en') + ' none of your numbers remain on the building’s line.',
      'What you need to do',
      'You gave your consent on ' + formatIsoDate(today, 'en'),
      'Whom to call',
      'Femke de Vries',
      '020 555 0999',
      'beheer@deschakel.example',
    ])
    expectNothingOf(t6.text, [b.t5, b.t7])
    expectNoNumbersOf(t6.text, b.t4)

    // t5's contact reads Dutch; t5 has not answered yet.
    const t5 = await pdfOf(await letter(manager, b.buildingId, requestId, b.t5.id, 'en'), { title: `Kennisgeving — ${b.t5.name}`, fileName: `notice-letter-administratiekantoor-van-der-heijden-c-v-${id8}.pdf` })
    expectFacts(t5.text, [
      `t.a.v. ${b.t5.primaryName}`,
      `Geachte ${b.t5.primaryName},`,
      `Betreft: ${b.t4.name} stapt op ${formatIsoDate(portDate, 'nl')} over naar Vodafone`,
      '020 555 1013 t/m 020 555 1015',
      `Geef of weiger uw toestemming in Sharedline vóór ${formatIsoDate(portDate, 'nl')}`,
      'regel een eigen lijn voor uw nummers',
      'Status van de aanvraag: Wacht op toestemming.',
      'Wie belt u',
      'Femke de Vries',
    ])
    expectNothingOf(t5.text, [b.t6, b.t7])
    expectNoNumbersOf(t5.text, b.t4)

    // t7 keeps two numbers on the building's line.
    const t7 = await pdfOf(await letter(manager, b.buildingId, requestId, b.t7.id), { title: `Kennisgeving — ${b.t7.name}`, fileName: `notice-letter-installatiebedrijf-bakker-v-o-f-${id8}.pdf` })
    expect(t7.text).toContain('020 555 1019')
    expect(t7.text).toContain('Nummers van u die op de lijn van het gebouw blijven en niet veranderen: 2.')
    expect(t7.text).not.toContain('020 555 1020')
    expectNothingOf(t7.text, [b.t5, b.t6])

    // The requester's letter: its own numbers, how many others go along (not who), and the authorisation to sign.
    const t4 = await pdfOf(await letter(b.users.t4, b.buildingId, requestId, b.t4.id), { title: `Kennisgeving — ${b.t4.name}`, fileName: `notice-letter-fysiotherapie-van-der-meer-holding-b-v-${id8}.pdf` })
    expectFacts(t4.text, [
      `Betreft: uw overstap naar Vodafone op ${formatIsoDate(portDate, 'nl')}`,
      '020 555 1010 t/m 020 555 1012',
      '(andere bedrijven: 3)',
      'Laat uw tekenbevoegde de volmacht nummerportering voor Vodafone tekenen',
    ])
    expectNothingOf(t4.text, [b.t5, b.t6, b.t7])
  })

  it('a tenant user gets only its own company’s letter; companies not affected have none; a draft has none yet', async () => {
    const b = await freshBuilding()
    const draft = await createDraftRequest({ db, actor: b.users.t4, buildingId: b.buildingId, request: portOf(b.t4) })
    const early = await letter(b.users.t4, b.buildingId, draft.id, b.t4.id)
    expect(early.status).toBe(409)
    expect(await early.text()).toBe('Kennisgevingsbrieven worden gemaakt zodra de aanvraag is ingediend.')
    // Before submission the companies moved along do not know of the request.
    expect((await letter(b.users.t6, b.buildingId, draft.id, b.t6.id)).status).toBe(404)

    await submitMigrationRequest({ db, actor: b.users.t4, requestId: draft.id, expectedVersion: 1 })
    expect((await letter(b.users.t6, b.buildingId, draft.id, b.t6.id)).status).toBe(200)
    expect((await letter(b.users.t6, b.buildingId, draft.id, b.t5.id)).status).toBe(404)
    expect((await letter(b.users.t6, b.buildingId, draft.id, b.t4.id)).status).toBe(404)
    expect((await letter(b.users.t4, b.buildingId, draft.id, b.t6.id)).status).toBe(404)
    expect((await letter(b.users.t27, b.buildingId, draft.id, b.t27.id)).status).toBe(404)
    expect((await letter(manager, b.buildingId, draft.id, b.t27.id)).status).toBe(404)
    expect((await letter(manager, b.buildingId, draft.id, 'nobody')).status).toBe(404)
    const stranger = await insertUser(db, { role: 'facility_manager' })
    expect((await letter(stranger, b.buildingId, draft.id, b.t5.id)).status).toBe(404)

    const { version } = (await db.select({ version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, draft.id)))[0]!
    await actOnRequest({ db, actor: manager, requestId: draft.id, form: { intent: 'cancel', version: String(version), reason: 'Plan gewijzigd' } })
    const ended = await letter(manager, b.buildingId, draft.id, b.t5.id, 'en')
    expect(ended.status).toBe(409)
    expect(await ended.text()).toBe('The request has ended (Cancelled): nothing will move, so there is no document to make.')
    expect((await authorisation(manager, b.buildingId, draft.id)).status).toBe(409)
  })
})
