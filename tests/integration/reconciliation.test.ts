import { parse } from 'csv-parse/sync'
import { and, asc, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import type { Locale } from '#app/domain/enums.ts'
import { reconciliationCategories, type ReconciliationCategory } from '#app/domain/imports/reconciliation.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { loader as csvLoader } from '#app/routes/imports/reconciliation-csv.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { getImportView, requestImportApply, runImportWork } from '#app/services/carrier-imports.server.ts'
import { allocateNumbers } from '#app/services/numbers.server.ts'
import { actOnDifference, getReconciliation, reconciliationCsv } from '#app/services/reconciliation.server.ts'
import type { Database, Db } from '#db/client.ts'
import { auditLog, carrierFlags, importChanges, invoiceLines, numberAllocations, numbers, services } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import {
  insertBuilding,
  insertCarrier,
  insertContract,
  insertNumbers,
  insertService,
  insertTenant,
  insertUser,
  shareBuilding,
  testPassword,
} from '#tests/support/factories.ts'
import { auditEntries, refusal, refused } from '#tests/support/factories-tenants.ts'
import { uploadAndRead, useImportDir } from '#tests/support/imports.ts'

useImportDir()
let database: Database
let db: Db
beforeAll(async () => {
  vi.stubEnv('SESSION_SECRET', 'reconciliation test secret, long enough')
  database = await createTestDatabase()
  setDatabase(database)
  db = database.db
})

/** The day the report is drawn up: one tenant moved out before it, another moves out after it. */
const today: IsoDate = '2026-06-15'

// ---------------------------------------------------------------------------------------------
// Helpers

/** Applies an import that waits with its dry run, through the real worker. */
async function apply(actor: Actor, buildingId: string, jobId: string) {
  await requestImportApply({ db, actor, buildingId, jobId, input: { confirm: 'yes' } })
  expect(await runImportWork({ database })).toEqual([{ jobId, outcome: 'applied' }])
}

/** Every number of the building as "e164 service status billed|unbilled", sorted. */
async function billing(buildingId: string) {
  const rows = await db
    .select({ e164: numbers.e164, ref: services.carrierRef, status: numbers.status, billed: numbers.billed })
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .where(eq(numbers.buildingId, buildingId))
    .orderBy(asc(numbers.e164))
  return rows.map((r) => `${r.e164} ${r.ref} ${r.status} ${r.billed ? 'billed' : 'unbilled'}`)
}

/**
 * Everything a reconciliation action could touch in a building: numbers (holder, status, billing),
 * holdings, carrier flags and the number of audit entries. Equal before and after = nothing changed.
 */
async function snapshot(buildingId: string) {
  const nums = await db
    .select({ e164: numbers.e164, status: numbers.status, billed: numbers.billed, tenantId: numbers.tenantId, updatedAt: numbers.updatedAt })
    .from(numbers)
    .where(eq(numbers.buildingId, buildingId))
    .orderBy(asc(numbers.e164))
  const allocations = await db
    .select({ numberId: numberAllocations.numberId, tenantId: numberAllocations.tenantId, validFrom: numberAllocations.validFrom, validTo: numberAllocations.validTo })
    .from(numberAllocations)
    .where(eq(numberAllocations.buildingId, buildingId))
    .orderBy(asc(numberAllocations.numberId), asc(numberAllocations.validFrom))
  const flags = await db
    .select({ category: carrierFlags.category, e164: carrierFlags.e164, serviceRef: carrierFlags.serviceRef, note: carrierFlags.note, resolvedAt: carrierFlags.resolvedAt })
    .from(carrierFlags)
    .where(eq(carrierFlags.buildingId, buildingId))
    .orderBy(asc(carrierFlags.createdAt), asc(carrierFlags.id))
  const [audits] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.buildingId, buildingId))
  return { nums, allocations, flags, audits: audits?.n ?? 0 }
}

async function numberRow(buildingId: string, e164: string) {
  const [row] = await db
    .select({ id: numbers.id, tenantId: numbers.tenantId, status: numbers.status, billed: numbers.billed })
    .from(numbers)
    .where(and(eq(numbers.buildingId, buildingId), eq(numbers.e164, e164)))
  if (!row) throw new Error(`no number ${e164}`)
  return row
}

async function holdingsOf(numberId: string) {
  return db
    .select({ tenantId: numberAllocations.tenantId, validTo: numberAllocations.validTo })
    .from(numberAllocations)
    .where(eq(numberAllocations.numberId, numberId))
    .orderBy(asc(numberAllocations.validFrom))
}

/** The report as the page shows it, every category (one page of each, big enough here). */
async function report(actor: Actor, buildingId: string) {
  const rows = {} as Record<ReconciliationCategory, Awaited<ReturnType<typeof getReconciliation>>['rows']>
  let page: Awaited<ReturnType<typeof getReconciliation>> | undefined
  for (const category of reconciliationCategories) {
    page = await getReconciliation({ db, actor, buildingId, url: new URL(`http://localhost/buildings/${buildingId}/reconciliation?category=${category}`), today })
    expect(page.category).toBe(category)
    rows[category] = page.rows
  }
  if (!page) throw new Error('no categories')
  return { ...page, rows }
}

/** A row without its ids, as a person reads it. */
function shown(r: { e164: string | null; serviceRef: string | null; tenantName: string | null; moveOut: string | null; status: string | null; billed: boolean | null; amountCents: number | null; flagged: boolean }) {
  return { e164: r.e164, serviceRef: r.serviceRef, tenantName: r.tenantName, moveOut: r.moveOut, status: r.status, billed: r.billed, amountCents: r.amountCents, flagged: r.flagged }
}

async function csvText(actor: Actor, buildingId: string, locale: Locale) {
  const chunks: string[] = []
  for await (const chunk of reconciliationCsv({ db, actor, buildingId, locale, today })) chunks.push(chunk)
  return chunks.join('')
}

