// The building inventory report's data: facility managers of the building only. The small parts
// (building, contracts, lines, totals) are read up front, so a refusal or a missing building is
// answered before the download starts; the numbers are read while the document is drawn, one line
// at a time in keyset-paged batches, and collapsed into blocks on the way.
import type { Actor } from '#app/domain/actor.ts'
import { contractTimeline } from '#app/domain/contracts/index.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import { isCriticalUse, type CriticalUse } from '#app/domain/enums.ts'
import { e164Value } from '#app/domain/numbers/index.ts'
import type { CriticalRow, InventoryReport, InventoryService, NumberRun } from '#app/pdf/inventory-report.server.ts'
import type { Db } from '#db/client.ts'
import { countTenantsPresent } from '#db/queries/buildings.ts'
import {
  countReportNumbers,
  listReportContracts,
  listReportNumberBatch,
  listReportServices,
  type ReportNumberRow,
  type ReportNumberSelection,
} from '#db/queries/inventory-report.ts'
import { requireManagedBuilding } from './scope.server.ts'

/** Numbers per query: small enough to keep memory flat, large enough that round trips stay few. */
export const inventoryBatchSize = 1_000

type ReportLine = Awaited<ReturnType<typeof listReportServices>>[number]

/** The inventory report of a building on `asOf`, its numbers as row sources read while drawn. */
export async function getInventoryReport({ db, actor, buildingId, asOf }: { db: Db; actor: Actor; buildingId: string; asOf: IsoDate }): Promise<InventoryReport> {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const [contracts, lines, numberTotals, tenantTotals] = await Promise.all([
    listReportContracts(db, buildingId),
    listReportServices(db, buildingId),
    countReportNumbers(db, buildingId),
    countTenantsPresent(db, buildingId),
  ])
  const services: InventoryService[] = lines.map((l) => ({
    kind: l.kind,
    carrierRef: l.carrierRef,
    contractId: l.contractId,
    mainNumber: l.mainNumber,
    criticalUse: l.criticalUse,
    dedicatedTenantName: l.dedicatedTenantName,
    numberCount: l.numberCount,
  }))
  const withNumbers = lines.filter((l) => l.numberCount > 0)
  const runsOf = (select: ReportNumberSelection) => () => collapseRuns(numbersOfLines(db, buildingId, withNumbers, select))
  return {
    building: { id: building.id, name: building.name, street: building.street, postcode: building.postcode, city: building.city },
    asOf,
    totals: { tenants: tenantTotals.total, numbers: numberTotals.total, unallocated: numberTotals.unallocated, unbilled: numberTotals.unbilled, critical: numberTotals.critical },
    contracts: contracts.map((c) => ({
      ...c,
      timeline: contractTimeline(c, asOf),
      serviceCount: lines.filter((l) => l.contractId === c.id).length,
    })),
    services,
    rows: {
      ranges: runsOf('all'),
      unallocated: runsOf('unallocated'),
      unbilled: runsOf('unbilled'),
      critical: () => criticalRows(db, buildingId, lines),
    },
  }
}

interface LineNumber extends ReportNumberRow {
  line: ReportLine
}

/** The numbers of the given lines, line by line in number order, read in batches. */
async function* numbersOfLines(db: Db, buildingId: string, lines: readonly ReportLine[], select: ReportNumberSelection): AsyncGenerator<LineNumber> {
  for (const line of lines) {
    let after: string | null = null
    for (;;) {
      const batch = await listReportNumberBatch(db, { buildingId, serviceId: line.id, after, limit: inventoryBatchSize, select })
      for (const row of batch) yield { ...row, line }
      if (batch.length < inventoryBatchSize) break
      after = batch[batch.length - 1]!.e164
    }
  }
}

/** Consecutive numbers on one line with the same holder, use, status and billing become one block. */
async function* collapseRuns(numbers: AsyncIterable<LineNumber>): AsyncGenerator<NumberRun & { lineId: string }> {
  let run: (NumberRun & { lineId: string; tenantId: string | null }) | null = null
  for await (const n of numbers) {
    if (
      run &&
      run.lineId === n.line.id &&
      run.tenantId === n.tenantId &&
      run.use === n.use &&
      run.status === n.status &&
      run.billed === n.billed &&
      run.last.length === n.e164.length &&
      e164Value(run.last) + 1 === e164Value(n.e164)
    ) {
      run.last = n.e164
      run.count++
      continue
    }
    if (run) yield run
    run = {
      lineId: n.line.id,
      line: { kind: n.line.kind, carrierRef: n.line.carrierRef },
      first: n.e164,
      last: n.e164,
      count: 1,
      tenantId: n.tenantId,
      holderName: n.holderName,
      use: n.use,
      status: n.status,
      billed: n.billed,
    }
  }
  if (run) yield run
}

/**
 * Critical lines and numbers: every number of a line with a critical use, and numbers elsewhere whose
 * own use is critical; a critical line without numbers (a PIN terminal on a data line) as a row of its own.
 */
async function* criticalRows(db: Db, buildingId: string, lines: readonly ReportLine[]): AsyncGenerator<CriticalRow> {
  for (const line of lines) {
    if (line.numberCount === 0) {
      if (line.criticalUse) yield { line: { kind: line.kind, carrierRef: line.carrierRef }, criticalUse: line.criticalUse, run: null }
      continue
    }
    for await (const run of collapseRuns(numbersOfLines(db, buildingId, [line], line.criticalUse ? 'all' : 'criticalUse'))) {
      const criticalUse: CriticalUse | null = isCriticalUse(run.use) ? run.use : line.criticalUse
      if (criticalUse) yield { line: run.line, criticalUse, run }
    }
  }
}
