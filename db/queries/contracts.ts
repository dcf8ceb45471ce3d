import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { services } from '../schema/services.ts'
import { contacts, tenants } from '../schema/tenants.ts'

export type NewContract = typeof contracts.$inferInsert
/** The fields a facility manager edits; building and carrier are set by the use case. */
export type ContractValues = Omit<NewContract, 'id' | 'buildingId' | 'createdAt' | 'updatedAt'>

export const contractColumns = {
  id: contracts.id,
  buildingId: contracts.buildingId,
  carrierId: contracts.carrierId,
  contractNumber: contracts.contractNumber,
  holderTenantId: contracts.holderTenantId,
  signedByContactId: contracts.signedByContactId,
  startDate: contracts.startDate,
  initialTermMonths: contracts.initialTermMonths,
  renewalTermMonths: contracts.renewalTermMonths,
  noticeDays: contracts.noticeDays,
  monthlyFeeCents: contracts.monthlyFeeCents,
  earlyTerminationPct: contracts.earlyTerminationPct,
  updatedAt: contracts.updatedAt,
}

/** One contract of one building, with its carrier's name; null when missing or in another building. */
export async function getContract(db: Db, params: { buildingId: string; contractId: string }) {
  const [row] = await db
    .select({ ...contractColumns, carrierName: carriers.name })
    .from(contracts)
    .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
    .where(and(eq(contracts.buildingId, params.buildingId), eq(contracts.id, params.contractId)))
  return row ?? null
}

/** Locks the contract row for the rest of the transaction (a concurrent new service waits). */
export async function lockContract(db: Db, params: { buildingId: string; contractId: string }) {
  const [row] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.buildingId, params.buildingId), eq(contracts.id, params.contractId)))
    .for('update')
  return row ?? null
}

export async function insertContract(db: Db, values: NewContract) {
  const [row] = await db.insert(contracts).values(values).returning(contractColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function updateContract(db: Db, params: { buildingId: string; contractId: string }, values: Partial<ContractValues>) {
  const [row] = await db
    .update(contracts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(contracts.buildingId, params.buildingId), eq(contracts.id, params.contractId)))
    .returning(contractColumns)
  return row ?? null
}

export async function deleteContract(db: Db, params: { buildingId: string; contractId: string }) {
  const [row] = await db
    .delete(contracts)
    .where(and(eq(contracts.buildingId, params.buildingId), eq(contracts.id, params.contractId)))
    .returning(contractColumns)
  return row ?? null
}

export async function countServicesOfContract(db: Db, params: { buildingId: string; contractId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(services)
    .where(and(eq(services.buildingId, params.buildingId), eq(services.contractId, params.contractId)))
  return row?.n ?? 0
}

/** The building's contracts as choices for a select: carrier and contract number. */
export async function listContractChoices(db: Db, params: { buildingId: string }) {
  return db
    .select({ id: contracts.id, carrierName: carriers.name, contractNumber: contracts.contractNumber })
    .from(contracts)
    .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
    .where(eq(contracts.buildingId, params.buildingId))
    .orderBy(asc(carriers.name), asc(contracts.contractNumber))
}

/** Carrier names for the suggestions of the carrier field. */
export async function listCarrierNames(db: Db): Promise<string[]> {
  const rows = await db.select({ name: carriers.name }).from(carriers).orderBy(asc(carriers.name))
  return rows.map((r) => r.name)
}

/**
 * The carrier with this name, matched case-insensitively so "kpn" finds "KPN"; created when new.
 * Safe against a concurrent insert of the same name (unique uq_carriers_name).
 */
export async function findOrInsertCarrier(db: Db, params: { name: string }) {
  const columns = { id: carriers.id, name: carriers.name }
  const [existing] = await db
    .select(columns)
    .from(carriers)
    .where(sql`lower(${carriers.name}) = lower(${params.name})`)
    .orderBy(asc(carriers.name))
    .limit(1)
  if (existing) return existing
  const [inserted] = await db.insert(carriers).values({ name: params.name }).onConflictDoNothing().returning(columns)
  if (inserted) return inserted
  const [raced] = await db.select(columns).from(carriers).where(eq(carriers.name, params.name))
  if (!raced) throw new Error('carrier vanished after conflict')
  return raced
}

/** The building's tenants as choices for a select (holder, dedicated tenant). */
export async function listTenantChoices(db: Db, params: { buildingId: string }) {
  return db
    .select({ id: tenants.id, legalName: tenants.legalName, moveOut: tenants.moveOut })
    .from(tenants)
    .where(eq(tenants.buildingId, params.buildingId))
    .orderBy(asc(tenants.legalName))
}

/** The building's contacts (its own and its tenants') as choices for a select. */
export async function listContactChoices(db: Db, params: { buildingId: string }) {
  return db
    .select({ id: contacts.id, name: contacts.name, tenantId: contacts.tenantId, tenantName: tenants.legalName })
    .from(contacts)
    .leftJoin(tenants, eq(tenants.id, contacts.tenantId))
    .where(eq(contacts.buildingId, params.buildingId))
    .orderBy(sql`${tenants.legalName} asc nulls first`, asc(contacts.name))
}

export async function tenantIsInBuilding(db: Db, params: { buildingId: string; tenantId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.buildingId, params.buildingId), eq(tenants.id, params.tenantId)))
  return Boolean(row)
}

export async function contactIsInBuilding(db: Db, params: { buildingId: string; contactId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.buildingId, params.buildingId), eq(contacts.id, params.contactId)))
  return Boolean(row)
}
