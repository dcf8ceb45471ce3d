import { and, asc, count, eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { numbers } from '../schema/numbers.ts'
import { services } from '../schema/services.ts'

export type NewService = typeof services.$inferInsert
/** The fields a facility manager edits; the building is set by the use case. */
export type ServiceValues = Omit<NewService, 'id' | 'buildingId' | 'createdAt' | 'updatedAt'>

export const serviceColumns = {
  id: services.id,
  buildingId: services.buildingId,
  contractId: services.contractId,
  kind: services.kind,
  carrierRef: services.carrierRef,
  mainNumber: services.mainNumber,
  dedicatedTenantId: services.dedicatedTenantId,
  criticalUse: services.criticalUse,
  updatedAt: services.updatedAt,
}

/** One service of one building with its contract's carrier and number; null when missing or foreign. */
export async function getService(db: Db, params: { buildingId: string; serviceId: string }) {
  const [row] = await db
    .select({ ...serviceColumns, contractNumber: contracts.contractNumber, carrierName: carriers.name })
    .from(services)
    .innerJoin(contracts, eq(contracts.id, services.contractId))
    .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
    .where(and(eq(services.buildingId, params.buildingId), eq(services.id, params.serviceId)))
  return row ?? null
}

/** Locks the service row for the rest of the transaction (a concurrent number insert waits). */
export async function lockService(db: Db, params: { buildingId: string; serviceId: string }) {
  const [row] = await db
    .select(serviceColumns)
    .from(services)
    .where(and(eq(services.buildingId, params.buildingId), eq(services.id, params.serviceId)))
    .for('update')
  return row ?? null
}

export async function insertService(db: Db, values: NewService) {
  const [row] = await db.insert(services).values(values).returning(serviceColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function updateService(db: Db, params: { buildingId: string; serviceId: string }, values: Partial<ServiceValues>) {
  const [row] = await db
    .update(services)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(services.buildingId, params.buildingId), eq(services.id, params.serviceId)))
    .returning(serviceColumns)
  return row ?? null
}

export async function deleteService(db: Db, params: { buildingId: string; serviceId: string }) {
  const [row] = await db
    .delete(services)
    .where(and(eq(services.buildingId, params.buildingId), eq(services.id, params.serviceId)))
    .returning(serviceColumns)
  return row ?? null
}

export async function countNumbersOnService(db: Db, params: { buildingId: string; serviceId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(numbers)
    .where(and(eq(numbers.buildingId, params.buildingId), eq(numbers.serviceId, params.serviceId)))
  return row?.n ?? 0
}

/** The numbers a service carries, in order, as choices for its main number. */
export async function listServiceNumbers(db: Db, params: { buildingId: string; serviceId: string; limit: number }) {
  return db
    .select({ e164: numbers.e164, status: numbers.status })
    .from(numbers)
    .where(and(eq(numbers.buildingId, params.buildingId), eq(numbers.serviceId, params.serviceId)))
    .orderBy(asc(numbers.e164))
    .limit(params.limit)
}

export async function numberIsOnService(db: Db, params: { buildingId: string; serviceId: string; e164: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: numbers.id })
    .from(numbers)
    .where(and(eq(numbers.buildingId, params.buildingId), eq(numbers.serviceId, params.serviceId), eq(numbers.e164, params.e164)))
  return Boolean(row)
}
