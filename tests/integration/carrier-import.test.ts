import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, ValidationError } from '#app/server/errors.server.ts'
import { storeUpload, UploadTooLargeError } from '#app/server/import-files.server.ts'
import { cancelImport, getImportView, importErrorReport, requestImportApply, retryImport, runImportWork, submitImportMapping } from '#app/services/carrier-imports.server.ts'
import type { Database } from '#db/client.ts'
import { getImportJob } from '#db/queries/imports.ts'
import { auditLog, importChanges, importRows, migrationRequests, numberRanges, numbers, requestNumbers, services } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertNumbers, insertTenant, insertUser } from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'
import { insertCarrierBuilding, upload, uploadAndRead, uploadRequest, useImportDir } from '#tests/support/imports.ts'

const importDir = useImportDir()
let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})

/**
 * A building with two voice lines on one carrier's contract: ISDN-1 holds 020 555 1000–1009 (1000–1004
 * held by a tenant), SIP-1 holds 020 555 2000–2001, and a data line FIBER-1.
 */
async function building() {
  const db = database.db
  const { actor, buildingId, carrierId, services } = await insertCarrierBuilding(db, [
    { kind: 'isdn30', carrierRef: 'ISDN-1' },
    { kind: 'sip_trunk', carrierRef: 'SIP-1' },
    { kind: 'fiber', carrierRef: 'FIBER-1' },
  ])
  const b = { id: buildingId }
  const carrier = { id: carrierId }
  const isdn = services['ISDN-1']!
  const sip = services['SIP-1']!
  const tenant = await insertTenant(db, b.id, { legalName: 'Bakkerij Van Dijk BV' })
  await insertNumbers(db, b.id, isdn.id, '+31205551000', 5, { tenantId: tenant.id })
  await insertNumbers(db, b.id, isdn.id, '+31205551005', 5)
  await insertNumbers(db, b.id, sip.id, '+31205552000', 2)
  return { actor, buildingId: b.id, carrierId: carrier.id, tenant, isdn, sip }
}

/** Every number of the building as "e164 service status billed holder", sorted: the inventory's fingerprint. */
async function inventory(buildingId: string) {
  const rows = await database.db
    .select({ e164: numbers.e164, ref: services.carrierRef, status: numbers.status, billed: numbers.billed, tenantId: numbers.tenantId })
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .where(eq(numbers.buildingId, buildingId))
    .orderBy(asc(numbers.e164))
  return rows.map((r) => `${r.e164} ${r.ref} ${r.status} ${r.billed ? 'billed' : 'unbilled'} ${r.tenantId ? 'held' : 'free'}`)
}

const semicolonFile = [
  'Nummer;Aansluiting;Status',
  '020-5551000;ISDN-1;Actief',
  '020 555 1001;ISDN-1;Actief',
  '0205551002;SIP-1;Actief', // moves to another line
  '+31 20 555 1003;ISDN-1;Opgezegd', // status change
  // 1004–1009 and 2001 are missing from the file
  '020 555 2000;SIP-1;Actief',
  '"020 555 3000 t/m 020 555 3002";SIP-1;Actief', // a new block of three
  '020 555 4000;SIP-1;', // new, status empty = active
].join('\r\n')

