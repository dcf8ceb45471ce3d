import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { loader as previewLoader } from '#app/routes/documents/impact-report.ts'
import { loader as requestLoader } from '#app/routes/documents/request-report.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { importBuildingFile } from '#app/services/building-file.server.ts'
import { shareBuilding } from '#app/services/buildings.server.ts'
import { createDraftRequest, submitMigrationRequest } from '#app/services/requests.server.ts'
import type { Db } from '#db/client.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { demoFile, demoTenant, type DemoTenant } from '#tests/support/demo-tenants.ts'
import { insertUser, testPassword } from '#tests/support/factories.ts'
import { bytesOf, pdfFonts, readPdf, renderFirstPage } from '#tests/support/pdf.ts'

const today = todayInNetherlands()

let db: Db
let manager: Actor
let buildingId: string
let requestId: string
let t4: DemoTenant
let t5: DemoTenant
let t6: DemoTenant
let t7: DemoTenant
const users = {} as Record<'t4' | 't6' | 't27', Actor>

async function get(actor: Actor, path: string, loader: typeof requestLoader | typeof previewLoader, params: Record<string, string>, language = 'nl-NL') {
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: '127.0.0.1' })
  if (!login.ok) throw new Error('login failed')
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: (await commitSessionToken(login.token)).split(';')[0]!, 'Accept-Language': language } })
  try {
    return (await loader({ request, params, context: {} } as never)) as Response | { init?: { status?: number }; data?: unknown }
  } catch (thrown) {
    return thrown as { init?: { status?: number } }
  }
}

const statusOf = (answer: unknown) => (answer instanceof Response ? answer.status : ((answer as { init?: { status?: number } }).init?.status ?? 200))

beforeAll(async () => {
  const database = await createTestDatabase()
  db = database.db
  setDatabase(database)
  manager = await insertUser(db, { role: 'facility_manager' })
  ;({ buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile }))
  ;[t4, t5, t6, t7] = await Promise.all(['t4', 't5', 't6', 't7'].map((k) => demoTenant(db, buildingId, k))) as [DemoTenant, DemoTenant, DemoTenant, DemoTenant]
  const t27 = await demoTenant(db, buildingId, 't27')
  users.t4 = await insertUser(db, { role: 'tenant', tenantId: t4.id })
  users.t6 = await insertUser(db, { role: 'tenant', tenantId: t6.id })
  users.t27 = await insertUser(db, { role: 'tenant', tenantId: t27.id })
  // t4 ports its three ISDN numbers; the block of ten drags t5, t6 and t7 along.
  const draft = await createDraftRequest({ db, actor: users.t4, buildingId, request: { type: 'migration', tenant: t4.id, numbers: t4.numbers, mechanism: 'port', portDate: today, signatory: t4.signatory, targetCarrier: 'Vodafone' } })
  await submitMigrationRequest({ db, actor: users.t4, requestId: draft.id, expectedVersion: 1 })
  requestId = draft.id
})

const path = () => `/buildings/${buildingId}/requests/${requestId}/report.pdf`