// ---------------------------------------------------------------------------------------------
// The invoice import

/**
 * ISDN-1 holds 020 555 1000–1009, SIP-1 020 555 2000–2001, FIBER-1 is a data line. Billing before the
 * invoice: 1000–1004 and 2000 unbilled (the invoice bills them), 1005 billed (stays billed), 1006–1009
 * billed (the invoice does not name them), 2001 unbilled (stays so).
 */
async function invoiceBuilding() {
  const actor = await insertUser(db)
  const b = await insertBuilding(db, {}, [actor])
  const carrier = await insertCarrier(db)
  const contract = await insertContract(db, b.id, { carrierId: carrier.id })
  const isdn = await insertService(db, b.id, contract.id, { kind: 'isdn30', carrierRef: 'ISDN-1' })
  const sip = await insertService(db, b.id, contract.id, { kind: 'sip_trunk', carrierRef: 'SIP-1' })
  await insertService(db, b.id, contract.id, { kind: 'fiber', carrierRef: 'FIBER-1' })
  await insertNumbers(db, b.id, isdn.id, '+31205551000', 5, { billed: false })
  await insertNumbers(db, b.id, isdn.id, '+31205551005', 1, { billed: true })
  await insertNumbers(db, b.id, isdn.id, '+31205551006', 4, { billed: true })
  await insertNumbers(db, b.id, sip.id, '+31205552000', 1, { billed: false })
  await insertNumbers(db, b.id, sip.id, '+31205552001', 1, { billed: false })
  return { actor, buildingId: b.id, carrierId: carrier.id }
}

const invoiceFile = [
  'Aansluiting;Nummer;Omschrijving;Bedrag excl. btw',
  'ISDN-1;020 555 1000 t/m 020 555 1004;Nummerblok 5 nummers;12,50', // a block with one amount
  'ISDN-1;020 555 1005;Creditering storing;-3,00', // a credit
  'SIP-1;020 555 2000;Abonnement SIP;8,75', // one number on two lines:
  'SIP-1;020 555 2000;Gesprekskosten;1,25', //   subscription and usage
  'FIBER-1;;Glasvezel 1 Gbit/s;399,00', // a service without a number
  'ONBEKEND-9;;Onbekende lijn;10,00', // a service the building does not have
  'SIP-1;020 555 9999;Abonnement;5,00', // a number the building does not have
].join('\r\n')

const invoiceTotal = 1250 - 300 + 875 + 125 + 39900 + 1000 + 500

