import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { users } from '../schema/auth.ts'
import { buildings } from '../schema/buildings.ts'
import { calendarFeeds } from '../schema/calendar.ts'

/** What may be shown of a feed: never its token hash. */
const feedColumns = {
  id: calendarFeeds.id,
  buildingId: calendarFeeds.buildingId,
  createdAt: calendarFeeds.createdAt,
  revokedAt: calendarFeeds.revokedAt,
}

/**
 * Locks the building row for the rest of the transaction, so two facility managers creating a feed at
 * the same moment cannot both end up with a live one.
 */
export async function lockBuildingForFeeds(db: Db, buildingId: string) {
  await db.select({ id: buildings.id }).from(buildings).where(eq(buildings.id, buildingId)).for('no key update')
}

export async function insertCalendarFeed(db: Db, values: { buildingId: string; tokenHash: string; createdBy: string }) {
  const [row] = await db.insert(calendarFeeds).values(values).returning(feedColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

/** A building's feeds, newest first, revoked ones included, with who created each. */
export async function listCalendarFeeds(db: Db, buildingId: string, limit = 20) {
  return db
    .select({ ...feedColumns, createdByEmail: users.email })
    .from(calendarFeeds)
    .leftJoin(users, eq(users.id, calendarFeeds.createdBy))
    .where(eq(calendarFeeds.buildingId, buildingId))
    .orderBy(desc(calendarFeeds.createdAt), desc(calendarFeeds.id))
    .limit(limit)
}

/** Revokes the building's live feeds; returns those it revoked. */
export async function revokeLiveCalendarFeeds(db: Db, buildingId: string, at: Date) {
  return db
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.buildingId, buildingId), isNull(calendarFeeds.revokedAt)))
    .returning(feedColumns)
}

/** The building of a live (not revoked) feed token. */
export async function getLiveCalendarFeed(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ id: calendarFeeds.id, buildingId: buildings.id, buildingName: buildings.name })
    .from(calendarFeeds)
    .innerJoin(buildings, eq(buildings.id, calendarFeeds.buildingId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
  return row ?? null
}
