import { randomBytes } from 'node:crypto'
import type { Actor } from '#app/domain/actor.ts'
import type { UserRole } from '#app/domain/enums.ts'
import { expandRange, e164Value } from '#app/domain/numbers/index.ts'
import type { Db } from '#db/client.ts'
import {
  buildingManagers,
  buildingShares,
  buildings,
  carriers,
  contacts,
  contracts,
  numberAllocations,
  numberRanges,
  numbers,
  services,
  tenants,
  users,
} from '#db/schema/index.ts'

const uniq = () => randomBytes(4).toString('hex')

/** A precomputed argon2id hash of "correct horse battery" (hashing per test would be slow). */
export const testPassword = 'correct horse battery'
let cachedHash: string | undefined
async function testHash() {
  if (!cachedHash) {
    const { hashPassword } = await import('#app/server/password.server.ts')
    cachedHash = await hashPassword(testPassword)
  }
  return cachedHash
}

export async function insertUser(db: Db, overrides: { role?: UserRole; tenantId?: string | null; email?: string; name?: string } = {}): Promise<Actor> {
  const role = overrides.role ?? 'facility_manager'
  const [row] = await db
    .insert(users)
    .values({
      email: overrides.email ?? `${role}-${uniq()}@example.test`,
      name: overrides.name ?? `Test ${role}`,
      passwordHash: await testHash(),
      role,
      tenantId: role === 'tenant' ? (overrides.tenantId ?? null) : null,
    })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId })
  return row!
}

export async function insertBuilding(db: Db, overrides: Partial<typeof buildings.$inferInsert> = {}, managers: Actor[] = []) {
  const [b] = await db
    .insert(buildings)
    .values({ name: `Building ${uniq()}`, street: 'Keizersgracht 1', postcode: '1015 AA', city: 'Amsterdam', ...overrides })
    .returning()
  for (const m of managers) await db.insert(buildingManagers).values({ buildingId: b!.id, userId: m.id })
  return b!
}

export async function shareBuilding(db: Db, buildingId: string, sales: Actor) {
  await db.insert(buildingShares).values({ buildingId, userId: sales.id })
}

let kvkCounter = 10_000_000 + Math.floor(Math.random() * 1_000_000)
export async function insertTenant(db: Db, buildingId: string, overrides: Partial<typeof tenants.$inferInsert> = {}) {
  const [t] = await db
    .insert(tenants)
    .values({ buildingId, legalName: `Tenant ${uniq()} BV`, kvkNumber: String(kvkCounter++), unit: '1.01', moveIn: '2022-01-01', ...overrides })
    .returning()
  return t!
}

export async function insertContact(db: Db, buildingId: string, overrides: Partial<typeof contacts.$inferInsert> = {}) {
  const [c] = await db
    .insert(contacts)
    .values({ buildingId, name: `Contact ${uniq()}`, email: `c-${uniq()}@example.test`, roles: ['primary'], ...overrides })
    .returning()
  return c!
}

export async function insertCarrier(db: Db, name = `Carrier ${uniq()}`) {
  const [c] = await db.insert(carriers).values({ name }).returning()
  return c!
}

export async function insertContract(db: Db, buildingId: string, overrides: Partial<typeof contracts.$inferInsert> = {}) {
  const carrierId = overrides.carrierId ?? (await insertCarrier(db)).id
  const [c] = await db
    .insert(contracts)
    .values({
      buildingId,
      carrierId,
      contractNumber: `MC-${uniq()}`,
      startDate: '2024-01-01',
      initialTermMonths: 36,
      noticeDays: 30,
      monthlyFeeCents: 150_000,
      ...overrides,
    })
    .returning()
  return c!
}

export async function insertService(db: Db, buildingId: string, contractId: string, overrides: Partial<typeof services.$inferInsert> = {}) {
  const [s] = await db
    .insert(services)
    .values({ buildingId, contractId, kind: 'isdn30', carrierRef: `LINE-${uniq()}`, ...overrides })
    .returning()
  return s!
}

/** Inserts a block of numbers on a service, optionally all allocated to one tenant. */
export async function insertNumbers(
  db: Db,
  buildingId: string,
  serviceId: string,
  first: string,
  count: number,
  overrides: Partial<Pick<typeof numbers.$inferInsert, 'tenantId' | 'billed' | 'use' | 'status'>> = {},
) {
  const [range] = await db
    .insert(numberRanges)
    .values({ buildingId, serviceId, firstE164: first, firstValue: e164Value(first), count })
    .returning()
  const rows = await db
    .insert(numbers)
    .values(expandRange({ first, count }).map((e164) => ({ buildingId, serviceId, rangeId: range!.id, e164, ...overrides })))
    .returning()
  if (overrides.tenantId) {
    await db.insert(numberAllocations).values(rows.map((n) => ({ buildingId, numberId: n.id, tenantId: overrides.tenantId! })))
  }
  return { range: range!, numbers: rows }
}