describe('an invoice import', () => {
  it('shows a dry run counting billed, now billed, now unbilled and unknown numbers, service lines and unknown services, with the total in cents, and changes nothing before it is applied', async () => {
    const { actor, buildingId, carrierId } = await invoiceBuilding()
    const before = await billing(buildingId)
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'invoice', invoiceFile)
    const view = await getImportView({ db, actor, buildingId, jobId })
    expect(view.job.state).toBe('ready')
    expect(view.job.format).toMatchObject({ delimiter: ';', header: true })
    expect(view.job.badRows).toBe(0)
    expect(view.errors).toEqual([])
    const summary = view.job.summary
    if (summary?.kind !== 'invoice') throw new Error('invoice dry run expected')
    expect(summary.rows).toBe(7)
    expect(summary.totalCents).toBe(invoiceTotal)
    expect(summary.counts).toEqual({ billedNumbers: 7, nowBilled: 6, nowUnbilled: 4, unknownNumbers: 1, serviceLines: 2, unknownServices: 1 })
    expect(summary.samples.nowBilled?.map((s) => s.e164)).toEqual(['+31205551000', '+31205551001', '+31205551002', '+31205551003', '+31205551004', '+31205552000'])
    expect(summary.samples.nowUnbilled?.map((s) => s.e164)).toEqual(['+31205551006', '+31205551007', '+31205551008', '+31205551009'])
    expect(summary.samples.unknownNumbers?.map((s) => s.e164)).toEqual(['+31205559999'])

    expect(await billing(buildingId)).toEqual(before)
    expect(await db.select().from(invoiceLines).where(eq(invoiceLines.buildingId, buildingId))).toEqual([])
    expect(await db.select().from(importChanges).where(eq(importChanges.jobId, jobId))).toEqual([])
    // Nothing applied yet: the reconciliation knows of no invoice.
    expect((await getReconciliation({ db, actor, buildingId, url: new URL('http://localhost/'), today })).invoice).toBeNull()
  })

  it('sets billed exactly for the numbers the invoice names and unbilled for the rest, records each change, keeps the invoice lines, with one audit entry; a number on two lines is no error', async () => {
    const { actor, buildingId, carrierId } = await invoiceBuilding()
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'invoice', invoiceFile)
    const auditsBefore = (await snapshot(buildingId)).audits
    await apply(actor, buildingId, jobId)
    const view = await getImportView({ db, actor, buildingId, jobId })
    expect(view.job.state).toBe('applied')
    expect(view.job.error).toBeNull()
    expect(view.job.badRows).toBe(0)

    expect(await billing(buildingId)).toEqual([
      '+31205551000 ISDN-1 active billed',
      '+31205551001 ISDN-1 active billed',
      '+31205551002 ISDN-1 active billed',
      '+31205551003 ISDN-1 active billed',
      '+31205551004 ISDN-1 active billed',
      '+31205551005 ISDN-1 active billed',
      '+31205551006 ISDN-1 active unbilled',
      '+31205551007 ISDN-1 active unbilled',
      '+31205551008 ISDN-1 active unbilled',
      '+31205551009 ISDN-1 active unbilled',
      '+31205552000 SIP-1 active billed',
      '+31205552001 SIP-1 active unbilled',
    ])

    const changes = await db
      .select({ e164: importChanges.e164, change: importChanges.change, before: importChanges.before, after: importChanges.after })
      .from(importChanges)
      .where(eq(importChanges.jobId, jobId))
      .orderBy(asc(importChanges.change), asc(importChanges.e164))
    expect(changes).toEqual([
      ...['+31205551000', '+31205551001', '+31205551002', '+31205551003', '+31205551004', '+31205552000'].map((e164) => ({ e164, change: 'nowBilled', before: 'false', after: 'true' })),
      ...['+31205551006', '+31205551007', '+31205551008', '+31205551009'].map((e164) => ({ e164, change: 'nowUnbilled', before: 'true', after: 'false' })),
    ])

    // The lines are kept per number (the block's amount on its first number) or per service.
    const lines = await db
      .select({ line: invoiceLines.line, e164: invoiceLines.e164, serviceRef: invoiceLines.serviceRef, amountCents: invoiceLines.amountCents, description: invoiceLines.description })
      .from(invoiceLines)
      .where(eq(invoiceLines.jobId, jobId))
      .orderBy(asc(invoiceLines.line), asc(invoiceLines.e164))
    expect(lines).toEqual([
      { line: 2, e164: '+31205551000', serviceRef: 'ISDN-1', amountCents: 1250, description: 'Nummerblok 5 nummers' },
      { line: 2, e164: '+31205551001', serviceRef: 'ISDN-1', amountCents: null, description: null },
      { line: 2, e164: '+31205551002', serviceRef: 'ISDN-1', amountCents: null, description: null },
      { line: 2, e164: '+31205551003', serviceRef: 'ISDN-1', amountCents: null, description: null },
      { line: 2, e164: '+31205551004', serviceRef: 'ISDN-1', amountCents: null, description: null },
      { line: 3, e164: '+31205551005', serviceRef: 'ISDN-1', amountCents: -300, description: 'Creditering storing' },
      { line: 4, e164: '+31205552000', serviceRef: 'SIP-1', amountCents: 875, description: 'Abonnement SIP' },
      { line: 5, e164: '+31205552000', serviceRef: 'SIP-1', amountCents: 125, description: 'Gesprekskosten' },
      { line: 6, e164: null, serviceRef: 'FIBER-1', amountCents: 39900, description: 'Glasvezel 1 Gbit/s' },
      { line: 7, e164: null, serviceRef: 'ONBEKEND-9', amountCents: 1000, description: 'Onbekende lijn' },
      { line: 8, e164: '+31205559999', serviceRef: 'SIP-1', amountCents: 500, description: 'Abonnement' },
    ])
    expect(lines.reduce((sum, l) => sum + (l.amountCents ?? 0), 0)).toBe(invoiceTotal)

    // One audit entry for the whole apply, and none per number.
    const audits = await db.select().from(auditLog).where(eq(auditLog.buildingId, buildingId)).orderBy(asc(auditLog.id))
    const added = audits.slice(auditsBefore)
    expect(added.filter((a) => a.summary.startsWith('applied'))).toHaveLength(1)
    expect(added.filter((a) => a.entityType === 'number')).toEqual([])
    const applied = added.find((a) => a.summary.startsWith('applied'))
    expect(applied).toMatchObject({ entityType: 'import', entityId: jobId, actorEmail: actor.email, after: { state: 'applied', changes: { nowBilled: 6, nowUnbilled: 4 } } })

    // The reconciliation now reads against this invoice.
    const page = await getReconciliation({ db, actor, buildingId, url: new URL('http://localhost/'), today })
    expect(page.invoice).toMatchObject({ fileName: 'invoice.csv', totalCents: invoiceTotal })
  })
})

// ---------------------------------------------------------------------------------------------
// The reconciliation

/** What each number of the reconciliation building is, and what the invoice makes of it. */
const numberPlan = [
  // e164, service, holder, status, billed after the invoice, where it must show
  { e164: '+31205551000', service: 'isdn', holder: 'present', status: 'active', billed: true, category: null }, // as it should be
  { e164: '+31205551001', service: 'isdn', holder: null, status: 'active', billed: false, category: 'activeUnbilled' },
  { e164: '+31205551002', service: 'isdn', holder: 'gone', status: 'active', billed: true, category: 'billedMovedOutTenant' },
  { e164: '+31205551003', service: 'isdn', holder: 'present', status: 'active', billed: false, category: 'allocatedUnbilled' },
  { e164: '+31205551004', service: 'isdn', holder: null, status: 'active', billed: true, category: 'unallocatedBilled' },
  { e164: '+31205551005', service: 'isdn', holder: null, status: 'disconnected', billed: false, category: null }, // gone and unbilled: fine
  { e164: '+31205551006', service: 'isdn', holder: null, status: 'porting_out', billed: false, category: null }, // leaving: not "active"
  { e164: '+31205551007', service: 'isdn', holder: 'present', status: 'porting_out', billed: true, category: null }, // billed while porting: still live
  { e164: '+31205551008', service: 'isdn', holder: 'leaving', status: 'active', billed: true, category: null }, // moves out after today
  { e164: '+31205552000', service: 'sip', holder: 'present', status: 'active', billed: true, category: null }, // on two invoice lines
  { e164: '+31205553000', service: 'old', holder: null, status: 'disconnected', billed: false, category: null }, // the old line's last number
] as const

/** The invoice of the reconciliation building: what it names decides the billing of every number above. */
const reconciliationInvoice = [
  'Aansluiting;Nummer;Omschrijving;Bedrag',
  'ISDN-1;020 555 1000;Abonnement;4,50',
  'ISDN-1;020 555 1002;Abonnement;4,50',
  'ISDN-1;020 555 1004;Abonnement;4,50',
  'ISDN-1;020 555 1007;Abonnement;4,50',
  'ISDN-1;020 555 1008;Abonnement;4,50',
  'SIP-1;020 555 2000;Abonnement SIP;8,75',
  'SIP-1;020 555 2000;Gesprekskosten;1,25',
  'SIP-1;;Kanalen SIP-trunk;30,00', // a service line of a line with live numbers: fine
  'SIP-1;020 555 9999;Abonnement;5,00', // not ours (another building has it) …
  'SIP-1;020 555 9999;Gesprekskosten;1,50', // … on two lines
  'ISDN2-OUD;;Abonnement ISDN2;24,95', // a line whose numbers are all gone …
  'ISDN2-OUD;;Creditering;-3,00', // … with a credit
]

