import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import * as tokensPage from '#app/routes/auth/tokens.tsx'
import { ApiProblem, requireApiUser } from '#app/server/api.server.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { NotFoundError, UnauthorizedError } from '#app/server/errors.server.ts'
import { commitSessionToken, getOptionalUser } from '#app/server/session.server.ts'
import { hashToken } from '#app/server/tokens.server.ts'
import { createApiToken, listApiTokens, maxActiveTokens, revokeApiToken } from '#app/services/api-tokens.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import type { Db } from '#db/client.ts'
import { apiTokens, auditLog } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertTenant, insertUser, testPassword } from '#tests/support/factories.ts'
import { auditEntries, refusal, refused } from '#tests/support/factories-tenants.ts'

let db: Db
let tenantId: string
beforeAll(async () => {
  vi.stubEnv('SESSION_SECRET', 'a test secret of at least sixteen characters')
  const database = await createTestDatabase()
  setDatabase(database)
  db = database.db
  tenantId = (await insertTenant(db, (await insertBuilding(db)).id)).id
})

/** A tenant user of the one test tenant. */
const tenantUser = () => insertUser(db, { role: 'tenant', tenantId })

const bearer = (secret: string, extra: Record<string, string> = {}) => new Request('http://localhost/api/v1/buildings', { headers: { Authorization: `Bearer ${secret}`, ...extra } })

async function storedRow(id: string) {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id))
  return row!
}

/** Everything the database holds, as text: a secret must appear nowhere. */
async function everythingStored() {
  const tokens = await db.select().from(apiTokens)
  const audit = await db.select().from(auditLog)
  return JSON.stringify([tokens, audit])
}

describe('creating a token', () => {
  it('stores the SHA-256 of the secret, never the secret itself', async () => {
    const user = await insertUser(db, { role: 'facility_manager' })
    const { token, secret } = await createApiToken({ db, actor: user, name: '  CRM sync  ' })
    expect(secret).toMatch(/^sl_[A-Za-z0-9_-]{43}$/)
    expect(token).toMatchObject({ name: 'CRM sync', prefix: secret.slice(0, 11), lastUsedAt: null, revokedAt: null })
    expect(token).not.toHaveProperty('tokenHash')
    const row = await storedRow(token.id)
    expect(row.tokenHash).toBe(hashToken(secret))
    expect(await everythingStored()).not.toContain(secret)
  })

  it('records the creation in the audit log, without the secret or its hash', async () => {
    const user = await tenantUser()
    const { token, secret } = await createApiToken({ db, actor: user, name: 'Reporting' })
    const [entry, ...more] = await auditEntries(db, 'api_token', token.id)
    expect(more).toEqual([])
    expect(entry).toMatchObject({ action: 'create', actorUserId: user.id, actorEmail: user.email, buildingId: null, entityId: token.id })
    expect(entry!.summary).toContain('Reporting')
    const text = JSON.stringify(entry)
    expect(text).not.toContain(secret)
    expect(text).not.toContain(hashToken(secret))
  })

  it('needs a name of at most 100 characters', async () => {
    const user = await insertUser(db, { role: 'sales' })
    expect(await refused(createApiToken({ db, actor: user, name: '   ' }))).toEqual({ name: 'field.required' })
    expect(await refused(createApiToken({ db, actor: user, name: 'x'.repeat(101) }))).toEqual({ name: 'field.tooLong' })
    expect(await listApiTokens({ db, actor: user })).toEqual([])
  })

  it(`allows at most ${maxActiveTokens} live tokens per user; revoked ones do not count`, async () => {
    const user = await insertUser(db, { role: 'facility_manager' })
    const created = []
    for (let i = 0; i < maxActiveTokens; i++) created.push(await createApiToken({ db, actor: user, name: `token ${i}` }))
    expect(await refused(createApiToken({ db, actor: user, name: 'one too many' }))).toEqual({ name: 'apiTokens.tooMany' })
    await revokeApiToken({ db, actor: user, tokenId: created[0]!.token.id })
    await expect(createApiToken({ db, actor: user, name: 'room again' })).resolves.toMatchObject({ token: { name: 'room again' } })
  })
})

describe('authenticating with a token', () => {
  it('acts as the token’s user and records the use', async () => {
    const user = await insertUser(db, { role: 'sales' })
    const { token, secret } = await createApiToken({ db, actor: user, name: 'bot' })
    expect(await requireApiUser(bearer(secret))).toEqual({ id: user.id, email: user.email, name: user.name, role: 'sales', tenantId: null })
    expect((await storedRow(token.id)).lastUsedAt).toBeInstanceOf(Date)
  })

  it('refuses a revoked token', async () => {
    const user = await insertUser(db, { role: 'facility_manager' })
    const { token, secret } = await createApiToken({ db, actor: user, name: 'old' })
    await revokeApiToken({ db, actor: user, tokenId: token.id })
    expect(await refusal(requireApiUser(bearer(secret)))).toBeInstanceOf(UnauthorizedError)
  })

  it('does not accept a session cookie: only the Authorization header authenticates the API', async () => {
    const user = await insertUser(db, { role: 'facility_manager' })
    const login = await logIn({ db, email: user.email, password: testPassword, ip: 'unknown' })
    if (!login.ok) throw new Error('login failed')
    const cookie = (await commitSessionToken(login.token)).split(';')[0]!
    const request = new Request('http://localhost/api/v1/buildings', { headers: { Cookie: cookie } })
    // The cookie is a valid session for the web pages …
    expect(await getOptionalUser(request)).toMatchObject({ id: user.id })
    // … and means nothing to the API.
    const refused = await refusal(requireApiUser(request))
    expect(refused).toBeInstanceOf(ApiProblem)
    expect((refused as ApiProblem).status).toBe(401)
  })
})

