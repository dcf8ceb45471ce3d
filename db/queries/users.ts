import { and, count, eq, gt, gte, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../client.ts'
import { buildingManagers, buildingShares, loginAttempts, sessions, users } from '../schema/auth.ts'
import { tenants } from '../schema/tenants.ts'

export type NewUser = typeof users.$inferInsert

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  tenantId: users.tenantId,
  locale: users.locale,
}

export async function insertUser(db: Db, user: NewUser) {
  const [row] = await db.insert(users).values(user).returning(userColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function getUserByEmailWithHash(db: Db, email: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
  return row ?? null
}

export async function getUserWithHash(db: Db, id: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id))
  return row ?? null
}

export async function updateUserPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id))
}

export async function listUsersByRole(db: Db, role: NewUser['role']) {
  return db.select(userColumns).from(users).where(eq(users.role, role)).orderBy(users.email)
}

export async function insertSession(db: Db, s: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db.insert(sessions).values(s)
}

export async function getSessionUser(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select(userColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
  return row ?? null
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
}

/** Logs a user out everywhere but the given session. */
export async function deleteOtherSessions(db: Db, userId: string, keepTokenHash: string | null): Promise<void> {
  const rows = await db.select({ id: sessions.id, tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId))
  const drop = rows.filter((r) => r.tokenHash !== keepTokenHash).map((r) => r.id)
  if (drop.length) await db.delete(sessions).where(inArray(sessions.id, drop))
}

export async function insertLoginAttempt(db: Db, a: { email: string; ip: string; succeeded: boolean }) {
  await db.insert(loginAttempts).values(a)
}

export async function countFailedLogins(db: Db, by: { email?: string; ip?: string }, since: Date): Promise<number> {
  const target = by.email !== undefined ? eq(loginAttempts.email, by.email) : eq(loginAttempts.ip, by.ip ?? '')
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(target, eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)))
  return row?.n ?? 0
}

/** What a user may see of a building: manager, share, or own tenant in it. */
export async function getBuildingRelation(db: Db, userId: string, tenantId: string | null, buildingId: string) {
  const [managed, shared, tenant] = await Promise.all([
    db
      .select({ n: count() })
      .from(buildingManagers)
      .where(and(eq(buildingManagers.userId, userId), eq(buildingManagers.buildingId, buildingId))),
    db
      .select({ prospectTenantId: buildingShares.prospectTenantId })
      .from(buildingShares)
      .where(and(eq(buildingShares.userId, userId), eq(buildingShares.buildingId, buildingId))),
    tenantId
      ? db
          .select({ n: count() })
          .from(tenants)
          .where(and(eq(tenants.id, tenantId), eq(tenants.buildingId, buildingId)))
      : Promise.resolve([{ n: 0 }]),
  ])
  return {
    manages: (managed[0]?.n ?? 0) > 0,
    sharedWith: shared.length > 0,
    /** The prospect tenant named on the share with a sales user, if any. */
    prospectTenantId: shared[0]?.prospectTenantId ?? null,
    ownTenantInBuilding: (tenant[0]?.n ?? 0) > 0,
  }
}

export async function insertBuildingManager(db: Db, buildingId: string, userId: string) {
  await db.insert(buildingManagers).values({ buildingId, userId }).onConflictDoNothing()
}

export async function insertBuildingShare(db: Db, buildingId: string, userId: string, sharedBy: string, prospectTenantId: string | null = null) {
  const rows = await db
    .insert(buildingShares)
    .values({ buildingId, userId, sharedBy, prospectTenantId })
    .onConflictDoNothing()
    .returning({ userId: buildingShares.userId })
  return rows.length > 0
}

/** One share of a building: the sales user, its prospect, and the tenant of whoever made it (null: not a tenant user). */
export async function getBuildingShare(db: Db, buildingId: string, userId: string) {
  const sharer = alias(users, 'sharer')
  const [row] = await db
    .select({ userId: users.id, email: users.email, prospectTenantId: buildingShares.prospectTenantId, sharedByTenantId: sharer.tenantId })
    .from(buildingShares)
    .innerJoin(users, eq(users.id, buildingShares.userId))
    .leftJoin(sharer, eq(sharer.id, buildingShares.sharedBy))
    .where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.userId, userId)))
  return row ?? null
}

/** Names (or with null clears) the prospect tenant of a share. */
export async function updateShareProspect(db: Db, buildingId: string, userId: string, prospectTenantId: string | null) {
  const rows = await db
    .update(buildingShares)
    .set({ prospectTenantId })
    .where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.userId, userId)))
    .returning({ userId: buildingShares.userId })
  return rows.length > 0
}

export async function deleteBuildingShare(db: Db, buildingId: string, userId: string) {
  const rows = await db
    .delete(buildingShares)
    .where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.userId, userId)))
    .returning({ userId: buildingShares.userId })
  return rows.length > 0
}

export async function listBuildingShares(db: Db, buildingId: string) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      createdAt: buildingShares.createdAt,
      prospectTenantId: buildingShares.prospectTenantId,
      prospectName: tenants.legalName,
    })
    .from(buildingShares)
    .innerJoin(users, eq(users.id, buildingShares.userId))
    .leftJoin(tenants, eq(tenants.id, buildingShares.prospectTenantId))
    .where(eq(buildingShares.buildingId, buildingId))
    .orderBy(users.email)
}

/** The sales users a building is shared with naming this tenant as the prospect. */
export async function listSharesNamingTenant(db: Db, buildingId: string, tenantId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, createdAt: buildingShares.createdAt })
    .from(buildingShares)
    .innerJoin(users, eq(users.id, buildingShares.userId))
    .where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.prospectTenantId, tenantId)))
    .orderBy(users.email)
}

export async function listUsersOfTenant(db: Db, tenantId: string) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'tenant')))
    .orderBy(users.email)
}

export async function deleteTenantUser(db: Db, tenantId: string, userId: string) {
  const [row] = await db
    .delete(users)
    .where(and(eq(users.id, userId), eq(users.tenantId, tenantId), eq(users.role, 'tenant')))
    .returning(userColumns)
  return row ?? null
}

export async function getTenantInBuilding(db: Db, buildingId: string, tenantId: string) {
  const [row] = await db
    .select({ id: tenants.id, legalName: tenants.legalName })
    .from(tenants)
    .where(and(eq(tenants.id, tenantId), eq(tenants.buildingId, buildingId)))
  return row ?? null
}