/**
 * One building where each of the six categories holds exactly one known row (see numberPlan), plus
 * numbers that must not show anywhere. With `invoice` the invoice is applied and every number starts
 * with the opposite billing, so the report can only be right if it reads what the invoice did;
 * without it, the numbers carry their billing themselves and no invoice was ever applied.
 */
async function reconciliationBuilding({ invoice = true, extraInvoiceLines = [] as string[] } = {}) {
  const manager = await insertUser(db)
  const b = await insertBuilding(db, {}, [manager])
  const carrier = await insertCarrier(db)
  const contract = await insertContract(db, b.id, { carrierId: carrier.id })
  const tenants = {
    present: await insertTenant(db, b.id, { legalName: 'Bakkerij Van Dijk BV' }),
    gone: await insertTenant(db, b.id, { legalName: 'Drukkerij Oud BV', moveOut: '2026-03-31' }),
    leaving: await insertTenant(db, b.id, { legalName: 'Advies Later BV', moveOut: '2027-03-31' }),
  }
  const lines = {
    isdn: await insertService(db, b.id, contract.id, { kind: 'isdn30', carrierRef: 'ISDN-1' }),
    sip: await insertService(db, b.id, contract.id, { kind: 'sip_trunk', carrierRef: 'SIP-1' }),
    old: await insertService(db, b.id, contract.id, { kind: 'isdn2', carrierRef: 'ISDN2-OUD' }),
  }
  for (const n of numberPlan) {
    await insertNumbers(db, b.id, lines[n.service].id, n.e164, 1, {
      tenantId: n.holder ? tenants[n.holder].id : null,
      status: n.status,
      billed: invoice ? !n.billed : n.billed,
    })
  }
  // Another building has the number this invoice bills but this building does not.
  const elsewhere = await insertBuilding(db)
  const elsewhereContract = await insertContract(db, elsewhere.id, { carrierId: carrier.id })
  const elsewhereLine = await insertService(db, elsewhere.id, elsewhereContract.id, { kind: 'sip_trunk', carrierRef: 'SIP-1' })
  await insertNumbers(db, elsewhere.id, elsewhereLine.id, '+31205559999', 1)

  let jobId: string | null = null
  if (invoice) {
    jobId = await uploadAndRead(database, manager, b.id, carrier.id, 'invoice', [...reconciliationInvoice, ...extraInvoiceLines].join('\r\n'))
    await apply(manager, b.id, jobId)
  }
  return { manager, buildingId: b.id, carrierId: carrier.id, tenants, lines, jobId }
}

const expectedRows = {
  activeUnbilled: [{ e164: '+31205551001', serviceRef: 'ISDN-1', tenantName: null, moveOut: null, status: 'active', billed: false, amountCents: null, flagged: false }],
  billedNotInInventory: [{ e164: '+31205559999', serviceRef: null, tenantName: null, moveOut: null, status: null, billed: null, amountCents: 650, flagged: false }],
  billedMovedOutTenant: [{ e164: '+31205551002', serviceRef: 'ISDN-1', tenantName: 'Drukkerij Oud BV', moveOut: '2026-03-31', status: 'active', billed: true, amountCents: null, flagged: false }],
  allocatedUnbilled: [{ e164: '+31205551003', serviceRef: 'ISDN-1', tenantName: 'Bakkerij Van Dijk BV', moveOut: null, status: 'active', billed: false, amountCents: null, flagged: false }],
  unallocatedBilled: [{ e164: '+31205551004', serviceRef: 'ISDN-1', tenantName: null, moveOut: null, status: 'active', billed: true, amountCents: null, flagged: false }],
  servicesBilledNoNumbers: [{ e164: null, serviceRef: 'ISDN2-OUD', tenantName: null, moveOut: null, status: null, billed: null, amountCents: 2195, flagged: false }],
} satisfies Record<ReconciliationCategory, unknown[]>

const oneEach = { activeUnbilled: 1, billedNotInInventory: 1, billedMovedOutTenant: 1, allocatedUnbilled: 1, unallocatedBilled: 1, servicesBilledNoNumbers: 1 }

