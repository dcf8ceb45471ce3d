import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { createTenantLogin, listTenantLogins, removeTenantLogin } from '#app/services/users.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, users } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertTenant, insertUser } from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'

let db: Db
let manager: Actor
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
})


let emailCounter = 0
const loginForm = (overrides: Record<string, string> = {}) => ({
  name: 'Ria Receptie',
  email: `login-${++emailCounter}-${Date.now()}@tenant.example`,
  password: 'twelve chars or more',
  ...overrides,
})

async function userRow(id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id))
  return row ?? null
}

async function userAudit(userId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, userId)))
    .orderBy(auditLog.id)
}

/** A building managed by `manager` with one tenant. */
async function setup() {
  const b = await insertBuilding(db, {}, [manager])
  const tenant = await insertTenant(db, b.id)
  return { b, tenant }
}

describe('creating a tenant login', () => {
  it('creates a tenant-role user bound to the tenant who can then log in', async () => {
    const { b, tenant } = await setup()
    const input = loginForm({ email: '  Ria.Receptie@Tenant.Example ' })
    const created = await createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input })
    expect(created).toMatchObject({ email: 'ria.receptie@tenant.example', name: 'Ria Receptie', role: 'tenant', tenantId: tenant.id })
    expect(created).not.toHaveProperty('passwordHash')
    const row = await userRow(created.id)
    expect(row).toMatchObject({ role: 'tenant', tenantId: tenant.id, email: 'ria.receptie@tenant.example' })
    expect(row!.passwordHash.startsWith('$argon2id$')).toBe(true)

    const login = await logIn({ db, email: 'ria.receptie@tenant.example', password: input.password, ip: 'unknown' })
    expect(login).toMatchObject({ ok: true, user: { id: created.id, role: 'tenant', tenantId: tenant.id } })

    const { users: listed } = await listTenantLogins({ db, actor: manager, buildingId: b.id, tenantId: tenant.id })
    expect(listed.map((u) => u.id)).toEqual([created.id])
  })

  it('records an audit entry for the new login without the password or its hash', async () => {
    const { b, tenant } = await setup()
    const input = loginForm()
    const created = await createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input })
    const hash = (await userRow(created.id))!.passwordHash
    const entries = await userAudit(created.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ action: 'create', buildingId: b.id, actorUserId: manager.id, after: { id: created.id, email: created.email, tenantId: tenant.id } })
    const written = JSON.stringify(entries[0])
    expect(written).not.toContain(hash)
    expect(written).not.toContain(input.password)
    expect(written).not.toContain('$argon2')
  })

  it('an e-mail address already in use, in any case, is refused on the email field', async () => {
    const { b, tenant } = await setup()
    const first = await createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input: loginForm() })
    expect(await refused(createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input: loginForm({ email: first.email.toUpperCase() }) }))).toEqual({
      email: 'users.emailTaken',
    })
    // Also when the address belongs to a facility manager.
    expect(await refused(createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input: loginForm({ email: manager.email }) }))).toEqual({
      email: 'users.emailTaken',
    })
    const { users: listed } = await listTenantLogins({ db, actor: manager, buildingId: b.id, tenantId: tenant.id })
    expect(listed).toHaveLength(1)
  })

  it('a password shorter than twelve characters is refused and no user is created', async () => {
    const { b, tenant } = await setup()
    const input = loginForm({ password: 'elevenchars' })
    expect(await refused(createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input }))).toEqual({ password: 'password.tooShort' })
    expect(await db.select().from(users).where(eq(users.email, input.email))).toEqual([])
  })

  it('a malformed e-mail address is refused on the email field', async () => {
    const { b, tenant } = await setup()
    expect(await refused(createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input: loginForm({ email: 'no-at-sign' }) }))).toEqual({
      email: 'email.invalid',
    })
  })

  it('a tenant of another building is not found, even when the manager manages that building too', async () => {
    const { b } = await setup()
    const { tenant: elsewhere } = await setup()
    const input = loginForm()
    await expect(createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: elsewhere.id, input })).rejects.toBeInstanceOf(NotFoundError)
    expect(await db.select().from(users).where(eq(users.email, input.email))).toEqual([])
  })

  it('a facility manager who does not manage the building gets not found', async () => {
    const { b, tenant } = await setup()
    const other = await insertUser(db, { role: 'facility_manager' })
    await expect(createTenantLogin({ db, actor: other, buildingId: b.id, tenantId: tenant.id, input: loginForm() })).rejects.toBeInstanceOf(NotFoundError)
    await expect(listTenantLogins({ db, actor: other, buildingId: b.id, tenantId: tenant.id })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('a tenant user cannot create logins, not even for their own company', async () => {
    const { b, tenant } = await setup()
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: tenant.id })
    await expect(createTenantLogin({ db, actor: tenantUser, buildingId: b.id, tenantId: tenant.id, input: loginForm() })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('a tenant id that is not a uuid is not found', async () => {
    const { b } = await setup()
    await expect(createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: 'nope', input: loginForm() })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('removing a tenant login', () => {
  it('deletes the login and records the removal', async () => {
    const { b, tenant } = await setup()
    const created = await createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input: loginForm() })
    await removeTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, userId: created.id })
    expect(await userRow(created.id)).toBeNull()
    const entries = await userAudit(created.id)
    expect(entries.map((e) => e.action)).toEqual(['create', 'delete'])
    expect(entries[1]).toMatchObject({ buildingId: b.id, before: { id: created.id, email: created.email } })
    expect(JSON.stringify(entries[1])).not.toContain('$argon2')
  })

  it('cannot remove a login that belongs to another tenant of the same building', async () => {
    const { b, tenant } = await setup()
    const neighbour = await insertTenant(db, b.id)
    const theirs = await createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: neighbour.id, input: loginForm() })
    await expect(removeTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, userId: theirs.id })).rejects.toBeInstanceOf(NotFoundError)
    expect(await userRow(theirs.id)).not.toBeNull()
    expect((await userAudit(theirs.id)).map((e) => e.action)).toEqual(['create'])
  })

  it('cannot remove a user who is not a tenant login', async () => {
    const { b, tenant } = await setup()
    const colleague = await insertUser(db, { role: 'facility_manager' })
    await expect(removeTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, userId: colleague.id })).rejects.toBeInstanceOf(NotFoundError)
    await expect(removeTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, userId: 'not-a-uuid' })).rejects.toBeInstanceOf(NotFoundError)
    expect(await userRow(colleague.id)).not.toBeNull()
  })

  it('a facility manager of another building cannot remove the login', async () => {
    const { b, tenant } = await setup()
    const created = await createTenantLogin({ db, actor: manager, buildingId: b.id, tenantId: tenant.id, input: loginForm() })
    const other = await insertUser(db, { role: 'facility_manager' })
    await expect(removeTenantLogin({ db, actor: other, buildingId: b.id, tenantId: tenant.id, userId: created.id })).rejects.toBeInstanceOf(NotFoundError)
    expect(await userRow(created.id)).not.toBeNull()
  })
})
