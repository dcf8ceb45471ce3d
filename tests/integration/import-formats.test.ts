// Each carrier-file fixture through the whole import (upload → sniff → mapping guess → read into
// staging → checks → dry run), on a building that has the fixtures' lines.
import fs from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { getImportView } from '#app/services/carrier-imports.server.ts'
import type { Database } from '#db/client.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertCarrierBuilding, uploadAndRead, useImportDir } from '#tests/support/imports.ts'

useImportDir()
let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})

const lines = ['ISDN30-0001', 'ISDN30-0002', 'ISDN30-0003', 'SIP-4411', 'SIP-4412', 'SIP-4413', 'ISDN2-0107', 'WLR-0205551010', 'WLR-0205551011', 'WLR-0205556000']

/** An empty building with every line the fixtures name (and a fibre line), on one carrier's contract. */
async function building() {
  const kindOf = (ref: string) => (ref.startsWith('SIP') ? 'sip_trunk' : ref.startsWith('WLR') ? 'pstn' : ref.startsWith('ISDN2') ? 'isdn2' : 'isdn30')
  return insertCarrierBuilding(database.db, [...lines.map((ref) => ({ kind: kindOf(ref), carrierRef: ref }) as const), { kind: 'fiber', carrierRef: 'FIBER-0042' }])
}

async function dryRun(kind: 'inventory' | 'invoice', fixture: string) {
  const { actor, buildingId, carrierId } = await building()
  const content = fs.readFileSync(`tests/fixtures/imports/${fixture}`)
  const jobId = await uploadAndRead(database, actor, buildingId, carrierId, kind, content)
  return getImportView({ db: database.db, actor, buildingId, jobId })
}

describe('carrier files as carriers write them', () => {
  it('reads a Windows-1252, semicolon file with Dutch headers and status words', async () => {
    const view = await dryRun('inventory', 'kpn-semicolon-1252.csv')
    expect(view.job.format).toEqual({ encoding: 'windows-1252', bom: false, delimiter: ';', header: true })
    expect(view.job.headers[4]).toBe('Maandbedrag (€)')
    expect(view.job.mapping).toEqual({ serviceRef: 0, number: 1, status: 2 })
    expect(view.job.badRows).toBe(0)
    const summary = view.job.summary
    if (summary?.kind !== 'inventory') throw new Error('inventory expected')
    expect(summary.counts).toMatchObject({ new: 10, unchanged: 0, missing: 0 })
    const statusOf = (e164: string) => summary.samples.new.find((s) => s.e164 === e164)?.toStatus
    expect(statusOf('+31205551003')).toBe('disconnected')
    expect(statusOf('+31302001001')).toBe('porting_out')
    expect(statusOf('+31302001002')).toBe('ported_out')
  })

  it('reads a UTF-8 file with a byte order mark, commas and English headers; a new number without a line is refused', async () => {
    const view = await dryRun('inventory', 'utf8-bom-comma.csv')
    expect(view.job.format).toEqual({ encoding: 'utf-8', bom: true, delimiter: ',', header: true })
    expect(view.job.headers[0]).toBe('Phone Number')
    expect(view.job.summary?.counts).toMatchObject({ new: 6 })
    expect(view.errors.map((e) => [e.line, e.problem, e.detail])).toEqual([[8, 'row.serviceNeeded', '+31104001236']])
  })

  it('expands blocks written as first and last, first and count, and in one cell', async () => {
    const view = await dryRun('inventory', 'ranges.csv')
    expect(view.job.mapping).toMatchObject({ serviceRef: 0, number: 1, numberLast: 2, count: 3, status: 4 })
    expect(view.job.badRows).toBe(0)
    const summary = view.job.summary
    if (summary?.kind !== 'inventory') throw new Error('inventory expected')
    expect(summary.rows).toBe(8)
    expect(summary.numbers).toBe(100 + 50 + 100 + 10 + 10 + 10 + 1 + 10)
    expect(summary.counts.new).toBe(291)
  })

  it('lists every unreadable row of a messy file with its line, and reads the rest', async () => {
    const view = await dryRun('inventory', 'bad-rows.csv')
    expect(view.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, 'row.numberNotDutch'],
      [4, 'row.numberInvalid'],
      [5, 'row.statusUnknown'],
      [6, 'row.rangeReversed'],
      [9, 'row.numberMissing'],
      [10, 'row.rangeTooLarge'],
      [11, 'row.countInvalid'],
      [13, 'row.rangeInvalid'],
      [14, 'row.numberInvalid'],
      [15, 'row.columnsMissing'],
    ])
    // Line 7 is empty: skipped, not an error. Lines 2, 8, 12 and 16 are good.
    expect(view.job.summary?.counts).toMatchObject({ new: 4 })
  })

  it('reads an invoice with decimal commas, thousands dots, credits and service-only lines', async () => {
    const view = await dryRun('invoice', 'invoice-nl.csv')
    expect(view.job.mapping).toEqual({ serviceRef: 1, number: 2, description: 3, amount: 5 })
    expect(view.errors.map((e) => [e.line, e.problem])).toEqual([
      [10, 'row.amountMissing'],
      [11, 'row.nothingToBill'],
    ])
    const summary = view.job.summary
    if (summary?.kind !== 'invoice') throw new Error('invoice expected')
    expect(summary.totalCents).toBe(24_500 + 2_500 + 123_456 + 1_895 - 948 + 39_900 + 321 - 5_000)
    // 020 555 1000–1099 (1000 and 1010 are inside the block), 030 200 1000 and 010 400 1234: the building has none of them.
    expect(summary.counts).toMatchObject({ serviceLines: 2, unknownNumbers: 102 })
  })

  it('reads quoted cells holding delimiters, doubled quotes and line breaks, counting lines as the file has them', async () => {
    const view = await dryRun('invoice', 'quoted.csv')
    expect(view.job.format.delimiter).toBe(',')
    expect(view.job.badRows).toBe(0)
    const summary = view.job.summary
    if (summary?.kind !== 'invoice') throw new Error('invoice expected')
    expect(summary.rows).toBe(5)
    expect(summary.totalCents).toBe(123_456 + 1_250 - 300 + 4_500 + 725)
  })
})