describe('the reconciliation report', () => {
  it('puts each kind of difference in its own category against the applied invoice, one known row each, and nothing that is as it should be', async () => {
    const { manager, buildingId, tenants } = await reconciliationBuilding()
    // The invoice made the billing of every number what the plan says.
    for (const n of numberPlan) expect((await numberRow(buildingId, n.e164)).billed, n.e164).toBe(n.billed)

    const page = await report(manager, buildingId)
    expect(page.counts).toEqual(oneEach)
    for (const category of reconciliationCategories) expect(page.rows[category].map(shown), category).toEqual(expectedRows[category])
    expect(page.rows.activeUnbilled[0]?.numberId).toBe((await numberRow(buildingId, '+31205551001')).id)
    expect(page.rows.billedMovedOutTenant[0]?.tenantId).toBe(tenants.gone.id)
    expect(page.rows.billedNotInInventory[0]?.numberId).toBeNull()

    // Disjoint: no number or service shows in two categories, and the numbers that are in order show nowhere.
    const subjects = reconciliationCategories.flatMap((c) => page.rows[c].map((r) => r.e164 ?? r.serviceRef))
    expect(new Set(subjects).size).toBe(subjects.length)
    for (const n of numberPlan.filter((p) => p.category === null)) expect(subjects, n.e164).not.toContain(n.e164)
    expect(subjects).not.toContain('SIP-1')

    expect(page.invoice).toMatchObject({ fileName: 'invoice.csv', totalCents: 4 * 450 + 450 + 875 + 125 + 3000 + 500 + 150 + 2495 - 300 })
    expect(page.openFlags).toBe(0)
    // Allocation goes to tenants that are still in the building (one moving out later still is).
    expect(page.tenants.map((t) => t.legalName)).toEqual(['Advies Later BV', 'Bakkerij Van Dijk BV'])
  })

  it('does not lose an active number nobody is billed for when the tenant holding it has moved out: it shows in exactly one category', async () => {
    const { manager, buildingId, tenants, lines } = await reconciliationBuilding()
    await insertNumbers(db, buildingId, lines.isdn.id, '+31205551009', 1, { tenantId: tenants.gone.id, billed: false })
    const page = await report(manager, buildingId)
    const shownIn = reconciliationCategories.filter((c) => page.rows[c].some((r) => r.e164 === '+31205551009'))
    expect(shownIn).toHaveLength(1)
  })

  it('without an applied invoice leaves the two invoice categories empty and still finds the others from the billing kept with each number', async () => {
    const { manager, buildingId, carrierId } = await reconciliationBuilding({ invoice: false })
    // An invoice that was read but never applied does not count either.
    const jobId = await uploadAndRead(database, manager, buildingId, carrierId, 'invoice', reconciliationInvoice.join('\r\n'))
    expect((await getImportView({ db, actor: manager, buildingId, jobId })).job.state).toBe('ready')

    const page = await report(manager, buildingId)
    expect(page.invoice).toBeNull()
    expect(page.counts).toEqual({ ...oneEach, billedNotInInventory: 0, servicesBilledNoNumbers: 0 })
    expect(page.rows.billedNotInInventory).toEqual([])
    expect(page.rows.servicesBilledNoNumbers).toEqual([])
    for (const category of ['activeUnbilled', 'billedMovedOutTenant', 'allocatedUnbilled', 'unallocatedBilled'] as const) {
      expect(page.rows[category].map(shown), category).toEqual(expectedRows[category])
    }
  })

  it('reads only the latest applied invoice: what an earlier one billed no longer counts', async () => {
    const { manager, buildingId, carrierId } = await reconciliationBuilding()
    const next = ['Aansluiting;Nummer;Omschrijving;Bedrag', 'ISDN-1;020 555 1000;Abonnement;4,50', 'SIP-1;020 555 8888;Abonnement;7,00', 'ONBEKEND-1;;Huurlijn;12,00']
    const jobId = await uploadAndRead(database, manager, buildingId, carrierId, 'invoice', next.join('\r\n'))
    await apply(manager, buildingId, jobId)
    const page = await report(manager, buildingId)
    expect(page.rows.billedNotInInventory.map((r) => [r.e164, r.amountCents])).toEqual([['+31205558888', 700]])
    expect(page.rows.servicesBilledNoNumbers.map((r) => [r.serviceRef, r.amountCents])).toEqual([['ONBEKEND-1', 1200]])
    expect(page.invoice).toMatchObject({ totalCents: 450 + 700 + 1200 })
  })
})