describe('an inventory import', () => {
  it('shows a dry run with every kind of difference, counted and sampled, and changes nothing until applied', async () => {
    const { actor, buildingId, carrierId } = await building()
    const before = await inventory(buildingId)
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.job.state).toBe('ready')
    expect(view.job.format).toMatchObject({ delimiter: ';', encoding: 'utf-8', header: true })
    expect(view.job.badRows).toBe(0)
    const summary = view.job.summary
    if (summary?.kind !== 'inventory') throw new Error('inventory dry run expected')
    expect(summary.rows).toBe(7)
    expect(summary.numbers).toBe(9)
    expect(summary.counts).toEqual({ new: 4, serviceChanged: 1, statusChanged: 1, missing: 7, unchanged: 3 })
    expect(summary.samples.serviceChanged).toEqual([{ e164: '+31205551002', fromService: 'ISDN-1', toService: 'SIP-1', fromStatus: 'active', toStatus: 'active', line: 4 }])
    expect(summary.samples.statusChanged[0]).toMatchObject({ e164: '+31205551003', fromStatus: 'active', toStatus: 'disconnected', line: 5 })
    expect(summary.samples.new.map((s) => s.e164)).toEqual(['+31205553000', '+31205553001', '+31205553002', '+31205554000'])
    expect(summary.samples.missing.map((s) => s.e164)).toContain('+31205552001')
    expect(await inventory(buildingId)).toEqual(before)
  })

  it('applies the dry run in one go: new numbers in blocks, moves, status changes, missing numbers disconnected, each change recorded', async () => {
    const { actor, buildingId, carrierId, sip } = await building()
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    const stored = (await getImportJob(database.db, { buildingId, jobId }))?.storedFile ?? ''
    expect(fs.existsSync(path.join(importDir, stored))).toBe(true)
    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes' } })
    expect((await getImportView({ db: database.db, actor, buildingId, jobId })).job.state).toBe('applying')
    const done = await runImportWork({ database })
    expect((await getImportView({ db: database.db, actor, buildingId, jobId })).job.error).toBeNull()
    expect(done).toEqual([{ jobId, outcome: 'applied' }])

    const after = await inventory(buildingId)
    expect(after).toContain('+31205551002 SIP-1 active billed held')
    expect(after).toContain('+31205551003 ISDN-1 disconnected billed held')
    expect(after).toContain('+31205551004 ISDN-1 disconnected billed held')
    expect(after).toContain('+31205552001 SIP-1 disconnected billed free')
    expect(after).toContain('+31205551000 ISDN-1 active billed held')
    expect(after).toContain('+31205553001 SIP-1 active unbilled free')
    expect(after).toContain('+31205554000 SIP-1 active unbilled free')
    // The new numbers came in as blocks of consecutive numbers: 3000–3002 and 4000.
    const ranges = await database.db
      .select({ first: numberRanges.firstE164, count: numberRanges.count })
      .from(numberRanges)
      .where(and(eq(numberRanges.buildingId, buildingId), eq(numberRanges.serviceId, sip.id)))
      .orderBy(asc(numberRanges.firstE164))
    expect(ranges).toEqual([
      { first: '+31205552000', count: 2 },
      { first: '+31205553000', count: 3 },
      { first: '+31205554000', count: 1 },
    ])
    const changes = await database.db.select({ e164: importChanges.e164, change: importChanges.change, before: importChanges.before, after: importChanges.after }).from(importChanges).where(eq(importChanges.jobId, jobId))
    expect(changes).toContainEqual({ e164: '+31205551002', change: 'serviceChanged', before: 'ISDN-1', after: 'SIP-1' })
    expect(changes).toContainEqual({ e164: '+31205551003', change: 'statusChanged', before: 'active', after: 'disconnected' })
    expect(changes.filter((c) => c.change === 'missing')).toHaveLength(7)
    expect(changes.filter((c) => c.change === 'new')).toHaveLength(4)
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, jobId), sql`${auditLog.summary} like 'applied%'`))
    expect(audit?.actorEmail).toBe(actor.email)
    expect(audit?.after).toMatchObject({ state: 'applied', changes: { new: 4, serviceChanged: 1, statusChanged: 1, missing: 7 } })
    // The stored upload is gone once applied.
    expect(fs.existsSync(path.join(importDir, stored))).toBe(false)
  })

  it('leaves numbers missing from the file alone when the user unticks "mark missing"', async () => {
    const { actor, buildingId, carrierId } = await building()
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile, { markMissing: '' })
    // The dry run says so: the missing numbers are listed as keeping their status.
    const summary = (await getImportView({ db: database.db, actor, buildingId, jobId })).job.summary
    if (summary?.kind !== 'inventory') throw new Error('inventory dry run expected')
    expect(summary.markMissing).toBe(false)
    expect(summary.samples.missing.find((s) => s.e164 === '+31205552001')).toMatchObject({ fromStatus: 'active', toStatus: 'active' })
    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes' } })
    await runImportWork({ database })
    expect(await inventory(buildingId)).toContain('+31205552001 SIP-1 active billed free')
  })

  it('reads a Windows-1252 file with a BOM-less semicolon layout and Dutch words', async () => {
    const { actor, buildingId, carrierId } = await building()
    const text = 'Telefoonnummer;Lijn;Status\r\n020-5551000;ISDN-1;Beëindigd\r\n'
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', Buffer.from(text, 'latin1'), { markMissing: '' })
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.job.format.encoding).toBe('windows-1252')
    expect(view.job.summary?.counts).toMatchObject({ statusChanged: 1 })
  })

  it('lists rows it cannot read with their line and reason, and applies nothing until they are excluded explicitly', async () => {
    const { actor, buildingId, carrierId } = await building()
    const file = ['Nummer;Aansluiting;Status', '020 555 1000;ISDN-1;Actief', '+32 2 555 12 12;ISDN-1;Actief', '020 555 1001;ISDN-9;Actief', 'hallo;ISDN-1;Actief', '020 555 1002;FIBER-1;Actief', '020 555 1000;ISDN-1;Actief', '020 555 1003;ISDN-1;Misschien'].join('\n')
    const before = await inventory(buildingId)
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', file, { markMissing: '' })
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.job.badRows).toBe(6)
    expect(view.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, 'row.numberNotDutch'],
      [4, 'row.serviceUnknown'],
      [5, 'row.numberInvalid'],
      [6, 'row.serviceNotVoice'],
      [7, 'row.duplicate'],
      [8, 'row.statusUnknown'],
    ])
    expect(await refused(requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes' } }))).toEqual({ excludeBadRows: 'imports.badRowsBlock' })
    expect((await getImportView({ db: database.db, actor, buildingId, jobId })).job.state).toBe('ready')

    const lines: string[] = []
    for await (const chunk of importErrorReport({ db: database.db, actor, buildingId, jobId, locale: 'nl' })) lines.push(chunk)
    const report = lines.join('')
    expect(report.startsWith('\uFEFFRegel;Probleem;Waarde;Regel zoals gelezen\r\n')).toBe(true)
    const line5 = report.split('\r\n').find((l) => l.startsWith('5;'))
    expect(line5).toMatch(/^5;[^;]+;hallo;"hallo;ISDN-1;Actief"$/)
    expect(report.split('\r\n').filter((l) => l !== '')).toHaveLength(7)

    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes', excludeBadRows: 'on' } })
    await runImportWork({ database })
    expect(await inventory(buildingId)).toEqual(before)
  })

  it('never marks a number missing because its line could not be read', async () => {
    const { actor, buildingId, carrierId } = await building()
    // Every number of the building is listed; 1001's status is a typo and 1002 is on an unknown line.
    const listed = ['Nummer;Aansluiting;Status', '020 555 1000;ISDN-1;Actief', '020 555 1001;ISDN-1;Aktief', '020 555 1002;ISDN-7;Actief']
    for (let n = 1003; n <= 1009; n++) listed.push(`020 555 ${n};ISDN-1;Actief`)
    listed.push('020 555 2000;SIP-1;Actief', '020 555 2001;SIP-1;Actief')
    const before = await inventory(buildingId)
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', listed.join('\n'))
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, 'row.statusUnknown'],
      [4, 'row.serviceUnknown'],
    ])
    expect(view.job.summary?.counts).toMatchObject({ missing: 0, unchanged: 10 })
    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes', excludeBadRows: 'on' } })
    await runImportWork({ database })
    expect(await inventory(buildingId)).toEqual(before)
  })

  it('reads the file again instead of merging when the staged rows are no longer what the dry run counted', async () => {
    const { actor, buildingId, carrierId } = await building()
    const before = await inventory(buildingId)
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes' } })
    // As after a crash that emptied the staging table: merging this would mark every number missing.
    await database.db.execute(sql`delete from import_rows where job_id = ${jobId}`)
    expect(await runImportWork({ database })).toEqual([{ jobId, outcome: 'reread' }])
    expect(await inventory(buildingId)).toEqual(before)
    expect((await getImportView({ db: database.db, actor, buildingId, jobId })).job.state).toBe('parsing')
    await runImportWork({ database })
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.job.state).toBe('ready')
    expect(view.job.summary?.counts).toMatchObject({ new: 4, missing: 7 })
  })

  it('leaves a number an open migration request holds to that request: not moved, no new status, never missing', async () => {
    const { actor, buildingId, carrierId, tenant } = await building()
    // The tenant's request holds 020 555 1002 (which the file moves to SIP-1) and 1004 (missing from the file).
    const [request] = await database.db.insert(migrationRequests).values({ buildingId, tenantId: tenant.id, state: 'submitted', request: {} }).returning()
    const held = await database.db.select({ id: numbers.id, e164: numbers.e164 }).from(numbers).where(and(eq(numbers.buildingId, buildingId), inArray(numbers.e164, ['+31205551002', '+31205551004'])))
    await database.db.insert(requestNumbers).values(held.map((n) => ({ buildingId, requestId: request!.id, numberId: n.id, e164: n.e164 })))
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.errors.map((e) => [e.line, e.problem, e.detail])).toEqual([[4, 'row.numberReserved', '+31205551002']])
    const summary = view.job.summary
    if (summary?.kind !== 'inventory') throw new Error('inventory dry run expected')
    expect(summary.counts).toMatchObject({ serviceChanged: 0, missing: 6 })
    expect(summary.samples.missing.map((m) => m.e164)).not.toContain('+31205551004')
    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes', excludeBadRows: 'on' } })
    await runImportWork({ database })
    const after = await inventory(buildingId)
    expect(after).toContain('+31205551002 ISDN-1 active billed held')
    expect(after).toContain('+31205551004 ISDN-1 active billed held')
  })

  it('asks for confirmation before applying', async () => {
    const { actor, buildingId, carrierId } = await building()
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    expect(await refused(requestImportApply({ db: database.db, actor, buildingId, jobId, input: {} }))).toEqual({ confirm: 'imports.confirmRequired' })
  })

  it('changes nothing when the merge fails halfway, and says why', async () => {
    const { actor, buildingId, carrierId, sip } = await building()
    const before = await inventory(buildingId)
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    // After the dry run someone registers a block over 020 555 3000–3009 without numbers: the new
    // numbers' block then overlaps it, which the database refuses — after the moves were made.
    await database.db.insert(numberRanges).values({ buildingId, serviceId: sip.id, firstE164: '+31205553000', firstValue: 31205553000, count: 10 })
    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes' } })
    expect(await runImportWork({ database })).toEqual([{ jobId, outcome: 'failed' }])
    expect(await inventory(buildingId)).toEqual(before)
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.job.state).toBe('failed')
    expect(view.job.error).toMatch(/ex_number_ranges_no_overlap|conflicting key|exclusion/i)
    expect(await database.db.select().from(importChanges).where(eq(importChanges.jobId, jobId))).toEqual([])

    // Once the conflict is gone, trying again returns to the same dry run, and applying works.
    await database.db.delete(numberRanges).where(and(eq(numberRanges.buildingId, buildingId), eq(numberRanges.firstE164, '+31205553000')))
    expect(await retryImport({ db: database.db, actor, buildingId, jobId })).toEqual({ state: 'ready' })
    await requestImportApply({ db: database.db, actor, buildingId, jobId, input: { confirm: 'yes' } })
    expect(await runImportWork({ database })).toEqual([{ jobId, outcome: 'applied' }])
    expect(await inventory(buildingId)).toContain('+31205553001 SIP-1 active unbilled free')
  })
})

