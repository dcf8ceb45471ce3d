// What the building inventory report reads: the running contracts and lines with their counts, and
// the numbers of one line in keyset-paged batches (a 20,000-number building is never read whole).
// Lines that moved to another provider (ended) and their numbers are history, not inventory.
import { and, asc, count, eq, gt, isNull, notInArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { numbers } from '../schema/numbers.ts'
import { services } from '../schema/services.ts'
import { tenants } from '../schema/tenants.ts'
import { contractColumns } from './contracts.ts'
import { serviceColumns } from './services.ts'

/** The running contracts with carrier and holder name. */
export async function listReportContracts(db: Db, buildingId: string) {
  return db
    .select({ ...contractColumns, carrierName: carriers.name, holderName: tenants.legalName })
    .from(contracts)
    .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
    .leftJoin(tenants, eq(tenants.id, contracts.holderTenantId))
    .where(and(eq(contracts.buildingId, buildingId), isNull(contracts.endedOn)))
    .orderBy(asc(carriers.name), asc(contracts.contractNumber))
}

/** The running lines in the report's order (by carrier id), with how many numbers each carries. */
export async function listReportServices(db: Db, buildingId: string) {
  return db
    .select({
      ...serviceColumns,
      dedicatedTenantName: tenants.legalName,
      numberCount: sql<number>`(select count(*) from ${numbers} where ${numbers.serviceId} = ${services}.${sql.identifier('id')})`.mapWith(Number),
    })
    .from(services)
    .leftJoin(tenants, eq(tenants.id, services.dedicatedTenantId))
    .where(and(eq(services.buildingId, buildingId), isNull(services.endedOn)))
    .orderBy(asc(services.carrierRef))
}

/** A number's use that makes it critical by itself (lift alarm, fire alarm, …): anything but tenant or common. */
const criticalNumberUse = notInArray(numbers.use, ['tenant', 'common'])

/** Totals over the numbers on running lines: all, unallocated, unbilled, critical (by their own use or their line's). */
export async function countReportNumbers(db: Db, buildingId: string) {
  const [row] = await db
    .select({
      total: count(),
      unallocated: sql<number>`count(*) filter (where ${numbers.tenantId} is null)`.mapWith(Number),
      unbilled: sql<number>`count(*) filter (where not ${numbers.billed})`.mapWith(Number),
      critical: sql<number>`count(*) filter (where ${criticalNumberUse} or ${services.criticalUse} is not null)`.mapWith(Number),
    })
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .where(and(eq(numbers.buildingId, buildingId), isNull(services.endedOn)))
  return row ?? { total: 0, unallocated: 0, unbilled: 0, critical: 0 }
}

/** Which numbers of a line a batch holds: all, nobody's, billed to nobody, or critical by their own use. */
export type ReportNumberSelection = 'all' | 'unallocated' | 'unbilled' | 'criticalUse'

const selections: Record<ReportNumberSelection, SQL | undefined> = {
  all: undefined,
  unallocated: isNull(numbers.tenantId),
  unbilled: eq(numbers.billed, false),
  criticalUse: criticalNumberUse,
}

/**
 * One batch of a line's numbers after `after` (E.164; null = from the start), in number order, with
 * the holder's name. Keyset paging over uq_numbers_service_e164: each batch is one index range scan,
 * however far into the line it starts.
 */
export async function listReportNumberBatch(
  db: Db,
  params: { buildingId: string; serviceId: string; after: string | null; limit: number; select: ReportNumberSelection },
) {
  return db
    .select({
      e164: numbers.e164,
      tenantId: numbers.tenantId,
      holderName: tenants.legalName,
      billed: numbers.billed,
      use: numbers.use,
      status: numbers.status,
    })
    .from(numbers)
    .leftJoin(tenants, eq(tenants.id, numbers.tenantId))
    .where(
      and(
        eq(numbers.buildingId, params.buildingId),
        eq(numbers.serviceId, params.serviceId),
        params.after === null ? undefined : gt(numbers.e164, params.after),
        selections[params.select],
      ),
    )
    .orderBy(asc(numbers.e164))
    .limit(params.limit)
}

export type ReportNumberRow = Awaited<ReturnType<typeof listReportNumberBatch>>[number]
