import { and, asc, count, desc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm'
import type { NumberStatus, NumberUse } from '#app/domain/enums.ts'
import { batches } from '../batches.ts'
import type { Db } from '../client.ts'
import { numberAllocations, numberRanges, numbers } from '../schema/numbers.ts'
import { services } from '../schema/services.ts'
import { tenants } from '../schema/tenants.ts'

export type NewNumberRange = typeof numberRanges.$inferInsert
export type NewNumber = typeof numbers.$inferInsert
export type NewNumberAllocation = typeof numberAllocations.$inferInsert


// ---------------------------------------------------------------------------------------------
// Choices for forms and filters

/** The building's services (voice and data) for the service select and filter. */
export async function listServiceChoices(db: Db, buildingId: string) {
  return db
    .select({ id: services.id, kind: services.kind, carrierRef: services.carrierRef })
    .from(services)
    .where(eq(services.buildingId, buildingId))
    .orderBy(asc(services.carrierRef))
}

/** One service of the building, or null when it does not exist there. */
export async function getServiceChoice(db: Db, params: { buildingId: string; serviceId: string }) {
  const [row] = await db
    .select({ id: services.id, kind: services.kind, carrierRef: services.carrierRef })
    .from(services)
    .where(and(eq(services.buildingId, params.buildingId), eq(services.id, params.serviceId)))
  return row ?? null
}

/** The building's tenants, moved-out ones included (they still appear as holders). */
export async function listTenantChoices(db: Db, buildingId: string) {
  return db
    .select({ id: tenants.id, legalName: tenants.legalName, moveOut: tenants.moveOut })
    .from(tenants)
    .where(eq(tenants.buildingId, buildingId))
    .orderBy(asc(tenants.legalName))
}

/** One tenant of the building, or null when it does not exist there. */
export async function getTenantChoice(db: Db, params: { buildingId: string; tenantId: string }) {
  const [row] = await db
    .select({ id: tenants.id, legalName: tenants.legalName, moveOut: tenants.moveOut })
    .from(tenants)
    .where(and(eq(tenants.buildingId, params.buildingId), eq(tenants.id, params.tenantId)))
  return row ?? null
}

// ---------------------------------------------------------------------------------------------
// Adding blocks

export async function insertNumberRange(db: Db, values: NewNumberRange) {
  const [row] = await db
    .insert(numberRanges)
    .values(values)
    .returning({ id: numberRanges.id, firstE164: numberRanges.firstE164, count: numberRanges.count })
  if (!row) throw new Error('insert returned no row')
  return row
}

/** Multi-row insert of numbers, in batches (see db/batches.ts). */
export async function insertNumberRows(db: Db, rows: readonly NewNumber[]) {
  const out: { id: string; e164: string }[] = []
  for (const batch of batches(rows)) {
    out.push(...(await db.insert(numbers).values(batch).returning({ id: numbers.id, e164: numbers.e164 })))
  }
  return out
}

/** Opens holdings (valid_from defaults to the transaction's now()), in batches. */
export async function insertNumberAllocations(db: Db, rows: readonly Omit<NewNumberAllocation, 'validFrom' | 'validTo'>[]) {
  for (const batch of batches(rows)) await db.insert(numberAllocations).values(batch)
}

// ---------------------------------------------------------------------------------------------
// Listing

export interface NumberFilter {
  buildingId: string
  /** From numberSearchPattern: an E.164 prefix or digits anywhere in the number. */
  search?: { kind: 'prefix' | 'contains'; digits: string } | null
  serviceId?: string
  /** A tenant id, or 'none' for numbers nobody holds. */
  tenant?: string
  billed?: boolean
  use?: NumberUse
  status?: NumberStatus
}

export function numberWhere(f: NumberFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(numbers.buildingId, f.buildingId)]
  // The pattern holds only '+' and digits, so nothing needs LIKE escaping.
  if (f.search) parts.push(like(numbers.e164, f.search.kind === 'prefix' ? `${f.search.digits}%` : `%${f.search.digits}%`))
  if (f.serviceId) parts.push(eq(numbers.serviceId, f.serviceId))
  if (f.tenant === 'none') parts.push(isNull(numbers.tenantId))
  else if (f.tenant) parts.push(eq(numbers.tenantId, f.tenant))
  if (f.billed !== undefined) parts.push(eq(numbers.billed, f.billed))
  if (f.use) parts.push(eq(numbers.use, f.use))
  if (f.status) parts.push(eq(numbers.status, f.status))
  return and(...parts)
}

/**
 * One page of the building's numbers with service and holder names, sorted by number (the
 * uq_numbers_building_e164 index serves the order); and the total.
 */
export async function listNumbers(db: Db, f: NumberFilter, page: { limit: number; offset: number }) {
  const where = numberWhere(f)
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: numbers.id,
        e164: numbers.e164,
        billed: numbers.billed,
        use: numbers.use,
        status: numbers.status,
        serviceId: numbers.serviceId,
        serviceKind: services.kind,
        serviceCarrierRef: services.carrierRef,
        tenantId: numbers.tenantId,
        tenantName: tenants.legalName,
      })
      .from(numbers)
      .innerJoin(services, eq(services.id, numbers.serviceId))
      .leftJoin(tenants, eq(tenants.id, numbers.tenantId))
      .where(where)
      .orderBy(asc(numbers.e164))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(numbers).where(where),
  ])
  return { rows, total: total?.n ?? 0 }
}

