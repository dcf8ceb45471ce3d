import fs from 'node:fs'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { inventoryReportPdf, type InventoryReport, type NumberRun } from '#app/pdf/inventory-report.server.ts'
import { loader } from '#app/routes/documents/inventory.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { pdfDownload } from '#app/server/download.server.ts'
import { localeCookie } from '#app/server/i18n.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { importBuildingFile } from '#app/services/building-file.server.ts'
import type { Db } from '#db/client.ts'
import { largeBuilding } from '#db/demo-data.ts'
import { loadInventory } from '#db/load-inventory.ts'
import { buildingManagers, numbers, services, tenants } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertUser, shareBuilding, testPassword } from '#tests/support/factories.ts'
import { bytesOf, pdfFonts, readPdf, renderFirstPage, type ReadPdf } from '#tests/support/pdf.ts'

const demoFile = JSON.parse(fs.readFileSync('tests/fixtures/demo-building.json', 'utf8')) as { tenants: { id: string; kvkNumber: string }[] }
/** The report's day. The demo KPN contract (start 01-06-2024, 36 months, 60 days' notice) is then in its initial term. */
const now = new Date('2026-11-23T09:00:00Z')

let db: Db
let manager: Actor
let otherManager: Actor
let tenantUser: Actor
let sales: Actor
let buildingId: string
let largeId: string
const large = { tenants: 60, numbers: 3_000 }

beforeAll(async () => {
  vi.stubEnv('SESSION_SECRET', 'inventory report test secret, long enough')
  // Only the clock is fixed (the report's day and the PDF's creation date), no timers.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(now)
  const database = await createTestDatabase()
  setDatabase(database)
  db = database.db
  manager = await insertUser(db, { role: 'facility_manager' })
  otherManager = await insertUser(db, { role: 'facility_manager' })
  ;({ buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile }))
  const kvk = demoFile.tenants.find((t) => t.id === 't1')!.kvkNumber
  const [t1] = await db.select({ id: tenants.id }).from(tenants).where(and(eq(tenants.buildingId, buildingId), eq(tenants.kvkNumber, kvk)))
  tenantUser = await insertUser(db, { role: 'tenant', tenantId: t1!.id })
  sales = await insertUser(db, { role: 'sales' })
  await shareBuilding(db, buildingId, sales)
  await insertBuilding(db, { name: 'Kantoorpand Zuidas' }, [otherManager])
  ;({ buildingId: largeId } = await loadInventory(db, largeWithExtras(), { passwordHash: 'x', source: 'test' }))
  await db.insert(buildingManagers).values({ buildingId: largeId, userId: manager.id })
  await db.update(services).set({ endedOn: '2026-01-01' }).where(and(eq(services.buildingId, largeId), eq(services.carrierRef, 'VF-SIP-OLD')))
})

/**
 * The generated building plus a second contract held by its first tenant (in tacit renewal), a PIN
 * terminal on a data line, three numbers that are porting out or disconnected, and a line that has
 * left for another provider (ended after loading).
 */
function largeWithExtras() {
  const data = largeBuilding({ ...large, name: 'Bedrijvenpark Groot' })
  data.contracts.push({ key: 'vf', carrier: 'Vodafone', contractNumber: 'VF-2020-0042', holderTenantKey: 't1', signedByContactKey: null, startDate: '2020-01-01', initialTermMonths: 12, renewalTermMonths: 0, noticeDays: 30, monthlyFeeCents: 9_950, earlyTerminationPct: 50 })
  data.services.push(
    { key: 'pin', contractKey: 'vf', kind: 'dsl', carrierRef: 'VF-DSL-PIN-1', criticalUse: 'pin_terminal', dedicatedTenantKey: 't1' },
    { key: 'vf-sip', contractKey: 'vf', kind: 'sip_trunk', carrierRef: 'VF-SIP-7' },
    { key: 'old', contractKey: 'vf', kind: 'sip_trunk', carrierRef: 'VF-SIP-OLD' },
  )
  data.ranges.push(
    {
      serviceKey: 'vf-sip',
      first: '+31307001000',
      count: 3,
      perNumber: [
        { tenantKey: 't1', billed: true, use: 'tenant', status: 'active' },
        { tenantKey: 't1', billed: true, use: 'tenant', status: 'porting_out' },
        { tenantKey: null, billed: false, use: 'tenant', status: 'disconnected' },
      ],
    },
    { serviceKey: 'old', first: '+31307002000', count: 5 },
  )
  return data
}

afterAll(() => {
  vi.useRealTimers()
})