describe('the mapping step', () => {
  /** A comma file whose headers no guess recognises, so only a saved mapping can map it. */
  const oddHeaders = ['Tel,Kabel,Toestand', '020 555 1000,ISDN-1,Actief', '020 555 1001,ISDN-1,Actief'].join('\n')
  const mapOdd = { intent: 'start', delimiter: 'comma', encoding: 'utf-8', header: 'yes', 'col.number': '0', 'col.serviceRef': '1', 'col.status': '2' }

  it("remembers a carrier's mapping and uses it for the carrier's next file with the same columns", async () => {
    const { actor, buildingId, carrierId } = await building()
    const first = await upload(database, actor, buildingId, carrierId, 'inventory', 'one.csv', oddHeaders)
    expect((await getImportView({ db: database.db, actor, buildingId, jobId: first })).job.mapping).toEqual({})
    await submitImportMapping({ db: database.db, actor, buildingId, jobId: first, input: { ...mapOdd, saveForCarrier: 'on' } })
    await cancelImport({ db: database.db, actor, buildingId, jobId: first })

    const next = await upload(database, actor, buildingId, carrierId, 'inventory', 'two.csv', oddHeaders)
    expect((await getImportView({ db: database.db, actor, buildingId, jobId: next })).job.mapping).toEqual({ number: 0, serviceRef: 1, status: 2 })
    // A file of the same carrier with other columns gets a guess instead.
    await cancelImport({ db: database.db, actor, buildingId, jobId: next })
    const other = await upload(database, actor, buildingId, carrierId, 'inventory', 'three.csv', 'Nummer,Aansluiting\n020 555 1000,ISDN-1')
    expect((await getImportView({ db: database.db, actor, buildingId, jobId: other })).job.mapping).toEqual({ number: 0, serviceRef: 1 })
    const [saved] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'import_mapping'), eq(auditLog.buildingId, buildingId)))
    expect(saved?.after).toMatchObject({ state: 'saved', mapping: { number: 0, serviceRef: 1, status: 2 } })
  })

  it('reads the head again with the delimiter the user chooses, and guesses the columns anew', async () => {
    const { actor, buildingId, carrierId } = await building()
    // Semicolons inside a comma file: the sniffer takes ';', the user knows better.
    const jobId = await upload(database, actor, buildingId, carrierId, 'inventory', 'c.csv', 'Nummer,Aansluiting;extra\n020 555 1000,ISDN-1;x\n020 555 1001,ISDN-1;y')
    await submitImportMapping({ db: database.db, actor, buildingId, jobId, input: { intent: 'preview', delimiter: 'comma', encoding: 'utf-8', header: 'yes' } })
    const view = await getImportView({ db: database.db, actor, buildingId, jobId })
    expect(view.job.state).toBe('mapping')
    expect(view.job.format.delimiter).toBe(',')
    expect(view.job.headers).toEqual(['Nummer', 'Aansluiting;extra'])
    expect(view.job.preview[0]).toEqual(['020 555 1000', 'ISDN-1;x'])
    expect(view.job.mapping).toEqual({ number: 0 })
  })

  it('refuses a mapping without a number column and keeps the import at the mapping step', async () => {
    const { actor, buildingId, carrierId } = await building()
    const jobId = await upload(database, actor, buildingId, carrierId, 'inventory', 'd.csv', oddHeaders)
    const error = await refused(submitImportMapping({ db: database.db, actor, buildingId, jobId, input: { ...mapOdd, 'col.number': '' } }))
    expect(error).toEqual({ 'col.number': 'mapping.numberRequired' })
    expect((await getImportView({ db: database.db, actor, buildingId, jobId })).job.state).toBe('mapping')
  })

  it('stops a read that is cancelled before the worker gets to it, leaving nothing staged', async () => {
    const { actor, buildingId, carrierId } = await building()
    const jobId = await upload(database, actor, buildingId, carrierId, 'inventory', 'e.csv', oddHeaders)
    await submitImportMapping({ db: database.db, actor, buildingId, jobId, input: mapOdd })
    await cancelImport({ db: database.db, actor, buildingId, jobId })
    expect(await runImportWork({ database })).toEqual([])
    expect(await database.db.select().from(importRows).where(eq(importRows.jobId, jobId))).toEqual([])
    expect((await getImportView({ db: database.db, actor, buildingId, jobId })).job.state).toBe('cancelled')
  })
})

