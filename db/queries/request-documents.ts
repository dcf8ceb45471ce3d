// What the documents of a request read besides the request, its snapshot and the contacts: a
// company's live numbers (to say which of them stay) and the building's facility managers (whom to
// call when the building has no contact of its own).
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { buildingManagers, users } from '../schema/auth.ts'
import { numbers } from '../schema/numbers.ts'

/** The numbers a tenant holds in the building that are live (active, or being ported out). */
export async function listLiveNumbersOfTenant(db: Db, params: { buildingId: string; tenantId: string }) {
  const rows = await db
    .select({ e164: numbers.e164 })
    .from(numbers)
    .where(and(eq(numbers.buildingId, params.buildingId), eq(numbers.tenantId, params.tenantId), inArray(numbers.status, ['active', 'porting_out'])))
    .orderBy(asc(numbers.e164))
  return rows.map((r) => r.e164)
}

/** The facility managers of a building, by name. */
export async function listBuildingManagerNames(db: Db, buildingId: string) {
  return db
    .select({ name: users.name, email: users.email })
    .from(buildingManagers)
    .innerJoin(users, eq(users.id, buildingManagers.userId))
    .where(eq(buildingManagers.buildingId, buildingId))
    .orderBy(asc(users.name), asc(users.email))
}