/** Calls the route loader in-process as the given user (a real session cookie), in the given language. */
async function download(actor: Actor, id = buildingId, language = 'nl-NL,nl;q=0.9') {
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: 'unknown' })
  if (!login.ok) throw new Error('login failed')
  const request = new Request(`http://localhost/buildings/${id}/inventory.pdf`, {
    headers: { Cookie: await commitSessionToken(login.token), 'Accept-Language': language },
  })
  return loader({ request, params: { buildingId: id }, context: {} } as never)
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p
  } catch (error) {
    return (error as { init?: { status?: number } }).init?.status ?? 0
  }
  return 200
}

let dutch: { bytes: Uint8Array; pdf: ReadPdf; response: Response } | undefined
async function demoReport() {
  if (!dutch) {
    const response = await download(manager)
    const bytes = await bytesOf(response)
    dutch = { bytes, pdf: await readPdf(bytes), response }
  }
  return dutch
}

/** The text of a report between two headings (pages joined). */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from)
  const end = text.indexOf(to, start + from.length)
  if (start < 0 || end < 0) throw new Error(`section ${from} → ${to} not found`)
  return text.slice(start, end)
}

/** The blocks of a number table: "020 555 1001 – 020 555 1003 (3)" or a single "020 555 2000", as E.164 runs. */
function blocks(text: string): { first: string; count: number }[] {
  const e164 = (national: string) => `+31${national.replace(/\s/g, '').slice(1)}`
  return [...text.matchAll(/(0\d{2} \d{3} \d{4})(?: – (0\d{2} \d{3} \d{4}) \(([\d.]+)\))?/g)].map((m) => {
    const count = m[3] ? Number(m[3].replace(/\./g, '')) : 1
    if (m[2]) expect(Number(e164(m[2]).slice(1)) - Number(e164(m[1]!).slice(1)) + 1).toBe(count)
    return { first: e164(m[1]!), count }
  })
}

