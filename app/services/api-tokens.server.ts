// Personal API tokens: a user creates them for scripts and integrations, sees each secret once, and
// revokes them. Only the SHA-256 of a secret is stored; a token acts as its user with the same scope
// as the web pages (the API's guard is requireApiUser in app/server/api.server.ts).
import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import { hashToken, newApiToken } from '#app/server/tokens.server.ts'
import type { Db } from '#db/client.ts'
import { getApiTokenOfUser, insertApiToken, listApiTokensOfUser, revokeApiTokenOfUser } from '#db/queries/api-tokens.ts'
import { recordAudit } from './audit.server.ts'
import { requireUuid } from './scope.server.ts'

/** Live tokens a user may hold at once; more is a sign of tokens nobody looks after. */
export const maxActiveTokens = 20

const tokenInput = z.object({ name: z.string().trim().min(1, 'field.required').max(100, 'field.tooLong') })

export async function listApiTokens({ db, actor }: { db: Db; actor: Actor }) {
  return listApiTokensOfUser(db, actor.id)
}

/** Creates a token; the secret in the result is never stored and cannot be shown again. */
export async function createApiToken({ db, actor, name }: { db: Db; actor: Actor; name: unknown }) {
  const input = parseInput(tokenInput, { name })
  return db.transaction(async (tx) => {
    const active = (await listApiTokensOfUser(tx, actor.id)).filter((t) => t.revokedAt === null)
    if (active.length >= maxActiveTokens) throw new ValidationError({ name: { key: 'apiTokens.tooMany', params: { max: maxActiveTokens } } })
    const { secret, prefix } = newApiToken()
    const token = await insertApiToken(tx, { userId: actor.id, name: input.name, tokenHash: hashToken(secret), prefix })
    await recordAudit(tx, actor, {
      buildingId: null,
      entityType: 'api_token',
      entityId: token.id,
      action: 'create',
      summary: `API token "${token.name}" (${token.prefix}…) created`,
      after: { id: token.id, name: token.name, prefix: token.prefix, userId: actor.id },
    })
    return { token, secret }
  })
}

/** Revokes one of the actor's own tokens; someone else's token is simply not found. */
export async function revokeApiToken({ db, actor, tokenId }: { db: Db; actor: Actor; tokenId: string }) {
  const id = requireUuid(tokenId, 'api token')
  return db.transaction(async (tx) => {
    const before = await getApiTokenOfUser(tx, { userId: actor.id, tokenId: id })
    if (!before) throw new NotFoundError('api token')
    if (before.revokedAt !== null) return before
    const after = await revokeApiTokenOfUser(tx, { userId: actor.id, tokenId: id, at: new Date() })
    // Revoked by a concurrent request in the meantime: that one wrote the audit entry.
    if (!after) return (await getApiTokenOfUser(tx, { userId: actor.id, tokenId: id })) ?? before
    await recordAudit(tx, actor, {
      buildingId: null,
      entityType: 'api_token',
      entityId: id,
      action: 'delete',
      summary: `API token "${before.name}" (${before.prefix}…) revoked`,
      before: { id, name: before.name, prefix: before.prefix, userId: actor.id },
      after: { revokedAt: after.revokedAt },
    })
    return after
  })
}