describe('the impact report of a request as a PDF', () => {
  it('the facility manager gets every section in full: request, verdict, mechanisms, findings, moved numbers per company as ranges, contracts, plan and the picture', async () => {
    const answer = await get(manager, path(), requestLoader, { buildingId, requestId })
    if (!(answer instanceof Response)) throw new Error(`expected a PDF, got ${JSON.stringify(answer)}`)
    expect(answer.headers.get('Content-Type')).toBe('application/pdf')
    expect(answer.headers.get('Content-Disposition')).toContain(`filename="impact-report-bedrijvencentrum-de-schakel-fysiotherapie-van-der-meer-holding-b-v-${requestId.slice(0, 8)}.pdf"`)
    const bytes = await bytesOf(answer)
    const pdf = await readPdf(bytes)
    expect(pdf.info).toMatchObject({ Title: 'Impactrapport', Author: 'Sharedline' })
    const text = pdf.text.replace(/\s+/g, ' ')
    for (const fact of ['Bedrijvencentrum De Schakel', t4.name, 'Vodafone', 'Toestemming nodig', 'Bevindingen', 'Stappenplan', 'Gevolgen voor het contract', 'Toestemming nodig — Reclamebureau Maas B.V. gaat mee', 'Impactradius', t5.name, t6.name, t7.name, `document request-${requestId}`]) expect(text).toContain(fact)
    // The requester's numbers as one range, the neighbours' along with them.
    expect(text).toContain(`${formatNational(t4.numbers[0]!)} – ${formatNational(t4.numbers.at(-1)!)}`)
    expect(text).toContain(formatNational(t6.numbers[0]!))
    expect(pdf.pages.at(-1)).toContain('Impactradius')
    expect((await pdfFonts(bytes)).every((f) => f.embedded)).toBe(true)
    expect((await renderFirstPage(bytes)).inked).toBeGreaterThan(0.005)
  })

  it('a tenant asked for consent gets it redacted like its status page: its own numbers and the requester, no other company’s name or number', async () => {
    const answer = await get(users.t6, path(), requestLoader, { buildingId, requestId }, 'en-GB')
    if (!(answer instanceof Response)) throw new Error('expected a PDF')
    const text = (await readPdf(await bytesOf(answer))).text.replace(/\s+/g, ' ')
    expect(text).toContain('Impact report')
    expect(text).toContain(t4.name)
    expect(text).toContain(formatNational(t6.numbers[0]!))
    for (const secret of [t5.name, t5.kvk, t7.name, t7.kvk, ...[...t5.numbers, ...t7.numbers].map(formatNational)]) expect(text).not.toContain(secret)
  })

  it('a tenant that is neither requester nor asked gets 404, and so does the request under another building', async () => {
    expect(statusOf(await get(users.t27, path(), requestLoader, { buildingId, requestId }))).toBe(404)
    const other = await importBuildingFile({ db, actor: manager, json: demoFile })
    expect(statusOf(await get(manager, `/buildings/${other.buildingId}/requests/${requestId}/report.pdf`, requestLoader, { buildingId: other.buildingId, requestId }))).toBe(404)
  })
})

describe('the impact screen’s report as a PDF', () => {
  it('a tenant user downloads its own preview: its numbers, the other companies anonymised', async () => {
    const query = new URLSearchParams({ numbers: t4.numbers.join('\n'), mechanism: 'port', portDate: today, signatory: t4.signatory, carrier: 'KPN Zakelijk' })
    const answer = await get(users.t4, `/buildings/${buildingId}/impact.pdf?${query}`, previewLoader, { buildingId })
    if (!(answer instanceof Response)) throw new Error(`expected a PDF, got ${JSON.stringify(answer)}`)
    expect(answer.headers.get('Content-Disposition')).toContain(`filename="impact-preview-bedrijvencentrum-de-schakel-fysiotherapie-van-der-meer-holding-b-v-${today}.pdf"`)
    const text = (await readPdf(await bytesOf(answer))).text.replace(/\s+/g, ' ')
    expect(text).toContain('KPN Zakelijk')
    expect(text).toContain(formatNational(t4.numbers[0]!))
    for (const secret of [t5.name, t6.name, t7.name, ...[...t5.numbers, ...t6.numbers, ...t7.numbers].map(formatNational)]) expect(text).not.toContain(secret)
  })

  it('a sales user’s copy for the prospect calls every other company “Tenant N” and lists none of their numbers', async () => {
    const sales = await insertUser(db, { role: 'sales' })
    await shareBuilding({ db, actor: manager, buildingId, input: { email: sales.email, prospectTenantId: t4.id } })
    const query = new URLSearchParams({ numbers: t4.numbers.join('\n'), mechanism: 'port', portDate: today, carrier: 'Vodafone' })
    const answer = await get(sales, `/buildings/${buildingId}/impact.pdf?${query}`, previewLoader, { buildingId })
    if (!(answer instanceof Response)) throw new Error(`expected a PDF, got ${JSON.stringify(answer)}`)
    const text = (await readPdf(await bytesOf(answer))).text.replace(/\s+/g, ' ')
    expect(text).toContain(t4.name)
    expect(text).toMatch(/Huurder 1/)
    expect(text).toContain('geanonimiseerd')
    for (const secret of [t5.name, t6.name, t7.name, t5.kvk, ...[...t5.numbers, ...t6.numbers, ...t7.numbers].map(formatNational)]) expect(text).not.toContain(secret)
  })

  it('a query that is no request (no carrier, a past date) gets 400 with its problems, and no document', async () => {
    const query = new URLSearchParams({ numbers: t4.numbers[0]!, portDate: '2020-01-01', carrier: '' })
    const answer = await get(users.t4, `/buildings/${buildingId}/impact.pdf?${query}`, previewLoader, { buildingId })
    expect(statusOf(answer)).toBe(400)
    expect(Object.keys((answer as { data: { errors: Record<string, unknown> } }).data.errors).sort()).toEqual(['carrier', 'portDate'])
  })
})
