import { asc, count, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { buildingManagers, buildingShares } from '../schema/auth.ts'
import { buildings } from '../schema/buildings.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { numbers } from '../schema/numbers.ts'
import { services } from '../schema/services.ts'
import { tenants } from '../schema/tenants.ts'

export type NewBuilding = typeof buildings.$inferInsert

export const buildingColumns = {
  id: buildings.id,
  name: buildings.name,
  street: buildings.street,
  postcode: buildings.postcode,
  city: buildings.city,
  updatedAt: buildings.updatedAt,
}

export async function getBuilding(db: Db, id: string) {
  const [row] = await db.select(buildingColumns).from(buildings).where(eq(buildings.id, id))
  return row ?? null
}

export async function insertBuilding(db: Db, values: NewBuilding) {
  const [row] = await db.insert(buildings).values(values).returning(buildingColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function updateBuilding(db: Db, id: string, values: Partial<NewBuilding>) {
  const [row] = await db
    .update(buildings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(buildings.id, id))
    .returning(buildingColumns)
  return row ?? null
}

export async function deleteBuilding(db: Db, id: string) {
  const [row] = await db.delete(buildings).where(eq(buildings.id, id)).returning(buildingColumns)
  return row ?? null
}

/** Buildings a user can open: managed ones for a facility manager, shared ones for sales. */
export async function listBuildingsForUser(db: Db, userId: string, via: 'managed' | 'shared') {
  const link = via === 'managed' ? buildingManagers : buildingShares
  const ids = db.select({ id: link.buildingId }).from(link).where(eq(link.userId, userId))
  const rows = await db
    .select(buildingColumns)
    .from(buildings)
    .where(inArray(buildings.id, ids))
    .orderBy(asc(buildings.name))
  return rows
}

/** Per building: tenants (present), numbers, unallocated numbers. One query for the whole list. */
export async function countBuildingTotals(db: Db, buildingIds: string[]) {
  if (buildingIds.length === 0) return new Map<string, { tenants: number; numbers: number; unallocated: number }>()
  const [tenantRows, numberRows] = await Promise.all([
    db
      .select({ buildingId: tenants.buildingId, n: count() })
      .from(tenants)
      .where(inArray(tenants.buildingId, buildingIds))
      .groupBy(tenants.buildingId),
    db
      .select({
        buildingId: numbers.buildingId,
        n: count(),
        unallocated: sql<number>`count(*) filter (where ${numbers.tenantId} is null)`.mapWith(Number),
      })
      .from(numbers)
      .where(inArray(numbers.buildingId, buildingIds))
      .groupBy(numbers.buildingId),
  ])
  const out = new Map<string, { tenants: number; numbers: number; unallocated: number }>()
  for (const id of buildingIds) out.set(id, { tenants: 0, numbers: 0, unallocated: 0 })
  for (const r of tenantRows) out.get(r.buildingId)!.tenants = r.n
  for (const r of numberRows) Object.assign(out.get(r.buildingId)!, { numbers: r.n, unallocated: r.unallocated })
  return out
}

/** Counters on the overview: numbers nobody holds, numbers nobody pays for, safety-critical numbers. */
export async function countNumberFlags(db: Db, buildingId: string) {
  const [row] = await db
    .select({
      total: count(),
      unallocated: sql<number>`count(*) filter (where ${numbers.tenantId} is null)`.mapWith(Number),
      unbilled: sql<number>`count(*) filter (where not ${numbers.billed})`.mapWith(Number),
      critical: sql<number>`count(*) filter (where ${numbers.use} not in ('tenant', 'common') or ${services.criticalUse} is not null)`.mapWith(Number),
    })
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .where(eq(numbers.buildingId, buildingId))
  return row ?? { total: 0, unallocated: 0, unbilled: 0, critical: 0 }
}

/** Services with their contract's carrier and how many numbers each carries. */
export async function listServicesWithCounts(db: Db, buildingId: string) {
  return db
    .select({
      id: services.id,
      kind: services.kind,
      carrierRef: services.carrierRef,
      mainNumber: services.mainNumber,
      criticalUse: services.criticalUse,
      contractId: services.contractId,
      dedicatedTenantId: services.dedicatedTenantId,
      dedicatedTenantName: tenants.legalName,
      numberCount: sql<number>`(select count(*) from ${numbers} where ${numbers.serviceId} = ${services}.${sql.identifier('id')})`.mapWith(Number),
    })
    .from(services)
    .leftJoin(tenants, eq(tenants.id, services.dedicatedTenantId))
    .where(eq(services.buildingId, buildingId))
    .orderBy(asc(services.kind), asc(services.carrierRef))
}

/** Tenants with how many numbers each holds. */
export async function listTenantsWithCounts(db: Db, buildingId: string) {
  return db
    .select({
      id: tenants.id,
      legalName: tenants.legalName,
      kvkNumber: tenants.kvkNumber,
      unit: tenants.unit,
      moveIn: tenants.moveIn,
      moveOut: tenants.moveOut,
      numberCount: sql<number>`(select count(*) from ${numbers} where ${numbers.tenantId} = ${tenants}.${sql.identifier('id')})`.mapWith(Number),
    })
    .from(tenants)
    .where(eq(tenants.buildingId, buildingId))
    .orderBy(asc(tenants.legalName))
}

export async function listContractsWithCarrier(db: Db, buildingId: string) {
  return db
    .select({
      id: contracts.id,
      carrierName: carriers.name,
      contractNumber: contracts.contractNumber,
      holderTenantId: contracts.holderTenantId,
      holderName: tenants.legalName,
      signedByContactId: contracts.signedByContactId,
      startDate: contracts.startDate,
      initialTermMonths: contracts.initialTermMonths,
      renewalTermMonths: contracts.renewalTermMonths,
      noticeDays: contracts.noticeDays,
      monthlyFeeCents: contracts.monthlyFeeCents,
      earlyTerminationPct: contracts.earlyTerminationPct,
    })
    .from(contracts)
    .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
    .leftJoin(tenants, eq(tenants.id, contracts.holderTenantId))
    .where(eq(contracts.buildingId, buildingId))
    .orderBy(asc(carriers.name), asc(contracts.contractNumber))
}

/** Counts a sales user may see: no names, no numbers. */
export async function countTenantsPresent(db: Db, buildingId: string) {
  const [row] = await db
    .select({
      total: count(),
      movedOut: sql<number>`count(*) filter (where ${tenants.moveOut} is not null and ${tenants.moveOut} <= current_date)`.mapWith(Number),
    })
    .from(tenants)
    .where(eq(tenants.buildingId, buildingId))
  return row ?? { total: 0, movedOut: 0 }
}

