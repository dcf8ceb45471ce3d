import { parse } from 'csv-parse/sync'
import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { expandRange } from '#app/domain/numbers/index.ts'
import { loader } from '#app/routes/numbers/export.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { numberExportBatchSize } from '#app/services/number-export.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, numberAllocations } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertContract, insertNumbers, insertService, insertTenant, insertUser, shareBuilding, testPassword } from '#tests/support/factories.ts'

/** The day of the downloads (the file name carries it). */
const now = new Date('2026-11-23T09:00:00Z')

const dutch = 'nl-NL,nl;q=0.9'
const english = 'en-GB,en;q=0.9'

let db: Db
let manager: Actor

beforeAll(async () => {
  vi.stubEnv('SESSION_SECRET', 'number export test secret, long enough')
  // Only the clock is fixed (the file name's day), no timers.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(now)
  const database = await createTestDatabase()
  setDatabase(database)
  db = database.db
  manager = await insertUser(db, { role: 'facility_manager' })
})

afterAll(() => {
  vi.useRealTimers()
})

/** Calls the route loader in-process as the given user (a real session cookie), in the given language. */
async function download(actor: Actor, buildingId: string, { language = dutch, search = '' }: { language?: string; search?: string } = {}) {
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: 'unknown' })
  if (!login.ok) throw new Error('login failed')
  const request = new Request(`http://localhost/buildings/${buildingId}/numbers.csv${search}`, {
    headers: { Cookie: await commitSessionToken(login.token), 'Accept-Language': language },
  })
  return loader({ request, params: { buildingId }, context: {} } as never)
}

const bom = [0xef, 0xbb, 0xbf]

/** The file's bytes, and its text after the BOM (which every download must start with). */
async function fileOf(response: Response) {
  const bytes = Buffer.from(await response.arrayBuffer())
  expect([...bytes.subarray(0, 3)]).toEqual(bom)
  return bytes.subarray(3).toString('utf8')
}

/** The rows as a spreadsheet program would read them, header first. */
function rowsOf(text: string, delimiter: string): string[][] {
  return parse(text, { delimiter, record_delimiter: '\r\n' })
}

/** The status a refused download answers with: a thrown data() (404/403) or Response (redirect). */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p
  } catch (error) {
    if (error instanceof Response) return error.status
    return (error as { init?: { status?: number } }).init?.status ?? 0
  }
  return 200
}

/** A managed building with an ISDN30 line and a SIP trunk. */
async function building(name = 'Bedrijvencentrum Café Noord', managers: Actor[] = [manager]) {
  const b = await insertBuilding(db, { name }, managers)
  const contract = await insertContract(db, b.id)
  const isdn = await insertService(db, b.id, contract.id, { kind: 'isdn30', carrierRef: 'KPN-ISDN30-0001' })
  const sip = await insertService(db, b.id, contract.id, { kind: 'sip_trunk', carrierRef: 'SIP-7' })
  return { buildingId: b.id, isdn, sip }
}

/** Sets when the open holdings of a tenant began. */
async function heldSince(tenantId: string, instant: string) {
  await db.update(numberAllocations).set({ validFrom: new Date(instant) }).where(eq(numberAllocations.tenantId, tenantId))
}

/**
 * Two tenants whose names sort against their numbers (Zeta holds the lowest numbers), numbers on
 * two lines, and two unallocated numbers between them.
 */
async function smallBuilding() {
  const { buildingId, isdn, sip } = await building()
  const zeta = await insertTenant(db, buildingId, { legalName: 'Zeta Zorg BV', kvkNumber: '12345678' })
  const alfa = await insertTenant(db, buildingId, { legalName: 'Alfa Advies BV', kvkNumber: '87654321' })
  await insertNumbers(db, buildingId, isdn.id, '+31205551000', 2, { tenantId: zeta.id })
  await insertNumbers(db, buildingId, isdn.id, '+31205551003', 2, { status: 'disconnected', billed: false })
  await insertNumbers(db, buildingId, isdn.id, '+31205551005', 1, { tenantId: alfa.id })
  await insertNumbers(db, buildingId, sip.id, '+31205552000', 1, { tenantId: alfa.id, use: 'fire_alarm', billed: false })
  await heldSince(zeta.id, '2025-03-14T10:00:00Z')
  // 00:30 on 1 April in Amsterdam: the date is the Dutch one, not UTC's.
  await heldSince(alfa.id, '2025-03-31T22:30:00Z')
  return { buildingId, zetaId: zeta.id }
}

let small: ReturnType<typeof smallBuilding> | undefined
const demo = () => (small ??= smallBuilding())

