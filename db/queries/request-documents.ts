// What the documents of a request read besides the request, its snapshot, tenants and contacts: a
// company's live numbers, to say how many of them stay.
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../client.ts'
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
