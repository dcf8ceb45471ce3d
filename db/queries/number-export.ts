// What the numbers spreadsheet (CSV) reads: a building's numbers with their holder, line and the day
// the holder got them, in keyset-paged batches so a 20,000-number building is never read whole.
// Two parts, each in its own order: the held numbers by holder (legal name, then KvK number, which
// keeps two companies of the same name apart) and number; then the unallocated numbers by number.
import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { numberAllocations, numbers } from '../schema/numbers.ts'
import { services } from '../schema/services.ts'
import { tenants } from '../schema/tenants.ts'
import { numberWhere, type NumberFilter } from './numbers.ts'

const numberColumns = {
  e164: numbers.e164,
  billed: numbers.billed,
  use: numbers.use,
  status: numbers.status,
  serviceKind: services.kind,
  serviceCarrierRef: services.carrierRef,
}

/** Where the previous batch of held numbers ended. */
export interface HeldNumberCursor {
  tenantName: string
  kvkNumber: string
  e164: string
}

/**
 * One batch of the held numbers after `after` (null = from the start), by holder and number, with
 * the day (in the Netherlands, `YYYY-MM-DD`) the open holding began. At most one holding of a number
 * is open (ex_number_allocations_no_overlap), so the join never repeats a number. No index can serve
 * an order on the holder's name; each batch is a top-N sort of the building's held numbers, which
 * keeps memory at one batch.
 */
export async function listHeldNumbersForExport(db: Db, filter: NumberFilter, page: { after: HeldNumberCursor | null; limit: number }) {
  if (filter.tenant === 'none') return []
  const after = page.after
  return db
    .select({
      ...numberColumns,
      tenantName: tenants.legalName,
      tenantKvkNumber: tenants.kvkNumber,
      allocatedOn: sql<string | null>`to_char(${numberAllocations.validFrom} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')`,
    })
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .innerJoin(tenants, eq(tenants.id, numbers.tenantId))
    .leftJoin(
      numberAllocations,
      and(eq(numberAllocations.numberId, numbers.id), eq(numberAllocations.tenantId, numbers.tenantId), isNull(numberAllocations.validTo)),
    )
    .where(
      and(
        numberWhere(filter),
        isNotNull(numbers.tenantId),
        // A row comparison uses the same collation as the ORDER BY, so batches neither skip nor repeat.
        after ? sql`(${tenants.legalName}, ${tenants.kvkNumber}, ${numbers.e164}) > (${after.tenantName}, ${after.kvkNumber}, ${after.e164})` : undefined,
      ),
    )
    .orderBy(asc(tenants.legalName), asc(tenants.kvkNumber), asc(numbers.e164))
    .limit(page.limit)
}

/** One batch of the numbers nobody holds after `after` (E.164; null = from the start), by number. */
export async function listUnallocatedNumbersForExport(db: Db, filter: NumberFilter, page: { after: string | null; limit: number }) {
  if (filter.tenant && filter.tenant !== 'none') return []
  return db
    .select(numberColumns)
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .where(and(numberWhere(filter), isNull(numbers.tenantId), page.after === null ? undefined : gt(numbers.e164, page.after)))
    .orderBy(asc(numbers.e164))
    .limit(page.limit)
}

export type HeldNumberRow = Awaited<ReturnType<typeof listHeldNumbersForExport>>[number]
export type UnallocatedNumberRow = Awaited<ReturnType<typeof listUnallocatedNumbersForExport>>[number]