describe('the numbers spreadsheet', () => {
  it('in Dutch is UTF-8 with a BOM, ";"-separated with CRLF line ends, national numbers, Ja/Nee and dd-mm-jjjj, sorted by tenant then number with unallocated numbers last', async () => {
    const { buildingId } = await demo()
    const response = await download(manager, buildingId)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toContain('attachment; filename="numbers-bedrijvencentrum-cafe-noord-2026-11-23.csv"')
    const text = await fileOf(response)

    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('Huurder;KvK-nummer;Nummer;"Nummer (E.164)";Lijn (provider-id);Soort dienst;Gebruik;Status;Gefactureerd;Toegewezen sinds')
    expect(lines[1]).toBe('Alfa Advies BV;87654321;020 555 1005;"+31205551005";KPN-ISDN30-0001;ISDN30;Huurder;Actief;Ja;01-04-2025')

    expect(rowsOf(text, ';').slice(1)).toEqual([
      ['Alfa Advies BV', '87654321', '020 555 1005', '+31205551005', 'KPN-ISDN30-0001', 'ISDN30', 'Huurder', 'Actief', 'Ja', '01-04-2025'],
      ['Alfa Advies BV', '87654321', '020 555 2000', '+31205552000', 'SIP-7', 'SIP-trunk', 'Brandmelding', 'Actief', 'Nee', '01-04-2025'],
      ['Zeta Zorg BV', '12345678', '020 555 1000', '+31205551000', 'KPN-ISDN30-0001', 'ISDN30', 'Huurder', 'Actief', 'Ja', '14-03-2025'],
      ['Zeta Zorg BV', '12345678', '020 555 1001', '+31205551001', 'KPN-ISDN30-0001', 'ISDN30', 'Huurder', 'Actief', 'Ja', '14-03-2025'],
      ['', '', '020 555 1003', '+31205551003', 'KPN-ISDN30-0001', 'ISDN30', 'Huurder', 'Afgesloten', 'Nee', ''],
      ['', '', '020 555 1004', '+31205551004', 'KPN-ISDN30-0001', 'ISDN30', 'Huurder', 'Afgesloten', 'Nee', ''],
    ])
  })

  it('in English is separated by "," with a BOM and CRLF, Yes/No and ISO dates', async () => {
    const { buildingId } = await demo()
    const text = await fileOf(await download(manager, buildingId, { language: english }))
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('Tenant,KvK number,Number,"Number (E.164)",Line (carrier id),Service kind,Use,Status,Billed,Allocated since')
    expect(lines[1]).toBe('Alfa Advies BV,87654321,020 555 1005,"+31205551005",KPN-ISDN30-0001,ISDN30,Tenant,Active,Yes,2025-04-01')
    expect(rowsOf(text, ',').slice(1).map((r) => [r[0], r[3], r[5], r[6], r[7], r[8], r[9]])).toEqual([
      ['Alfa Advies BV', '+31205551005', 'ISDN30', 'Tenant', 'Active', 'Yes', '2025-04-01'],
      ['Alfa Advies BV', '+31205552000', 'SIP trunk', 'Fire alarm', 'Active', 'No', '2025-04-01'],
      ['Zeta Zorg BV', '+31205551000', 'ISDN30', 'Tenant', 'Active', 'Yes', '2025-03-14'],
      ['Zeta Zorg BV', '+31205551001', 'ISDN30', 'Tenant', 'Active', 'Yes', '2025-03-14'],
      ['', '+31205551003', 'ISDN30', 'Tenant', 'Disconnected', 'No', ''],
      ['', '+31205551004', 'ISDN30', 'Tenant', 'Disconnected', 'No', ''],
    ])
  })

  it('holds what the numbers list shows when the URL carries its filters, on all pages', async () => {
    const { buildingId } = await demo()
    const e164s = async (search: string) => rowsOf(await fileOf(await download(manager, buildingId, { search })), ';').slice(1).map((r) => r[3])
    expect(await e164s('?tenant=none&page=3')).toEqual(['+31205551003', '+31205551004'])
    expect(await e164s('?billed=no')).toEqual(['+31205552000', '+31205551003', '+31205551004'])
    expect(await e164s('?q=020 555 10&status=active')).toEqual(['+31205551005', '+31205551000', '+31205551001'])
    // A search without digits matches no number: the file holds the header only.
    expect(await e164s('?q=abc')).toEqual([])
  })

  it('keeps a name with ";", "," , a double quote and a line break intact through a CSV parser, in both languages', async () => {
    const { buildingId, isdn } = await building('Kantoorpand Zuid')
    const legalName = 'Smit; Zonen, "De Eerste"\nBV'
    // A bare line break alone must be quoted too: spreadsheets end a row at it.
    const lineBreakOnly = 'Jansen\nVastgoed BV'
    const smit = await insertTenant(db, buildingId, { legalName })
    const jansen = await insertTenant(db, buildingId, { legalName: lineBreakOnly })
    await insertNumbers(db, buildingId, isdn.id, '+31301234000', 1, { tenantId: smit.id })
    await insertNumbers(db, buildingId, isdn.id, '+31301234001', 1, { tenantId: jansen.id })
    for (const [language, delimiter] of [[dutch, ';'], [english, ',']] as const) {
      const text = await fileOf(await download(manager, buildingId, { language }))
      expect(text).toContain(`"${lineBreakOnly}"`)
      const rows = rowsOf(text, delimiter).slice(1)
      expect(rows.map((r) => [r[0], r[3]]).sort()).toEqual([
        [lineBreakOnly, '+31301234001'],
        [legalName, '+31301234000'],
      ])
    }
  })

  it('writes a cell that starts like a formula with a leading apostrophe, and E.164 numbers quoted but unchanged', async () => {
    const b = await insertBuilding(db, { name: 'Formulepand' }, [manager])
    const contract = await insertContract(db, b.id)
    const line = await insertService(db, b.id, contract.id, { kind: 'isdn30', carrierRef: '@LINE-1' })
    const formula = '=HYPERLINK("http://evil.example","klik")'
    const tenant = await insertTenant(db, b.id, { legalName: formula })
    const plus = await insertTenant(db, b.id, { legalName: '+Plus BV' })
    await insertNumbers(db, b.id, line.id, '+31401000000', 1, { tenantId: tenant.id })
    await insertNumbers(db, b.id, line.id, '+31401000001', 1, { tenantId: plus.id })
    const text = await fileOf(await download(manager, b.id))
    const rows = rowsOf(text, ';').slice(1)
    const byNumber = new Map(rows.map((r) => [r[3], r]))
    expect(byNumber.get('+31401000000')?.[0]).toBe(`'${formula}`)
    expect(byNumber.get('+31401000001')?.[0]).toBe("'+Plus BV")
    expect(rows.every((r) => r[4] === "'@LINE-1")).toBe(true)
    expect(text).toContain(';"+31401000000";')
    expect(text).toContain(';"+31401000001";')
  })

  it('lists every number of a building with more numbers than one batch exactly once, in order', async () => {
    const { buildingId, isdn, sip } = await building('Bedrijvenpark Groot')
    const bakker = await insertTenant(db, buildingId, { legalName: 'Bakker BV' })
    const aalders = await insertTenant(db, buildingId, { legalName: 'Aalders BV' })
    // Bakker's numbers run across the first batch boundary (900 + 1,100 = 2,000).
    await insertNumbers(db, buildingId, isdn.id, '+31301000000', 1_200, { tenantId: bakker.id })
    await insertNumbers(db, buildingId, sip.id, '+31302000000', 900, { tenantId: aalders.id })
    await insertNumbers(db, buildingId, isdn.id, '+31300000000', 400)
    const total = 2_500
    expect(total).toBeGreaterThan(numberExportBatchSize)

    const rows = rowsOf(await fileOf(await download(manager, buildingId)), ';').slice(1)
    expect(rows).toHaveLength(total)
    const e164s = rows.map((r) => r[3])
    expect(new Set(e164s).size).toBe(total)
    expect(e164s).toEqual([
      ...expandRange({ first: '+31302000000', count: 900 }),
      ...expandRange({ first: '+31301000000', count: 1_200 }),
      ...expandRange({ first: '+31300000000', count: 400 }),
    ])
    expect(rows.map((r) => r[0])).toEqual([...Array<string>(900).fill('Aalders BV'), ...Array<string>(1_200).fill('Bakker BV'), ...Array<string>(400).fill('')])
  })

  it('ends quietly when the download is cancelled halfway', async () => {
    const { buildingId, isdn } = await building('Bedrijvenpark Afgebroken')
    await insertNumbers(db, buildingId, isdn.id, '+31501000000', 3_000)
    const response = await download(manager, buildingId)
    const reader = response.body!.getReader()
    expect((await reader.read()).done).toBe(false)
    await reader.cancel()
    // The pipeline reports how it ended on a later tick; a failure there would log (and fail this test).
    await new Promise((resolve) => setTimeout(resolve, 50))
  })

  it('is for facility managers of the building only: a tenant user and a sales user are refused (403), a manager of another building and an unknown building get 404', async () => {
    const { buildingId, zetaId } = await demo()
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: zetaId })
    const sales = await insertUser(db, { role: 'sales' })
    await shareBuilding(db, buildingId, sales)
    const otherManager = await insertUser(db, { role: 'facility_manager' })
    await insertBuilding(db, { name: 'Ander pand' }, [otherManager])

    expect(await statusOf(download(tenantUser, buildingId))).toBe(403)
    expect(await statusOf(download(sales, buildingId))).toBe(403)
    expect(await statusOf(download(otherManager, buildingId))).toBe(404)
    expect(await statusOf(download(manager, '00000000-0000-4000-8000-000000000000'))).toBe(404)
    expect(await statusOf(download(manager, 'not-a-building'))).toBe(404)
    const anonymous = new Request(`http://localhost/buildings/${buildingId}/numbers.csv`)
    expect(await statusOf(loader({ request: anonymous, params: { buildingId }, context: {} } as never))).toBe(302)
  })

  it('records nothing in the audit log', async () => {
    const { buildingId } = await demo()
    const entries = async () => (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.buildingId, buildingId)))[0]?.n
    const before = await entries()
    await fileOf(await download(manager, buildingId))
    expect(await entries()).toBe(before)
  })
})