describe('acting on a difference', () => {
  it('allocating an active but unbilled number to a present tenant takes it out of that category, sets its holder, opens its holding and is audited', async () => {
    const { manager, buildingId, tenants } = await reconciliationBuilding()
    const number = await numberRow(buildingId, '+31205551001')
    const done = await actOnDifference({ db, actor: manager, buildingId, input: { action: 'allocate', category: 'activeUnbilled', e164: '020 555 1001', tenantId: tenants.present.id }, today })
    expect(done).toEqual({ action: 'allocate', e164: '+31205551001', tenantName: 'Bakkerij Van Dijk BV' })

    expect(await numberRow(buildingId, '+31205551001')).toMatchObject({ tenantId: tenants.present.id, status: 'active', billed: false })
    expect(await holdingsOf(number.id)).toEqual([{ tenantId: tenants.present.id, validTo: null }])
    const page = await report(manager, buildingId)
    expect(page.rows.activeUnbilled).toEqual([])
    // Held by a present tenant and still not billed, it is now "allocated but unbilled".
    expect(page.rows.allocatedUnbilled.map((r) => r.e164)).toEqual(['+31205551001', '+31205551003'])
    const audits = await auditEntries(db, 'number', number.id)
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ action: 'allocate', buildingId, actorEmail: manager.email, after: { tenantId: tenants.present.id, tenantName: 'Bakkerij Van Dijk BV' } })
  })

  it('marking released a number billed to a tenant that moved out frees it, closes its holding, disconnects and unbills it, and audits before and after', async () => {
    const { manager, buildingId, tenants } = await reconciliationBuilding()
    const number = await numberRow(buildingId, '+31205551002')
    expect(await holdingsOf(number.id)).toEqual([{ tenantId: tenants.gone.id, validTo: null }])
    const done = await actOnDifference({ db, actor: manager, buildingId, input: { action: 'release', category: 'billedMovedOutTenant', e164: '+31205551002' }, today })
    expect(done).toEqual({ action: 'release', e164: '+31205551002', tenantName: null })

    expect(await numberRow(buildingId, '+31205551002')).toEqual({ id: number.id, tenantId: null, status: 'disconnected', billed: false })
    const holdings = await holdingsOf(number.id)
    expect(holdings).toHaveLength(1)
    expect(holdings[0]?.tenantId).toBe(tenants.gone.id)
    expect(holdings[0]?.validTo).toBeInstanceOf(Date)
    const audits = await auditEntries(db, 'number', number.id)
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({
      action: 'release',
      actorEmail: manager.email,
      before: { e164: '+31205551002', tenantId: tenants.gone.id, tenantName: 'Drukkerij Oud BV', status: 'active', billed: true },
      after: { e164: '+31205551002', tenantId: null, status: 'disconnected', billed: false },
    })
    const page = await report(manager, buildingId)
    expect(page.rows.billedMovedOutTenant).toEqual([])
    // The invoice still bills it, and it is no live number any more: something to put to the carrier.
    expect(page.rows.billedNotInInventory.map((r) => [r.e164, r.status, r.amountCents])).toEqual([
      ['+31205551002', 'disconnected', 450],
      ['+31205559999', null, 650],
    ])
  })

  it('flagging for the carrier marks the row flagged, and flagging it twice is refused and changes nothing', async () => {
    const { manager, buildingId } = await reconciliationBuilding()
    const number = await actOnDifference({ db, actor: manager, buildingId, input: { action: 'flag', category: 'billedNotInInventory', e164: '020 555 9999', note: 'Niet van ons' }, today })
    expect(number).toEqual({ action: 'flag', e164: '+31205559999', tenantName: null })
    const service = await actOnDifference({ db, actor: manager, buildingId, input: { action: 'flag', category: 'servicesBilledNoNumbers', serviceRef: 'ISDN2-OUD' }, today })
    expect(service).toEqual({ action: 'flag', e164: null, tenantName: null })

    const page = await report(manager, buildingId)
    expect(page.openFlags).toBe(2)
    expect(page.rows.billedNotInInventory.map(shown)).toEqual([{ ...expectedRows.billedNotInInventory[0], flagged: true }])
    expect(page.rows.servicesBilledNoNumbers.map(shown)).toEqual([{ ...expectedRows.servicesBilledNoNumbers[0], flagged: true }])
    // The flags are about those rows only.
    expect(page.rows.unallocatedBilled.map((r) => r.flagged)).toEqual([false])
    const flags = await db
      .select({ category: carrierFlags.category, e164: carrierFlags.e164, serviceRef: carrierFlags.serviceRef, note: carrierFlags.note, createdBy: carrierFlags.createdBy, id: carrierFlags.id })
      .from(carrierFlags)
      .where(eq(carrierFlags.buildingId, buildingId))
      .orderBy(asc(carrierFlags.category))
    expect(flags.map(({ id: _id, ...f }) => f)).toEqual([
      { category: 'billedNotInInventory', e164: '+31205559999', serviceRef: null, note: 'Niet van ons', createdBy: manager.id },
      { category: 'servicesBilledNoNumbers', e164: null, serviceRef: 'ISDN2-OUD', note: '', createdBy: manager.id },
    ])
    for (const flag of flags) {
      const audits = await auditEntries(db, 'carrier_flag', flag.id)
      expect(audits.map((a) => a.action)).toEqual(['create'])
    }

    const before = await snapshot(buildingId)
    expect(await refused(actOnDifference({ db, actor: manager, buildingId, input: { action: 'flag', category: 'billedNotInInventory', e164: '+31205559999', note: 'nog eens' }, today }))).toEqual({
      _form: 'reconciliation.alreadyFlagged',
    })
    expect(await refused(actOnDifference({ db, actor: manager, buildingId, input: { action: 'flag', category: 'servicesBilledNoNumbers', serviceRef: 'ISDN2-OUD' }, today }))).toEqual({
      _form: 'reconciliation.alreadyFlagged',
    })
    expect(await snapshot(buildingId)).toEqual(before)
  })

  it('a number flagged for the carrier shows as flagged in its category, whatever line it is on', async () => {
    const { manager, buildingId } = await reconciliationBuilding()
    await actOnDifference({ db, actor: manager, buildingId, input: { action: 'flag', category: 'activeUnbilled', e164: '020 555 1001' }, today })
    await actOnDifference({ db, actor: manager, buildingId, input: { action: 'flag', category: 'unallocatedBilled', e164: '020 555 1004' }, today })
    const page = await report(manager, buildingId)
    expect(page.openFlags).toBe(2)
    expect(page.rows.activeUnbilled.map((r) => [r.e164, r.serviceRef, r.flagged])).toEqual([['+31205551001', 'ISDN-1', true]])
    expect(page.rows.unallocatedBilled.map((r) => [r.e164, r.serviceRef, r.flagged])).toEqual([['+31205551004', 'ISDN-1', true]])
  })

  it('refuses an action the category does not allow, and changes nothing', async () => {
    const { manager, buildingId, tenants } = await reconciliationBuilding()
    const before = await snapshot(buildingId)
    const notAllowed = [
      { action: 'allocate', category: 'billedNotInInventory', e164: '020 555 9999', tenantId: tenants.present.id },
      { action: 'release', category: 'billedNotInInventory', e164: '020 555 9999' },
      { action: 'allocate', category: 'billedMovedOutTenant', e164: '020 555 1002', tenantId: tenants.present.id },
      { action: 'allocate', category: 'allocatedUnbilled', e164: '020 555 1003', tenantId: tenants.leaving.id },
      { action: 'release', category: 'servicesBilledNoNumbers', serviceRef: 'ISDN2-OUD' },
      { action: 'allocate', category: 'servicesBilledNoNumbers', serviceRef: 'ISDN2-OUD', tenantId: tenants.present.id },
    ]
    for (const input of notAllowed) {
      expect(await refused(actOnDifference({ db, actor: manager, buildingId, input, today })), `${input.action} on ${input.category}`).toEqual({ action: 'field.invalidChoice' })
    }
    expect(await snapshot(buildingId)).toEqual(before)
  })

  it('refuses an action on a difference that is gone meanwhile, and changes nothing', async () => {
    const { manager, buildingId, tenants } = await reconciliationBuilding()
    // Someone allocates 020 555 1001 on the numbers page while the report is open.
    const number = await numberRow(buildingId, '+31205551001')
    await allocateNumbers({ db, actor: manager, buildingId, input: { numberId: [number.id], tenantId: tenants.present.id }, asOf: today })
    const before = await snapshot(buildingId)
    const stale = [
      { action: 'allocate', category: 'activeUnbilled', e164: '020 555 1001', tenantId: tenants.leaving.id },
      { action: 'release', category: 'activeUnbilled', e164: '020 555 1001' },
      { action: 'flag', category: 'activeUnbilled', e164: '020 555 1001' },
      // A number that is in order was never a difference of this kind.
      { action: 'release', category: 'unallocatedBilled', e164: '020 555 1000' },
      { action: 'flag', category: 'servicesBilledNoNumbers', serviceRef: 'SIP-1' },
    ]
    for (const input of stale) {
      expect(await refused(actOnDifference({ db, actor: manager, buildingId, input, today })), `${input.action} ${input.e164 ?? input.serviceRef}`).toEqual({ _form: 'reconciliation.gone' })
    }
    expect(await snapshot(buildingId)).toEqual(before)
    expect((await numberRow(buildingId, '+31205551001')).tenantId).toBe(tenants.present.id)
  })

  it('refuses to allocate to a tenant that has moved out (or is not of the building), and changes nothing', async () => {
    const { manager, buildingId, tenants } = await reconciliationBuilding()
    const stranger = await insertTenant(db, (await insertBuilding(db)).id)
    const before = await snapshot(buildingId)
    expect(await refused(actOnDifference({ db, actor: manager, buildingId, input: { action: 'allocate', category: 'activeUnbilled', e164: '020 555 1001', tenantId: tenants.gone.id }, today }))).toEqual({
      tenantId: 'numbers.tenantMovedOut',
    })
    expect(await refused(actOnDifference({ db, actor: manager, buildingId, input: { action: 'allocate', category: 'unallocatedBilled', e164: '020 555 1004', tenantId: tenants.gone.id }, today }))).toEqual({
      tenantId: 'numbers.tenantMovedOut',
    })
    expect(await refused(actOnDifference({ db, actor: manager, buildingId, input: { action: 'allocate', category: 'activeUnbilled', e164: '020 555 1001', tenantId: stranger.id }, today }))).toEqual({
      tenantId: 'field.invalidChoice',
    })
    expect(await snapshot(buildingId)).toEqual(before)
    expect((await report(manager, buildingId)).rows.activeUnbilled.map(shown)).toEqual(expectedRows.activeUnbilled)
  })
})