describe('the building inventory report', () => {
  it('names the building and its contract: number, dates, notice deadline and monthly amount in Dutch notation', async () => {
    const { pdf } = await demoReport()
    expect(pdf.text).toContain('Inventarisrapport Bedrijvencentrum De Schakel')
    expect(pdf.text).toContain('Schakelstraat 12, 1014 BW Amsterdam · stand van 23-11-2026')
    const contract = section(pdf.text, 'Contracten\n', 'Lijnen en diensten\nSoort')
    expect(contract).toMatch(/Contractnummer\s+KPN-MC-2024-004711/)
    expect(contract).toMatch(/Provider\s+KPN/)
    expect(contract).toMatch(/Contracthouder\s+Gebouw \(facilitair beheer\)/)
    expect(contract).toMatch(/Ingangsdatum\s+01-06-2024/)
    expect(contract).toMatch(/Initiële looptijd eindigt\s+01-06-2027/)
    expect(contract).toMatch(/Opzegtermijn\s+60 dagen/)
    // 01-06-2027 minus 60 days: the last day to give notice before the tacit renewal.
    expect(contract).toMatch(/Opzeggen uiterlijk\s+02-04-2027/)
    expect(contract).toMatch(/Stilzwijgende verlenging\s+Wordt stilzwijgend verlengd met telkens 12 maanden/)
    expect(contract).toMatch(/Maandbedrag\s+€ 1\.845,00/)
  })

  it('lists the lines with kind, carrier id, main number, critical use, dedicated tenant and number count', async () => {
    const { pdf } = await demoReport()
    const lines = section(pdf.text, 'Lijnen en diensten\nSoort', 'Nummers en hun houders')
    expect(lines).toMatch(/ISDN30\s+KPN-ISDN30-0200451\s+020 555 1000\s+—\s+—\s+100/)
    expect(lines).toMatch(/SIP-trunk\s+KPN-SIP-88120\s+—\s+—\s+—\s+80/)
    expect(lines).toMatch(/PSTN \(WLR\)\s+KPN-WLR-0207711\s+020 555 2000\s+Liftalarm\s+—\s+1/)
    expect(lines).toMatch(/Glasvezel\s+KPN-FTTO-551202\s+—\s+—\s+Softwarehuis Koster V\.O\.F\.\s+0/)
  })

  it('collapses consecutive numbers with the same line, holder, use, status and billing into one row, and loses none', async () => {
    const { pdf } = await demoReport()
    const ranges = section(pdf.text, 'Nummers en hun houders (183)', 'Niet-toegewezen nummers (')
    // The demo ISDN30 block: each tenant holds three numbers, one row each with the holder's name.
    expect(ranges).toMatch(/020 555 1001 – 020 555 1003 \(3\)\s+KPN-ISDN30-0200451\s+Bakkerij Van Dijk B\.V\./)
    expect(ranges).toMatch(/020 555 1004 – 020 555 1006 \(3\)\s+KPN-ISDN30-0200451\s+Advocatenkantoor De Boer/)
    // Unbilled numbers in the middle of unallocated ones form a block of their own.
    expect(ranges).toMatch(/020 555 1076 – 020 555 1079 \(4\)\s+KPN-ISDN30-0200451\s+Niet toegewezen\n/)
    expect(ranges).toMatch(/020 555 1080 – 020 555 1084 \(5\)\s+KPN-ISDN30-0200451\s+Niet toegewezen\s+Niet gefactureerd/)
    expect(ranges).toMatch(/020 555 1000\s+KPN-ISDN30-0200451\s+Niet toegewezen\s+Algemeen/)
    const found = blocks(ranges)
    expect(found.reduce((sum, b) => sum + b.count, 0)).toBe(183)
    expect(ranges).toContain(`183 nummers op ${found.length} regels.`)
    expect(found.length).toBeLessThan(60)
  })

  it('lists the unallocated and the unbilled numbers in national notation', async () => {
    const { pdf } = await demoReport()
    const unallocated = section(pdf.text, 'Niet-toegewezen nummers (35)', 'Niet-gefactureerde nummers (')
    expect(blocks(unallocated).reduce((sum, b) => sum + b.count, 0)).toBe(35)
    expect(unallocated).toMatch(/020 555 1093 – 020 555 1099 \(7\)\s+KPN-ISDN30-0200451/)
    expect(unallocated).toMatch(/020 700 1077 – 020 700 1079 \(3\)\s+KPN-SIP-88120/)
    const unbilled = section(pdf.text, 'Niet-gefactureerde nummers (7)', 'Kritieke lijnen')
    expect(blocks(unbilled)).toEqual([
      { first: '+31205551080', count: 5 },
      { first: '+31207001075', count: 2 },
    ])
    expect(unbilled).toContain('7 nummers op 2 regels.')
    // The counts the database gives; no number is printed in E.164.
    const [inDb] = await db
      .select({ unallocated: sql<number>`count(*) filter (where ${numbers.tenantId} is null)`.mapWith(Number), unbilled: sql<number>`count(*) filter (where not ${numbers.billed})`.mapWith(Number) })
      .from(numbers)
      .where(eq(numbers.buildingId, buildingId))
    expect(inDb).toEqual({ unallocated: 35, unbilled: 7 })
    expect(pdf.text).not.toMatch(/\+31/)
  })

  it('names the critical lines: lift alarm, fire alarm and intercom with their numbers', async () => {
    const { pdf } = await demoReport()
    const critical = pdf.text.slice(pdf.text.indexOf('Kritieke lijnen'))
    expect(critical).toMatch(/KPN-WLR-0207711\s+PSTN \(WLR\)\s+Liftalarm\s+020 555 2000\s+Niet toegewezen\s+Actief/)
    expect(critical).toMatch(/KPN-WLR-0207712\s+PSTN \(WLR\)\s+Brandmelding\s+020 555 2001/)
    expect(critical).toMatch(/KPN-WLR-0207713\s+PSTN \(WLR\)\s+Intercom\s+020 555 2002/)
    expect(pdf.text).toMatch(/Kritieke nummers\s+3/)
  })

  it('speaks the viewer’s language: English headings, dates and amounts for an English browser or language choice', async () => {
    const english = await readPdf(await bytesOf(await download(manager, buildingId, 'en-GB,en;q=0.9')))
    for (const text of ['Inventory report Bedrijvencentrum De Schakel', 'Summary', 'Contracts', 'Lines and services', 'Numbers and their holders (183)', 'Unallocated numbers (35)', 'Unbilled numbers (7)', 'Critical lines', 'Lift alarm', 'Page 1']) {
      expect(english.text).toContain(text)
    }
    expect(english.text).toMatch(/Give notice by\s+2 Apr 2027/)
    expect(english.text).toMatch(/Monthly fee\s+€1,845\.00/)
    expect(english.text).toContain('183 numbers in')
    expect(english.text).not.toContain('Samenvatting')
    expect(english.info.Title).toBe('Inventory report Bedrijvencentrum De Schakel')
    // The language switch in the header wins over the browser's preference.
    const login = await logIn({ db, email: manager.email, password: testPassword, ip: 'unknown' })
    if (!login.ok) throw new Error('login failed')
    const request = new Request(`http://localhost/buildings/${buildingId}/inventory.pdf`, {
      headers: { Cookie: `${await commitSessionToken(login.token)}; ${await localeCookie.serialize('en')}`, 'Accept-Language': 'nl-NL' },
    })
    const chosen = await readPdf(await bytesOf(await loader({ request, params: { buildingId }, context: {} } as never)))
    expect(chosen.text).toContain('Numbers and their holders')
  })

  it('carries title, author, subject and creation date, and embeds DejaVu Sans for ë, ï, é and €', async () => {
    const { bytes, pdf } = await demoReport()
    expect(pdf.info).toMatchObject({ Title: 'Inventarisrapport Bedrijvencentrum De Schakel', Author: 'Sharedline', Subject: 'Contracten, lijnen en nummers van Bedrijvencentrum De Schakel op 23-11-2026' })
    expect(String(pdf.info.CreationDate)).toContain('20261123')
    expect(pdf.text).toContain('Initiële looptijd')
    expect(pdf.text).toContain('€ 1.845,00')
    const fonts = await pdfFonts(bytes)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.every((f) => f.embedded && f.name.includes('DejaVuSans'))).toBe(true)
  })

  it('page 1 renders to an image with the report drawn on it', async () => {
    const page = await renderFirstPage((await demoReport()).bytes)
    expect(page.width).toBeGreaterThan(300)
    expect(page.inked).toBeGreaterThan(0.02)
  })

  it('downloads as a PDF with a stable file name of building and day, not cached', async () => {
    const { response } = await demoReport()
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toContain('filename="inventory-bedrijvencentrum-de-schakel-2026-11-23.pdf"')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const again = await download(manager)
    expect(again.headers.get('Content-Disposition')).toBe(response.headers.get('Content-Disposition'))
    await bytesOf(again)
  })

  it('a large building paginates: the table header is repeated on every page and every number is in exactly one row', async () => {
    const pdf = await readPdf(await bytesOf(await download(manager, largeId)))
    // The numbers on running lines: the generator's, its lift alarm and the three on VF-SIP-7.
    const stored = (
      await db
        .select({ e164: numbers.e164 })
        .from(numbers)
        .innerJoin(services, eq(services.id, numbers.serviceId))
        .where(and(eq(numbers.buildingId, largeId), isNull(services.endedOn)))
    ).map((r) => r.e164)
    const total = stored.length
    expect(total).toBe(large.numbers + 1 + 3)
    const heading = `Nummers en hun houders (${total.toLocaleString('nl-NL')})`
    const first = pdf.pages.findIndex((p) => p.includes(heading))
    const last = pdf.pages.findIndex((p) => p.includes('Niet-toegewezen nummers ('))
    expect(first).toBeGreaterThanOrEqual(0)
    expect(last - first).toBeGreaterThanOrEqual(2)
    for (const page of pdf.pages.slice(first, last + 1)) expect(page).toMatch(/Nummers\s+Lijn\s+In gebruik bij\s+Bijzonderheden/)
    const ranges = section(pdf.text, heading, 'Niet-toegewezen nummers (')
    const found = blocks(ranges)
    const printed = found.flatMap((b) => Array.from({ length: b.count }, (_, i) => `+${Number(b.first.slice(1)) + i}`))
    expect(printed.length).toBe(total)
    expect(new Set(printed)).toEqual(new Set(stored))
    expect(ranges).toContain(`${total.toLocaleString('nl-NL')} nummers op ${found.length.toLocaleString('nl-NL')} regels.`)
    // Blocks, not numbers: the generator hands out runs of 2–41 numbers.
    expect(found.length).toBeLessThan(total / 5)
  })

  it('shows every contract with its lines, a contract in tacit renewal, a critical data line, numbers porting out, and leaves ended lines out', async () => {
    const pdf = await readPdf(await bytesOf(await download(manager, largeId)))
    const holder = largeWithExtras().tenants[0]!.legalName
    const contracts = section(pdf.text, 'Contracten\n', 'Lijnen en diensten\n')
    expect(contracts).toMatch(/Contractnummer\s+GEN-/)
    const vodafone = contracts.slice(contracts.indexOf('Vodafone · VF-2020-0042'))
    expect(vodafone).toContain(`Contracthouder ${holder}`)
    expect(vodafone).toMatch(/Opzeggen uiterlijk\s+Stilzwijgend verlengd: opzegbaar met 30 dagen, zonder\s+boete/)
    expect(vodafone).toMatch(/Stand\s+Stilzwijgend verlengd: hooguit één maand opzegtermijn,\s+geen boete/)
    expect(vodafone).toMatch(/Stilzwijgende verlenging\s+Loopt na de initiële looptijd per maand door/)
    expect(vodafone).toMatch(/Maandbedrag\s+€ 99,50/)
    expect(vodafone).toMatch(/Lijnen op dit contract\s+2/)
    // With two contracts the lines are listed per contract.
    const lines = section(pdf.text, 'Lijnen en diensten\nKPN · GEN-', 'Nummers en hun houders')
    expect(lines).toMatch(/^Lijnen en diensten\nKPN · GEN-60-3000-42\n/)
    expect(lines).toMatch(/Vodafone · VF-2020-0042\n[\s\S]*?DSL\s+VF-DSL-PIN-1\s+—\s+Pinautomaat\s+Bakkerij Van Dijk B\.V\.\s+0\n/)
    expect(lines).toMatch(/SIP-trunk\s+VF-SIP-7\s+—\s+—\s+—\s+3/)
    expect(pdf.text).toMatch(/030 700 1000\s+VF-SIP-7\s+\S/)
    expect(pdf.text).toMatch(/030 700 1001\s+VF-SIP-7\s+[^\n]*\n?[^\n]*Wordt geporteerd/)
    expect(pdf.text).toMatch(/030 700 1002\s+VF-SIP-7\s+Niet toegewezen\s+Afgesloten ·\s+Niet\s+gefactureerd/)
    const critical = pdf.text.slice(pdf.text.indexOf('Kritieke lijnen'))
    expect(critical).toMatch(/VF-DSL-PIN-1\s+DSL\s+Pinautomaat\s+geen nummers \(datalijn\)/)
    expect(critical).toMatch(/GEN-WLR-LIFT\s+PSTN \(WLR\)\s+Liftalarm\s+020 999 9000/)
    // The line that left for another provider, and its numbers, are history.
    expect(pdf.text).not.toContain('VF-SIP-OLD')
    expect(pdf.text).not.toContain('030 700 2000')
  })

  it('is for the building’s facility managers only: tenant and sales users are refused, another building’s manager finds nothing', async () => {
    expect(await statusOf(download(tenantUser))).toBe(403)
    expect(await statusOf(download(sales))).toBe(403)
    expect(await statusOf(download(otherManager))).toBe(404)
    expect(await statusOf(download(manager, '00000000-0000-4000-8000-000000000000'))).toBe(404)
    expect(await statusOf(download(manager, 'not-a-building'))).toBe(404)
  })
})