// ---------------------------------------------------------------------------------------------
// Selecting numbers for a bulk change (rows locked until the transaction ends)

const holdingColumns = {
  id: numbers.id,
  e164: numbers.e164,
  tenantId: numbers.tenantId,
  tenantName: tenants.legalName,
}

/** The given numbers of the building, locked for update. Ids not in the building are simply absent. */
export async function lockNumbersById(db: Db, params: { buildingId: string; ids: readonly string[] }) {
  if (params.ids.length === 0) return []
  return db
    .select(holdingColumns)
    .from(numbers)
    .leftJoin(tenants, eq(tenants.id, numbers.tenantId))
    .where(and(eq(numbers.buildingId, params.buildingId), inArray(numbers.id, [...params.ids])))
    .orderBy(asc(numbers.e164))
    .for('update', { of: numbers })
}

/**
 * The building's numbers from `first` to `last` inclusive (E.164, same length), locked for update.
 * Compared as integers so the database collation cannot reorder them.
 */
export async function lockNumbersInSpan(db: Db, params: { buildingId: string; first: string; last: string }) {
  return db
    .select(holdingColumns)
    .from(numbers)
    .leftJoin(tenants, eq(tenants.id, numbers.tenantId))
    .where(
      and(
        eq(numbers.buildingId, params.buildingId),
        sql`length(${numbers.e164}) = ${params.first.length}`,
        sql`substr(${numbers.e164}, 2)::bigint between ${Number(params.first.slice(1))} and ${Number(params.last.slice(1))}`,
      ),
    )
    .orderBy(asc(numbers.e164))
    .for('update', { of: numbers })
}

/** Sets (or clears, with null) the holder of the given numbers. */
export async function setNumberHolder(db: Db, params: { buildingId: string; ids: readonly string[]; tenantId: string | null }) {
  if (params.ids.length === 0) return
  await db
    .update(numbers)
    .set({ tenantId: params.tenantId, updatedAt: sql`now()` })
    .where(and(eq(numbers.buildingId, params.buildingId), inArray(numbers.id, [...params.ids])))
}

/** Ends the open holdings of the given numbers at the transaction's now(). */
export async function closeOpenAllocations(db: Db, params: { buildingId: string; numberIds: readonly string[] }) {
  if (params.numberIds.length === 0) return
  await db
    .update(numberAllocations)
    .set({ validTo: sql`now()` })
    .where(
      and(
        eq(numberAllocations.buildingId, params.buildingId),
        inArray(numberAllocations.numberId, [...params.numberIds]),
        isNull(numberAllocations.validTo),
      ),
    )
}

// ---------------------------------------------------------------------------------------------
// One number

const numberDetailColumns = {
  id: numbers.id,
  e164: numbers.e164,
  billed: numbers.billed,
  use: numbers.use,
  status: numbers.status,
  rangeId: numbers.rangeId,
  createdAt: numbers.createdAt,
  updatedAt: numbers.updatedAt,
  serviceId: numbers.serviceId,
  serviceKind: services.kind,
  serviceCarrierRef: services.carrierRef,
  tenantId: numbers.tenantId,
  tenantName: tenants.legalName,
}

export async function getNumberDetail(db: Db, params: { buildingId: string; numberId: string }) {
  const [row] = await db
    .select(numberDetailColumns)
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .leftJoin(tenants, eq(tenants.id, numbers.tenantId))
    .where(and(eq(numbers.buildingId, params.buildingId), eq(numbers.id, params.numberId)))
  return row ?? null
}

/** Who held the number when, newest first. */
export async function listNumberAllocationHistory(db: Db, params: { buildingId: string; numberId: string }) {
  return db
    .select({
      id: numberAllocations.id,
      tenantId: numberAllocations.tenantId,
      tenantName: tenants.legalName,
      validFrom: numberAllocations.validFrom,
      validTo: numberAllocations.validTo,
    })
    .from(numberAllocations)
    .innerJoin(tenants, eq(tenants.id, numberAllocations.tenantId))
    .where(and(eq(numberAllocations.buildingId, params.buildingId), eq(numberAllocations.numberId, params.numberId)))
    .orderBy(desc(numberAllocations.validFrom), desc(numberAllocations.id))
}

export async function updateNumberAttributes(
  db: Db,
  params: { buildingId: string; numberId: string; values: { billed: boolean; use: NumberUse; status: NumberStatus } },
) {
  const [row] = await db
    .update(numbers)
    .set({ ...params.values, updatedAt: sql`now()` })
    .where(and(eq(numbers.buildingId, params.buildingId), eq(numbers.id, params.numberId)))
    .returning({ id: numbers.id, e164: numbers.e164, billed: numbers.billed, use: numbers.use, status: numbers.status })
  return row ?? null
}

/** The given numbers of the building with their holders (no lock). Ids not in the building are simply absent. */
export async function listNumbersById(db: Db, params: { buildingId: string; ids: readonly string[] }) {
  if (params.ids.length === 0) return []
  return db
    .select({ e164: numbers.e164, tenantId: numbers.tenantId })
    .from(numbers)
    .where(and(eq(numbers.buildingId, params.buildingId), inArray(numbers.id, [...params.ids])))
    .orderBy(asc(numbers.e164))
}