// ---------------------------------------------------------------------------------------------
// The CSV export

const dutchCategory: Record<ReconciliationCategory, string> = {
  activeUnbilled: 'Actief maar niet gefactureerd',
  billedNotInInventory: 'Gefactureerd maar niet in inventaris',
  billedMovedOutTenant: 'Gefactureerd aan vertrokken huurder',
  allocatedUnbilled: 'Toegewezen maar niet gefactureerd',
  unallocatedBilled: 'Niet toegewezen maar gefactureerd',
  servicesBilledNoNumbers: 'Gefactureerde diensten zonder nummers',
}

/** More active, unbilled, unallocated numbers than the export reads in one batch (2,000). */
const manyNumbers = 2_050

describe('the reconciliation spreadsheet', () => {
  it('in Dutch starts with a BOM, uses ";" and CRLF, Dutch category names, national numbers, the E.164 number as it is, and decimal commas', async () => {
    const { manager, buildingId } = await reconciliationBuilding()
    await actOnDifference({ db, actor: manager, buildingId, input: { action: 'flag', category: 'billedNotInInventory', e164: '020 555 9999' }, today })

    const text = await csvText(manager, buildingId, 'nl')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    const body = text.slice(1)
    expect(body.split('\r\n')[0]).toBe('Soort verschil;Nummer;E.164;Lijn;In handen van;Status;Bedrag;Gemeld bij de carrier')
    const rows: string[][] = parse(body, { delimiter: ';', record_delimiter: '\r\n' })
    // Sorted by kind of difference (its code), then number or line.
    expect(rows.slice(1)).toEqual([
      [dutchCategory.activeUnbilled, '020 555 1001', '+31205551001', 'ISDN-1', '', 'Actief', '', 'Nee'],
      [dutchCategory.allocatedUnbilled, '020 555 1003', '+31205551003', 'ISDN-1', 'Bakkerij Van Dijk BV', 'Actief', '', 'Nee'],
      [dutchCategory.billedMovedOutTenant, '020 555 1002', '+31205551002', 'ISDN-1', 'Drukkerij Oud BV', 'Actief', '', 'Nee'],
      [dutchCategory.billedNotInInventory, '020 555 9999', '+31205559999', '', '', '', '6,50', 'Ja'],
      [dutchCategory.servicesBilledNoNumbers, '', '', 'ISDN2-OUD', '', '', '21,95', 'Nee'],
      [dutchCategory.unallocatedBilled, '020 555 1004', '+31205551004', 'ISDN-1', '', 'Actief', '', 'Nee'],
    ])
  })

  it('holds every row of every category exactly once, also when the report is longer than one batch of the export', async () => {
    const { manager, buildingId, lines } = await reconciliationBuilding()
    await insertNumbers(db, buildingId, lines.sip.id, '+31205554000', manyNumbers, { billed: false })

    const text = await csvText(manager, buildingId, 'nl')
    const rows: string[][] = parse(text.slice(1), { delimiter: ';', record_delimiter: '\r\n' })
    const data = rows.slice(1)
    expect(data.every((r) => r.length === 8)).toBe(true)

    const page = await report(manager, buildingId)
    expect(page.counts).toEqual({ ...oneEach, activeUnbilled: 1 + manyNumbers })
    // Keyed by category and the national number (or the line for a service row).
    const expected = [
      ...reconciliationCategories.filter((c) => c !== 'activeUnbilled').flatMap((c) => page.rows[c].map((r) => `${c} ${r.e164 ? formatNational(r.e164) : r.serviceRef}`)),
      ...['+31205551001', ...Array.from({ length: manyNumbers }, (_, i) => `+${31205554000 + i}`)].map((e164) => `activeUnbilled ${formatNational(e164)}`),
    ]
    const categoryOf = Object.fromEntries(Object.entries(dutchCategory).map(([c, name]) => [name, c]))
    const got = data.map((r) => `${categoryOf[r[0] ?? ''] ?? `? ${r[0]}`} ${r[1] || r[3]}`)
    expect(got).toHaveLength(expected.length)
    expect(new Set(got).size).toBe(got.length)
    expect([...got].sort()).toEqual([...expected].sort())
    for (const r of data) if (r[1]) expect(r[1]).toMatch(/^0\d{2} \d{3} \d{4}$/)
  })

  it('writes a credit as a negative amount with a decimal comma that a spreadsheet reads as a number', async () => {
    const { manager, buildingId } = await reconciliationBuilding({ extraInvoiceLines: ['CREDIT-7;;Creditnota;-12,50'] })
    const text = await csvText(manager, buildingId, 'nl')
    const rows: string[][] = parse(text.slice(1), { delimiter: ';', record_delimiter: '\r\n' })
    expect(rows.find((r) => r[3] === 'CREDIT-7')).toEqual([dutchCategory.servicesBilledNoNumbers, '', '', 'CREDIT-7', '', '', '-12,50', 'Nee'])
  })

  it('in English uses "," and a decimal point, with English category names', async () => {
    const { manager, buildingId } = await reconciliationBuilding()
    const text = await csvText(manager, buildingId, 'en')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const body = text.slice(1)
    expect(body.split('\r\n')[0]).toBe('Kind of difference,Number,E.164,Line,Held by,Status,Amount,Flagged for the carrier')
    const rows: string[][] = parse(body, { delimiter: ',', record_delimiter: '\r\n' })
    expect(rows.slice(1)).toEqual([
      ['Active but unbilled', '020 555 1001', '+31205551001', 'ISDN-1', '', 'Active', '', 'No'],
      ['Allocated but unbilled', '020 555 1003', '+31205551003', 'ISDN-1', 'Bakkerij Van Dijk BV', 'Active', '', 'No'],
      ['Billed to a tenant that moved out', '020 555 1002', '+31205551002', 'ISDN-1', 'Drukkerij Oud BV', 'Active', '', 'No'],
      ['Billed but not in inventory', '020 555 9999', '+31205559999', '', '', '', '6.50', 'No'],
      ['Services billed with no numbers', '', '', 'ISDN2-OUD', '', '', '21.95', 'No'],
      ['Unallocated but billed', '020 555 1004', '+31205551004', 'ISDN-1', '', 'Active', '', 'No'],
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// Who may see and act

/** Calls the CSV route in-process as the given user (a real session cookie). */
async function download(actor: Actor, buildingId: string) {
  const login = await logIn({ db, email: actor.email, password: testPassword, ip: 'unknown' })
  if (!login.ok) throw new Error('login failed')
  const request = new Request(`http://localhost/buildings/${buildingId}/reconciliation.csv`, {
    headers: { Cookie: await commitSessionToken(login.token), 'Accept-Language': 'nl-NL,nl;q=0.9' },
  })
  return csvLoader({ request, params: { buildingId }, context: {} } as never)
}

/** The status of a route answer, thrown (data() or Response) or returned. */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    const answer = await p
    return answer instanceof Response ? answer.status : 200
  } catch (error) {
    if (error instanceof Response) return error.status
    return (error as { init?: { status?: number } }).init?.status ?? 0
  }
}

describe('access to the reconciliation', () => {
  it('is for the facility managers of the building only: another building’s manager finds nothing, tenant and sales users are refused, for the page, the actions and the spreadsheet', async () => {
    const { buildingId, tenants } = await reconciliationBuilding()
    const otherManager = await insertUser(db)
    await insertBuilding(db, {}, [otherManager])
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: tenants.present.id })
    const sales = await insertUser(db, { role: 'sales' })
    await shareBuilding(db, buildingId, sales)
    const before = await snapshot(buildingId)

    const cases: [Actor, typeof NotFoundError | typeof ForbiddenError][] = [
      [otherManager, NotFoundError],
      [tenantUser, ForbiddenError],
      [sales, ForbiddenError],
    ]
    for (const [actor, kind] of cases) {
      expect(await refusal(getReconciliation({ db, actor, buildingId, url: new URL('http://localhost/'), today })), actor.role).toBeInstanceOf(kind)
      expect(await refusal(reconciliationCsv({ db, actor, buildingId, locale: 'nl', today }).next()), actor.role).toBeInstanceOf(kind)
      const actions = [
        { action: 'flag', category: 'billedNotInInventory', e164: '020 555 9999' },
        { action: 'release', category: 'billedMovedOutTenant', e164: '020 555 1002' },
        { action: 'allocate', category: 'activeUnbilled', e164: '020 555 1001', tenantId: tenants.present.id },
      ]
      for (const input of actions) expect(await refusal(actOnDifference({ db, actor, buildingId, input, today })), `${actor.role} ${input.action}`).toBeInstanceOf(kind)
    }
    expect(await snapshot(buildingId)).toEqual(before)
  })

  it('answers the spreadsheet download with a CSV file for the building’s manager, 404 for another manager and 403 for a tenant user', async () => {
    const { manager, buildingId, tenants } = await reconciliationBuilding()
    const otherManager = await insertUser(db)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: tenants.present.id })

    const response = await download(manager, buildingId)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toContain('attachment')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('Soort verschil;Nummer;E.164;Lijn;In handen van;Status;Bedrag;Gemeld bij de carrier')

    expect(await statusOf(download(otherManager, buildingId))).toBe(404)
    expect(await statusOf(download(tenantUser, buildingId))).toBe(403)
  })
})