describe('import limits', () => {
  it('takes one import per building at a time: a second upload is refused with a clear message and its file removed', async () => {
    const { actor, buildingId, carrierId } = await building()
    await upload(database, actor, buildingId, carrierId, 'inventory', 'first.csv', semicolonFile)
    const filesBefore = fs.readdirSync(importDir).length
    const error = await refused(upload(database, actor, buildingId, carrierId, 'invoice', 'second.csv', semicolonFile))
    expect(error).toEqual({ _form: 'imports.anotherOpen' })
    expect(fs.readdirSync(importDir)).toHaveLength(filesBefore)
  })

  it('lets exactly one of two uploads made at the same moment through', async () => {
    const { actor, buildingId, carrierId } = await building()
    const results = await Promise.allSettled([
      upload(database, actor, buildingId, carrierId, 'inventory', 'a.csv', semicolonFile),
      upload(database, actor, buildingId, carrierId, 'inventory', 'b.csv', semicolonFile),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failure = results.find((r) => r.status === 'rejected')
    expect(failure?.status === 'rejected' && failure.reason instanceof ValidationError ? failure.reason.fields._form?.key : null).toBe('imports.anotherOpen')
  })

  it('refuses a file larger than the limit before reading it, and one that turns out larger while streaming', async () => {
    const big = 'Nummer\n' + '020 555 1000\n'.repeat(2_000)
    const request = uploadRequest({ kind: 'inventory' }, { name: 'big.csv', content: big })
    await expect(storeUpload(request, 10_000)).rejects.toBeInstanceOf(UploadTooLargeError)
    // Without a Content-Length (chunked) the stream is cut off at the limit.
    const again = uploadRequest({ kind: 'inventory' }, { name: 'big.csv', content: big })
    const chunked = new Request('http://localhost/', {
      method: 'POST',
      headers: { 'content-type': again.headers.get('content-type') ?? '' },
      body: again.body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' })
    expect(chunked.headers.get('content-length')).toBeNull()
    const filesBefore = fs.readdirSync(importDir).length
    await expect(storeUpload(chunked, 10_000)).rejects.toBeInstanceOf(UploadTooLargeError)
    expect(fs.readdirSync(importDir)).toHaveLength(filesBefore)
  })

  it('cancels an import before it is applied, freeing the building for the next', async () => {
    const { actor, buildingId, carrierId } = await building()
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    await cancelImport({ db: database.db, actor, buildingId, jobId })
    expect((await getImportView({ db: database.db, actor, buildingId, jobId })).job.state).toBe('cancelled')
    await upload(database, actor, buildingId, carrierId, 'inventory', 'again.csv', semicolonFile)
  })

  it('is for the facility managers of the building only', async () => {
    const { actor, buildingId, carrierId, tenant } = await building()
    const jobId = await uploadAndRead(database, actor, buildingId, carrierId, 'inventory', semicolonFile)
    const other = await insertUser(database.db)
    const tenantUser: Actor = await insertUser(database.db, { role: 'tenant', tenantId: tenant.id })
    await expect(getImportView({ db: database.db, actor: other, buildingId, jobId })).rejects.toThrow(/not found/)
    await expect(getImportView({ db: database.db, actor: tenantUser, buildingId, jobId })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(requestImportApply({ db: database.db, actor: other, buildingId, jobId, input: { confirm: 'yes' } })).rejects.toThrow(/not found/)
  })
})
