import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import { hashPassword } from '#app/server/password.server.ts'
import type { Db } from '#db/client.ts'
import { deleteTenantUser, getTenantInBuilding, getUserByEmailWithHash, insertUser, listUsersOfTenant } from '#db/queries/users.ts'
import { recordAudit } from './audit.server.ts'
import { minPasswordLength } from './auth.server.ts'
import { requireManagedBuilding, requireUuid } from './scope.server.ts'

async function requireTenantOfManagedBuilding(db: Db, actor: Actor, buildingId: string, tenantId: string) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const tenant = await getTenantInBuilding(db, buildingId, requireUuid(tenantId, 'tenant'))
  if (!tenant) throw new NotFoundError('tenant')
  return { building, tenant }
}

/** The logins of one tenant company, for its facility manager. */
export async function listTenantLogins({ db, actor, buildingId, tenantId }: { db: Db; actor: Actor; buildingId: string; tenantId: string }) {
  const { building, tenant } = await requireTenantOfManagedBuilding(db, actor, buildingId, tenantId)
  return { building: { id: building.id, name: building.name }, tenant, users: await listUsersOfTenant(db, tenant.id) }
}

const tenantUserInput = z.object({
  name: z.string().trim().min(1, 'field.required').max(200, 'field.tooLong'),
  email: z.string().trim().toLowerCase().email('email.invalid'),
  password: z.string().min(minPasswordLength, 'password.tooShort'),
})

/** Gives a tenant company a login bound to it; the tenant user sees only that company's data. */
export async function createTenantLogin({ db, actor, buildingId, tenantId, input }: { db: Db; actor: Actor; buildingId: string; tenantId: string; input: unknown }) {
  const { tenant } = await requireTenantOfManagedBuilding(db, actor, buildingId, tenantId)
  const values = parseInput(tenantUserInput, input)
  if (await getUserByEmailWithHash(db, values.email)) throw new ValidationError({ email: 'users.emailTaken' })
  const passwordHash = await hashPassword(values.password)
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: values.email, name: values.name, passwordHash, role: 'tenant', tenantId: tenant.id })
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'user',
      entityId: user.id,
      action: 'create',
      summary: `login ${user.email} created for ${tenant.legalName}`,
      after: user,
    })
    return user
  })
}

export async function removeTenantLogin({ db, actor, buildingId, tenantId, userId }: { db: Db; actor: Actor; buildingId: string; tenantId: string; userId: string }) {
  const { tenant } = await requireTenantOfManagedBuilding(db, actor, buildingId, tenantId)
  await db.transaction(async (tx) => {
    const before = await deleteTenantUser(tx, tenant.id, requireUuid(userId, 'user'))
    if (!before) throw new NotFoundError('user')
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'user',
      entityId: before.id,
      action: 'delete',
      summary: `login ${before.email} of ${tenant.legalName} removed`,
      before,
    })
  })
}
