// What the deadlines, the digest mail and the iCal feed read: running contracts, the planned dates of
// open requests and the drafts, of a set of buildings. Deciding what is due is app/domain/deadlines.
import { and, asc, eq, exists, inArray, isNull, sql } from 'drizzle-orm'
import { openStates } from '#app/domain/requests/lifecycle.ts'
import type { Db } from '../client.ts'
import { buildingManagers } from '../schema/auth.ts'
import { buildings } from '../schema/buildings.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { migrationRequests } from '../schema/requests.ts'
import { tenants } from '../schema/tenants.ts'

/** Buildings at least one facility manager looks after (the digest mail has someone to go to). */
export async function listManagedBuildings(db: Db) {
  return db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(exists(db.select({ one: sql`1` }).from(buildingManagers).where(eq(buildingManagers.buildingId, buildings.id))))
    .orderBy(asc(buildings.name))
}

/** Contracts that have not ended, with their terms and carrier. */
export async function listRunningContracts(db: Db, buildingIds: string[]) {
  if (buildingIds.length === 0) return []
  return db
    .select({
      id: contracts.id,
      buildingId: contracts.buildingId,
      carrierName: carriers.name,
      contractNumber: contracts.contractNumber,
      startDate: contracts.startDate,
      initialTermMonths: contracts.initialTermMonths,
      renewalTermMonths: contracts.renewalTermMonths,
      noticeDays: contracts.noticeDays,
    })
    .from(contracts)
    .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
    .where(and(inArray(contracts.buildingId, buildingIds), isNull(contracts.endedOn)))
}

const requester = and(eq(tenants.buildingId, migrationRequests.buildingId), eq(tenants.id, migrationRequests.tenantId))
const fileField = (name: string) => sql<string | null>`${migrationRequests.request}->>${name}`

/** Open requests (submitted until scheduled) with the dates and carrier of their request file. */
export async function listOpenRequestDates(db: Db, buildingIds: string[]) {
  if (buildingIds.length === 0) return []
  return db
    .select({
      id: migrationRequests.id,
      buildingId: migrationRequests.buildingId,
      requesterName: tenants.legalName,
      targetCarrier: fileField('targetCarrier'),
      portDate: fileField('portDate'),
      installDate: fileField('installDate'),
      cutoverDate: fileField('cutoverDate'),
    })
    .from(migrationRequests)
    .innerJoin(tenants, requester)
    .where(and(inArray(migrationRequests.buildingId, buildingIds), inArray(migrationRequests.state, [...openStates])))
}

/** Drafts with the moment they were last changed. */
export async function listDrafts(db: Db, buildingIds: string[]) {
  if (buildingIds.length === 0) return []
  return db
    .select({ id: migrationRequests.id, buildingId: migrationRequests.buildingId, requesterName: tenants.legalName, updatedAt: migrationRequests.updatedAt })
    .from(migrationRequests)
    .innerJoin(tenants, requester)
    .where(and(inArray(migrationRequests.buildingId, buildingIds), eq(migrationRequests.state, 'draft')))
}