describe('revoking a token', () => {
  it('marks it revoked, keeps it listed, and records the revocation once', async () => {
    const user = await tenantUser()
    const { token, secret } = await createApiToken({ db, actor: user, name: 'laptop' })
    const revoked = await revokeApiToken({ db, actor: user, tokenId: token.id })
    expect(revoked.revokedAt).toBeInstanceOf(Date)
    await revokeApiToken({ db, actor: user, tokenId: token.id })
    expect((await listApiTokens({ db, actor: user })).map((t) => [t.id, t.revokedAt !== null])).toEqual([[token.id, true]])
    const entries = await auditEntries(db, 'api_token', token.id)
    expect(entries.map((e) => e.action)).toEqual(['create', 'delete'])
    expect(JSON.stringify(entries)).not.toContain(secret)
  })

  it('refuses another user’s token as not found, and leaves it working', async () => {
    const owner = await insertUser(db, { role: 'facility_manager' })
    const intruder = await insertUser(db, { role: 'facility_manager' })
    const { token, secret } = await createApiToken({ db, actor: owner, name: 'mine' })
    expect(await refusal(revokeApiToken({ db, actor: intruder, tokenId: token.id }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(revokeApiToken({ db, actor: intruder, tokenId: 'not-a-uuid' }))).toBeInstanceOf(NotFoundError)
    expect((await storedRow(token.id)).revokedAt).toBeNull()
    expect(await requireApiUser(bearer(secret))).toMatchObject({ id: owner.id })
    expect(await listApiTokens({ db, actor: intruder })).toEqual([])
    expect(await auditEntries(db, 'api_token', token.id)).toHaveLength(1)
  })
})

describe('the API tokens page (/account/tokens)', () => {
  type LoaderArgs = Parameters<typeof tokensPage.loader>[0]
  type ActionArgs = Parameters<typeof tokensPage.action>[0]

  async function sessionOf(user: Actor) {
    const login = await logIn({ db, email: user.email, password: testPassword, ip: 'unknown' })
    if (!login.ok) throw new Error('login failed')
    return (await commitSessionToken(login.token)).split(';')[0]!
  }
  const page = (cookie: string, search = '') => tokensPage.loader({ request: new Request(`http://localhost/account/tokens${search}`, { headers: { Cookie: cookie } }), params: {}, context: {} } as unknown as LoaderArgs)
  const post = (cookie: string, form: Record<string, string>) =>
    tokensPage.action({
      request: new Request('http://localhost/account/tokens', { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(form) }),
      params: {},
      context: {},
    } as unknown as ActionArgs)

  it('shows the secret once after creating, then only name and prefix', async () => {
    const user = await tenantUser()
    const cookie = await sessionOf(user)
    const created = (await post(cookie, { intent: 'create', name: 'Spreadsheet' })) as { data: { created: { name: string; secret: string } }; init: ResponseInit | null }
    const { secret } = created.data.created
    expect(secret).toMatch(/^sl_/)
    expect(new Headers(created.init?.headers).get('Cache-Control')).toBe('no-store')
    const listed = await page(cookie)
    expect(listed.tokens).toEqual([expect.objectContaining({ name: 'Spreadsheet', prefix: secret.slice(0, 11), lastUsedAt: null, revokedAt: null })])
    expect(JSON.stringify(listed)).not.toContain(secret)
  })

  it('asks for confirmation before revoking, then revokes', async () => {
    const user = await insertUser(db, { role: 'sales' })
    const cookie = await sessionOf(user)
    const { token } = await createApiToken({ db, actor: user, name: 'CRM' })
    expect((await page(cookie, `?revoke=${token.id}`)).confirm).toMatchObject({ id: token.id, name: 'CRM' })
    expect(await post(cookie, { intent: 'revoke', tokenId: token.id })).toMatchObject({ data: { ok: true, revoked: 'CRM' } })
    const after = await page(cookie, `?revoke=${token.id}`)
    expect(after.confirm).toBeNull()
    expect(after.tokens[0]!.revokedAt).not.toBeNull()
  })

  it('does not confirm or revoke another user’s token', async () => {
    const owner = await insertUser(db, { role: 'facility_manager' })
    const other = await insertUser(db, { role: 'facility_manager' })
    const { token } = await createApiToken({ db, actor: owner, name: 'theirs' })
    const cookie = await sessionOf(other)
    expect((await page(cookie, `?revoke=${token.id}`)).confirm).toBeNull()
    const response = await refusal(post(cookie, { intent: 'revoke', tokenId: token.id }))
    expect(response).toMatchObject({ init: { status: 404 } })
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(apiTokens).where(eq(apiTokens.id, token.id))
    expect(row!.n).toBe(1)
    expect((await storedRow(token.id)).revokedAt).toBeNull()
  })
})