describe('streaming', () => {
  /** A report whose number table has `total` rows that never collapse, counting the rows its source hands out. */
  function syntheticReport(total: number) {
    const source = { pulled: 0 }
    async function* runs(): AsyncGenerator<NumberRun> {
      for (let i = 0; i < total; i++) {
        source.pulled++
        const e164 = `+3120${3_000_000 + 2 * i}`
        yield { line: { kind: 'sip_trunk', carrierRef: 'SIP-1' }, first: e164, last: e164, count: 1, holderName: `Huurder ${i}`, use: 'tenant', status: 'active', billed: true }
      }
    }
    async function* none<R>(): AsyncGenerator<R> {}
    const report: InventoryReport = {
      building: { id: '00000000-0000-4000-8000-000000000001', name: 'Proefpand', street: 'Proefstraat 1', postcode: '1000 AA', city: 'Amsterdam' },
      asOf: '2026-11-23',
      totals: { tenants: total, numbers: total, unallocated: 0, unbilled: 0, critical: 0 },
      contracts: [],
      services: [],
      rows: { ranges: runs, unallocated: none, unbilled: none, critical: none },
    }
    const { doc, fileName, render } = inventoryReportPdf(report, { locale: 'nl', generatedAt: now })
    return { source, response: pdfDownload(doc, fileName, render) }
  }

  /** Waits until the source has handed out no row for a while. */
  async function stalled(source: { pulled: number }) {
    for (let seen = -1; seen !== source.pulled; ) {
      seen = source.pulled
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    return source.pulled
  }

  it('a reader that stops reading holds the drawing back: rows are taken from the source only as fast as the download is read', async () => {
    const total = 10_000
    const { source, response } = syntheticReport(total)
    const reader = response.body!.getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value!.slice(0, 5))).toBe('%PDF-')
    expect(await stalled(source)).toBeLessThan(total / 2)
    let size = first.value!.byteLength
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) size += chunk.value.byteLength
    expect(source.pulled).toBe(total)
    expect(size).toBeGreaterThan(512 * 1024)
  })

  it('a download the reader abandons stops reading rows', async () => {
    const { source, response } = syntheticReport(10_000)
    const reader = response.body!.getReader()
    await reader.read()
    const before = await stalled(source)
    expect(before).toBeLessThan(10_000)
    await reader.cancel()
    expect(await stalled(source)).toBeLessThanOrEqual(before + 1)
  })
})

