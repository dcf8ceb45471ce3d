import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { apiTokens, users } from '../schema/auth.ts'

/** What may be shown of a token: never its hash. */
const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
}

export async function insertApiToken(db: Db, values: { userId: string; name: string; tokenHash: string; prefix: string }) {
  const [row] = await db.insert(apiTokens).values(values).returning(tokenColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

/** A user's tokens, newest first, revoked ones included. */
export async function listApiTokensOfUser(db: Db, userId: string) {
  return db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
}

export async function getApiTokenOfUser(db: Db, params: { userId: string; tokenId: string }) {
  const [row] = await db
    .select(tokenColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, params.tokenId), eq(apiTokens.userId, params.userId)))
  return row ?? null
}

/** Marks a token revoked; null when it is not the user's or was revoked already. */
export async function revokeApiTokenOfUser(db: Db, params: { userId: string; tokenId: string; at: Date }) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: params.at })
    .where(and(eq(apiTokens.id, params.tokenId), eq(apiTokens.userId, params.userId), isNull(apiTokens.revokedAt)))
    .returning(tokenColumns)
  return row ?? null
}

/** The user a live (not revoked) token belongs to. */
export async function getActiveApiTokenUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      tenantId: users.tenantId,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
  return row ?? null
}

/** Records a use; at most one write a minute per token, so busy clients do not hammer one row. */
export async function touchApiToken(db: Db, tokenId: string, at: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(at.getTime() - 60_000)))))
}
