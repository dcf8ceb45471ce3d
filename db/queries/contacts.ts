import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { contacts } from '../schema/tenants.ts'

export type NewContact = typeof contacts.$inferInsert
export type ContactValues = Pick<NewContact, 'name' | 'email' | 'phone' | 'roles' | 'locale'>

export const contactColumns = {
  id: contacts.id,
  buildingId: contacts.buildingId,
  tenantId: contacts.tenantId,
  name: contacts.name,
  email: contacts.email,
  phone: contacts.phone,
  roles: contacts.roles,
  locale: contacts.locale,
  updatedAt: contacts.updatedAt,
}

/** A contact, only when it belongs to the given building (a tenant's or the building's own). */
export async function getContactInBuilding(db: Db, params: { buildingId: string; contactId: string }) {
  const [row] = await db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.id, params.contactId), eq(contacts.buildingId, params.buildingId)))
  return row ?? null
}

/** A contact, only when it belongs to the given tenant. */
export async function getContactOfTenant(db: Db, params: { tenantId: string; contactId: string }) {
  const [row] = await db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.id, params.contactId), eq(contacts.tenantId, params.tenantId)))
  return row ?? null
}

/** The contacts of one tenant, or of the building itself when tenantId is null; by name. */
export async function listContacts(db: Db, params: { buildingId: string; tenantId: string | null }) {
  return db
    .select(contactColumns)
    .from(contacts)
    .where(
      and(
        eq(contacts.buildingId, params.buildingId),
        params.tenantId === null ? isNull(contacts.tenantId) : eq(contacts.tenantId, params.tenantId),
      ),
    )
    .orderBy(asc(sql`lower(${contacts.name})`), asc(contacts.id))
}

export async function insertContact(db: Db, values: ContactValues & { buildingId: string; tenantId: string | null }) {
  const [row] = await db.insert(contacts).values(values).returning(contactColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function updateContact(db: Db, params: { buildingId: string; contactId: string }, values: ContactValues) {
  const [row] = await db
    .update(contacts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(contacts.id, params.contactId), eq(contacts.buildingId, params.buildingId)))
    .returning(contactColumns)
  return row ?? null
}

export async function deleteContact(db: Db, params: { buildingId: string; contactId: string }) {
  const [row] = await db
    .delete(contacts)
    .where(and(eq(contacts.id, params.contactId), eq(contacts.buildingId, params.buildingId)))
    .returning(contactColumns)
  return row ?? null
}

/** Contracts the contact signed: while any exists, the contact cannot be removed. */
export async function listContractsSignedBy(db: Db, params: { buildingId: string; contactId: string }) {
  return db
    .select({ id: contracts.id, contractNumber: contracts.contractNumber, carrierName: carriers.name })
    .from(contracts)
    .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
    .where(and(eq(contracts.buildingId, params.buildingId), eq(contracts.signedByContactId, params.contactId)))
    .orderBy(asc(carriers.name), asc(contracts.contractNumber))
}
