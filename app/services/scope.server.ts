// The one place that decides which building and which tenant's data an actor may touch.
import { buildingAccess, hasPermission, type BuildingAccess, type Permission } from '#app/domain/permissions.ts'
import type { Db } from '#db/client.ts'
import { getBuilding } from '#db/queries/buildings.ts'
import { getTenantWithBuilding } from '#db/queries/tenants.ts'
import { getBuildingRelation } from '#db/queries/users.ts'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.role, permission)) throw new ForbiddenError(permission)
}

export interface BuildingScope {
  building: NonNullable<Awaited<ReturnType<typeof getBuilding>>>
  access: Exclude<BuildingAccess, 'none'>
  /** Set when the actor sees the building as one tenant. */
  tenantId: string | null
  /** Sales only: the prospect tenant the share names, whose own data the sales user may see. */
  prospectTenantId: string | null
}

/**
 * Resolves the actor's view of a building. A building the actor may not see is reported as
 * missing (404), never as forbidden, so its existence is not revealed.
 */
export async function resolveBuildingScope(
  db: Db,
  actor: Actor,
  buildingId: string,
  need?: Exclude<BuildingAccess, 'none'>,
): Promise<BuildingScope> {
  if (!isUuid(buildingId)) throw new NotFoundError('building')
  const building = await getBuilding(db, buildingId)
  if (!building) throw new NotFoundError('building')
  const relation = await getBuildingRelation(db, actor.id, actor.tenantId, buildingId)
  const access = buildingAccess(actor.role, relation)
  if (access === 'none') throw new NotFoundError('building')
  if (need && access !== need) throw new NotFoundError('building')
  return {
    building,
    access,
    tenantId: access === 'tenant' ? actor.tenantId : null,
    prospectTenantId: access === 'counts' ? relation.prospectTenantId : null,
  }
}

/** Shorthand for use cases only facility managers of the building may run. */
export async function requireManagedBuilding(db: Db, actor: Actor, buildingId: string) {
  requirePermission(actor, 'building:manage')
  return resolveBuildingScope(db, actor, buildingId, 'manage')
}

/** The tenant user's own company with its building; other roles are refused (ForbiddenError). */
export async function requireOwnTenantRow(db: Db, actor: Actor) {
  const tenant = await getTenantWithBuilding(db, { tenantId: requireOwnTenant(actor) })
  if (!tenant) throw new NotFoundError('tenant')
  return tenant
}

/** The tenant a tenant user acts for, or ForbiddenError for other roles. */
export function requireOwnTenant(actor: Actor): string {
  requirePermission(actor, 'tenant:view-own')
  if (!actor.tenantId) throw new ForbiddenError('no tenant')
  return actor.tenantId
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Ids in URLs are untrusted: anything not shaped like a uuid is simply not found. */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id)
}

export function requireUuid(id: string | undefined, what = 'record'): string {
  if (!id || !isUuid(id)) throw new NotFoundError(what)
  return id
}
