import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm'
import { openStates } from '#app/domain/requests/lifecycle.ts'
import type { Db } from '../client.ts'
import { users } from '../schema/auth.ts'
import { buildings } from '../schema/buildings.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { numbers } from '../schema/numbers.ts'
import { migrationRequests } from '../schema/requests.ts'
import { services } from '../schema/services.ts'
import { contacts, tenants } from '../schema/tenants.ts'
import { escapeLike } from './audit.ts'

/**
 * `table.id` fully qualified, for correlated subqueries: drizzle leaves columns in the select list
 * of a single-table query unqualified, and an unqualified "id" inside the subquery would mean the
 * subquery's own table.
 */
const outerId = (table: typeof tenants | typeof services) => sql`${table}.${sql.identifier('id')}`

export type NewTenant = typeof tenants.$inferInsert
export type TenantValues = Pick<NewTenant, 'legalName' | 'kvkNumber' | 'unit' | 'moveIn' | 'moveOut'>

export const tenantColumns = {
  id: tenants.id,
  buildingId: tenants.buildingId,
  legalName: tenants.legalName,
  kvkNumber: tenants.kvkNumber,
  unit: tenants.unit,
  moveIn: tenants.moveIn,
  moveOut: tenants.moveOut,
  updatedAt: tenants.updatedAt,
}

/** A tenant, only when it belongs to the given building. */
export async function getTenantInBuilding(db: Db, params: { buildingId: string; tenantId: string }) {
  const [row] = await db
    .select(tenantColumns)
    .from(tenants)
    .where(and(eq(tenants.id, params.tenantId), eq(tenants.buildingId, params.buildingId)))
  return row ?? null
}

/** A tenant with the name and address of its building (the tenant portal's home). */
export async function getTenantWithBuilding(db: Db, params: { tenantId: string }) {
  const [row] = await db
    .select({
      ...tenantColumns,
      building: { id: buildings.id, name: buildings.name, street: buildings.street, postcode: buildings.postcode, city: buildings.city },
    })
    .from(tenants)
    .innerJoin(buildings, eq(buildings.id, tenants.buildingId))
    .where(eq(tenants.id, params.tenantId))
  return row ?? null
}

export async function insertTenant(db: Db, values: TenantValues & { buildingId: string }) {
  const [row] = await db.insert(tenants).values(values).returning(tenantColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function updateTenant(db: Db, params: { buildingId: string; tenantId: string }, values: TenantValues) {
  const [row] = await db
    .update(tenants)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(tenants.id, params.tenantId), eq(tenants.buildingId, params.buildingId)))
    .returning(tenantColumns)
  return row ?? null
}

export async function deleteTenant(db: Db, params: { buildingId: string; tenantId: string }) {
  const [row] = await db
    .delete(tenants)
    .where(and(eq(tenants.id, params.tenantId), eq(tenants.buildingId, params.buildingId)))
    .returning(tenantColumns)
  return row ?? null
}

export type TenantPresence = 'all' | 'present' | 'movedOut'

export interface TenantFilter {
  buildingId: string
  /** Part of the legal name, or digits of the KvK number. */
  text?: string | undefined
  presence: TenantPresence
  /** ISO date against which "moved out" is judged: a move-out on or before it has happened. */
  asOf: string
}

function tenantWhere(f: TenantFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(tenants.buildingId, f.buildingId)]
  const text = f.text?.trim()
  if (text) {
    const digits = text.replace(/[\s.]/g, '')
    parts.push(
      or(
        ilike(tenants.legalName, `%${escapeLike(text)}%`),
        /^\d+$/.test(digits) ? ilike(tenants.kvkNumber, `%${digits}%`) : undefined,
      ),
    )
  }
  if (f.presence === 'present') parts.push(or(isNull(tenants.moveOut), sql`${tenants.moveOut} > ${f.asOf}::date`))
  if (f.presence === 'movedOut') parts.push(and(isNotNull(tenants.moveOut), sql`${tenants.moveOut} <= ${f.asOf}::date`))
  return and(...parts)
}

/** One page of a building's tenants, by name, with how many numbers and contacts each has. */
export async function listTenantsPage(db: Db, f: TenantFilter, page: { limit: number; offset: number }) {
  const where = tenantWhere(f)
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: tenants.id,
        legalName: tenants.legalName,
        kvkNumber: tenants.kvkNumber,
        unit: tenants.unit,
        moveIn: tenants.moveIn,
        moveOut: tenants.moveOut,
        numberCount: sql<number>`(select count(*) from ${numbers} where ${numbers.tenantId} = ${outerId(tenants)})`.mapWith(Number),
        contactCount: sql<number>`(select count(*) from ${contacts} where ${contacts.tenantId} = ${outerId(tenants)})`.mapWith(Number),
      })
      .from(tenants)
      .where(where)
      .orderBy(asc(sql`lower(${tenants.legalName})`), asc(tenants.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(tenants).where(where),
  ])
  return { rows, total: total?.n ?? 0 }
}

