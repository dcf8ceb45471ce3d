import { describe, expect, it } from 'vitest'
import { importProgress, isOpenImport, isWorkingImport, importStates } from '#app/domain/imports/jobs.ts'
import { actionsByCategory, allows, needsInvoice, reconciliationCategories } from '#app/domain/imports/reconciliation.ts'

describe('the progress of an import', () => {
  const start = Date.parse('2026-12-06T10:00:00Z')

  it('tells how far through the file a read is, its rate and the time left at that rate', () => {
    const p = importProgress({ state: 'parsing', rowsDone: 200_000, bytesDone: 5_000_000, bytesTotal: 20_000_000, phaseStartedAt: start, now: start + 4_000 })
    expect(p.fraction).toBe(0.25)
    expect(p.rowsPerSecond).toBe(50_000)
    expect(p.secondsLeft).toBe(12)
    expect(p.elapsedSeconds).toBe(4)
  })

  it('gives no rate or time left in the first second, rather than a wild guess', () => {
    const p = importProgress({ state: 'parsing', rowsDone: 10, bytesDone: 100, bytesTotal: 1_000, phaseStartedAt: start, now: start + 500 })
    expect(p.rowsPerSecond).toBeNull()
    expect(p.secondsLeft).toBeNull()
    expect(p.fraction).toBe(0.1)
  })

  it('never passes the end of the file', () => {
    expect(importProgress({ state: 'parsing', rowsDone: 10, bytesDone: 2_000, bytesTotal: 1_000, phaseStartedAt: start, now: start + 2_000 }).fraction).toBe(1)
    expect(importProgress({ state: 'parsing', rowsDone: 0, bytesDone: 0, bytesTotal: 0, phaseStartedAt: null, now: start }).fraction).toBe(0)
  })

  it('has no fraction while applying: the merge is one transaction', () => {
    const p = importProgress({ state: 'applying', rowsDone: 1_000, bytesDone: 1_000, bytesTotal: 1_000, phaseStartedAt: start, now: start + 3_000 })
    expect(p.fraction).toBeNull()
    expect(p.elapsedSeconds).toBe(3)
  })

  it('knows which states hold the building and which the worker picks up', () => {
    expect(importStates.filter(isOpenImport)).toEqual(['mapping', 'parsing', 'ready', 'applying'])
    expect(importStates.filter(isWorkingImport)).toEqual(['parsing', 'applying'])
  })
})

describe('reconciliation actions', () => {
  it.each([
    ['activeUnbilled', ['allocate', 'release', 'flag']],
    ['billedNotInInventory', ['flag']],
    ['billedMovedOutTenant', ['release', 'flag']],
    ['allocatedUnbilled', ['release', 'flag']],
    ['unallocatedBilled', ['allocate', 'release', 'flag']],
    ['servicesBilledNoNumbers', ['flag']],
  ] as const)('%s allows %j', (category, actions) => {
    expect(actionsByCategory[category]).toEqual(actions)
    for (const action of ['allocate', 'release', 'flag'] as const) expect(allows(category, action)).toBe((actions as readonly string[]).includes(action))
  })

  it('every category can be flagged for the carrier, and only the invoice-based ones need an invoice', () => {
    expect(reconciliationCategories.every((c) => allows(c, 'flag'))).toBe(true)
    expect(reconciliationCategories.filter(needsInvoice)).toEqual(['billedNotInInventory', 'servicesBilledNoNumbers'])
  })
})