/** Everything that refers to a tenant: what blocks its deletion and what would go with it. */
export async function countTenantDependents(db: Db, params: { buildingId: string; tenantId: string }) {
  const { buildingId, tenantId } = params
  const [[held], heldContracts, dedicated, signed, [contactRow], accounts, [open]] = await Promise.all([
    db
      .select({ n: count() })
      .from(numbers)
      .where(and(eq(numbers.buildingId, buildingId), eq(numbers.tenantId, tenantId))),
    db
      .select({ id: contracts.id, contractNumber: contracts.contractNumber, carrierName: carriers.name })
      .from(contracts)
      .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
      .where(and(eq(contracts.buildingId, buildingId), eq(contracts.holderTenantId, tenantId))),
    db
      .select({ id: services.id, kind: services.kind, carrierRef: services.carrierRef })
      .from(services)
      .where(and(eq(services.buildingId, buildingId), eq(services.dedicatedTenantId, tenantId))),
    db
      .select({ id: contracts.id, contractNumber: contracts.contractNumber, contactName: contacts.name })
      .from(contracts)
      .innerJoin(contacts, eq(contacts.id, contracts.signedByContactId))
      .where(and(eq(contracts.buildingId, buildingId), eq(contacts.tenantId, tenantId))),
    db
      .select({ n: count() })
      .from(contacts)
      .where(and(eq(contacts.buildingId, buildingId), eq(contacts.tenantId, tenantId))),
    db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.tenantId, tenantId)),
    db
      .select({ n: count() })
      .from(migrationRequests)
      .where(and(eq(migrationRequests.buildingId, buildingId), eq(migrationRequests.tenantId, tenantId), inArray(migrationRequests.state, [...openStates]))),
  ])
  return {
    numbers: held?.n ?? 0,
    heldContracts,
    dedicatedServices: dedicated,
    contractsSignedByContacts: signed,
    contacts: contactRow?.n ?? 0,
    userAccounts: accounts,
    openRequests: open?.n ?? 0,
  }
}

/** Every number a tenant holds, with the service that carries it, ordered by service then number. */
export async function listTenantNumbersWithService(db: Db, params: { buildingId: string; tenantId: string }) {
  return db
    .select({
      id: numbers.id,
      e164: numbers.e164,
      status: numbers.status,
      use: numbers.use,
      billed: numbers.billed,
      serviceId: services.id,
      serviceKind: services.kind,
      carrierRef: services.carrierRef,
      criticalUse: services.criticalUse,
    })
    .from(numbers)
    .innerJoin(services, eq(services.id, numbers.serviceId))
    .where(and(eq(numbers.buildingId, params.buildingId), eq(numbers.tenantId, params.tenantId)))
    .orderBy(asc(services.kind), asc(services.carrierRef), asc(numbers.e164))
}

/**
 * What a tenant may know about its building as counts only: its own numbers, contacts and the
 * services they ride on, and how many other companies and numbers share the building.
 */
export async function countTenantPortalTotals(db: Db, params: { buildingId: string; tenantId: string }) {
  const { buildingId, tenantId } = params
  const [[own], [contactRow], [others], [otherNumbers]] = await Promise.all([
    db
      .select({
        numbers: count(),
        services: sql<number>`count(distinct ${numbers.serviceId})`.mapWith(Number),
      })
      .from(numbers)
      .where(and(eq(numbers.buildingId, buildingId), eq(numbers.tenantId, tenantId))),
    db
      .select({ n: count() })
      .from(contacts)
      .where(and(eq(contacts.buildingId, buildingId), eq(contacts.tenantId, tenantId))),
    db
      .select({ n: count() })
      .from(tenants)
      .where(and(eq(tenants.buildingId, buildingId), ne(tenants.id, tenantId))),
    db
      .select({ n: count() })
      .from(numbers)
      .where(and(eq(numbers.buildingId, buildingId), isNotNull(numbers.tenantId), ne(numbers.tenantId, tenantId))),
  ])
  return {
    numbers: own?.numbers ?? 0,
    services: own?.services ?? 0,
    contacts: contactRow?.n ?? 0,
    otherTenants: others?.n ?? 0,
    otherTenantNumbers: otherNumbers?.n ?? 0,
  }
}

/**
 * The services a tenant uses: those carrying its numbers and those dedicated to it, with how many
 * of the tenant's own numbers each carries (never the other tenants' numbers).
 */
export async function listTenantServices(db: Db, params: { buildingId: string; tenantId: string }) {
  const { buildingId, tenantId } = params
  const ownNumbers = sql`(select count(*) from ${numbers} where ${numbers.serviceId} = ${outerId(services)} and ${numbers.tenantId} = ${tenantId})`
  return db
    .select({
      id: services.id,
      kind: services.kind,
      carrierRef: services.carrierRef,
      dedicated: sql<boolean>`${services.dedicatedTenantId} is not distinct from ${tenantId}::uuid`.mapWith(Boolean),
      numberCount: sql<number>`${ownNumbers}`.mapWith(Number),
    })
    .from(services)
    .where(and(eq(services.buildingId, buildingId), or(eq(services.dedicatedTenantId, tenantId), sql`${ownNumbers} > 0`)))
    .orderBy(asc(services.kind), asc(services.carrierRef))
}

/** The legal names of some of a building's tenants, by id. */
export async function listTenantNames(db: Db, buildingId: string, tenantIds: string[]) {
  if (tenantIds.length === 0) return new Map<string, string>()
  const rows = await db.select({ id: tenants.id, name: tenants.legalName }).from(tenants).where(and(eq(tenants.buildingId, buildingId), inArray(tenants.id, tenantIds)))
  return new Map(rows.map((r) => [r.id, r.name]))
}
