import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { contractTimeline } from '#app/domain/contracts/index.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import { normalizePostcode } from '#app/domain/registry.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import { listAuditEntries } from '#db/queries/audit.ts'
import {
  countBuildingTotals,
  countNumberFlags,
  countTenantsPresent,
  deleteBuilding,
  insertBuilding,
  listBuildingsForUser,
  listContractsWithCarrier,
  listServicesWithCounts,
  listTenantsWithCounts,
  updateBuilding,
} from '#db/queries/buildings.ts'
import { deleteBuildingImportChanges } from '#db/queries/imports.ts'
import { deleteBuildingShare, getBuildingShare, insertBuildingManager, insertBuildingShare, listBuildingShares } from '#db/queries/users.ts'
import { recordAudit } from './audit.server.ts'
import { rethrowAsValidation } from './db-errors.server.ts'
import { changeShareProspect, listProspectChoices, prospectField, requireProspect, requireSalesUser } from './shares.server.ts'
import { requireManagedBuilding, requirePermission, requireUuid, resolveBuildingScope } from './scope.server.ts'

const text = (max: number) => z.string().trim().min(1, 'field.required').max(max, 'field.tooLong')

export const buildingInput = z.object({
  name: text(200),
  street: text(200),
  postcode: z
    .string()
    .transform((v, ctx) => normalizePostcode(v) ?? (ctx.addIssue({ code: 'custom', message: 'postcode.invalid' }), z.NEVER)),
  city: text(100),
})

/** The buildings on a user's start page, with counts. Facility managers: managed; sales: shared. */
export async function listPortfolio({ db, actor }: { db: Db; actor: Actor }) {
  if (actor.role === 'tenant') throw new ForbiddenError('tenants have no portfolio')
  const rows = await listBuildingsForUser(db, actor.id, actor.role === 'facility_manager' ? 'managed' : 'shared')
  const totals = await countBuildingTotals(db, rows.map((r) => r.id))
  return rows.map((b) => {
    const t = totals.get(b.id) ?? { tenants: 0, numbers: 0, unallocated: 0 }
    return actor.role === 'facility_manager'
      ? { ...b, ...t }
      : { id: b.id, name: b.name, city: b.city, postcode: b.postcode, street: b.street, updatedAt: b.updatedAt, tenants: t.tenants, numbers: t.numbers, unallocated: null }
  })
}

export async function createBuilding({ db, actor, input }: { db: Db; actor: Actor; input: unknown }) {
  requirePermission(actor, 'building:create')
  const values = parseInput(buildingInput, input)
  try {
    return await db.transaction(async (tx) => {
      const building = await insertBuilding(tx, values)
      await insertBuildingManager(tx, building.id, actor.id)
      await recordAudit(tx, actor, {
        buildingId: building.id,
        entityType: 'building',
        entityId: building.id,
        action: 'create',
        summary: `building ${building.name} created`,
        after: building,
      })
      return building
    })
  } catch (error) {
    return rethrowAsValidation(error)
  }
}

export async function editBuilding({ db, actor, buildingId, input }: { db: Db; actor: Actor; buildingId: string; input: unknown }) {
  const { building: before } = await requireManagedBuilding(db, actor, buildingId)
  const values = parseInput(buildingInput, input)
  try {
    return await db.transaction(async (tx) => {
      const after = await updateBuilding(tx, buildingId, values)
      if (!after) throw new NotFoundError('building')
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'building',
        entityId: buildingId,
        action: 'update',
        summary: `building ${after.name} updated`,
        before,
        after,
      })
      return after
    })
  } catch (error) {
    return rethrowAsValidation(error)
  }
}

/** What deleting would take with it, for the confirmation page. */
export async function getBuildingDeletionImpact({ db, actor, buildingId }: { db: Db; actor: Actor; buildingId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const [contracts, tenants, flags] = await Promise.all([
    listContractsWithCarrier(db, buildingId),
    listTenantsWithCounts(db, buildingId),
    countNumberFlags(db, buildingId),
  ])
  return { building, contracts: contracts.length, tenants: tenants.length, numbers: flags.total }
}

/** Deletes an empty building. One with contracts or tenants is refused: remove those first. */
export async function removeBuilding({ db, actor, buildingId }: { db: Db; actor: Actor; buildingId: string }) {
  const impact = await getBuildingDeletionImpact({ db, actor, buildingId })
  if (impact.contracts > 0 || impact.tenants > 0) throw new ValidationError({ _form: 'building.notEmpty' })
  await db.transaction(async (tx) => {
    await deleteBuildingImportChanges(tx, buildingId)
    const before = await deleteBuilding(tx, buildingId)
    if (!before) throw new NotFoundError('building')
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'building',
      entityId: buildingId,
      action: 'delete',
      summary: `building ${before.name} deleted`,
      before,
    })
  })
}

/**
 * The building overview. Facility managers get everything; sales users get counts only
 * (no tenant names, numbers or contacts). Tenant users use their own pages.
 */
export async function getBuildingOverview({ db, actor, buildingId, asOf }: { db: Db; actor: Actor; buildingId: string; asOf: IsoDate }) {
  const scope = await resolveBuildingScope(db, actor, buildingId)
  if (scope.access === 'tenant') throw new NotFoundError('building')
  const [services, tenantCounts] = await Promise.all([listServicesWithCounts(db, buildingId), countTenantsPresent(db, buildingId)])
  if (scope.access === 'counts') {
    return {
      view: 'counts' as const,
      building: { id: scope.building.id, name: scope.building.name, city: scope.building.city },
      tenantCount: tenantCounts.total,
      services: services.map((s) => ({ kind: s.kind, numberCount: s.numberCount })),
      numberCount: services.reduce((sum, s) => sum + s.numberCount, 0),
    }
  }
  const [contracts, tenants, flags, audit] = await Promise.all([
    listContractsWithCarrier(db, buildingId),
    listTenantsWithCounts(db, buildingId),
    countNumberFlags(db, buildingId),
    listAuditEntries(db, { buildingId }, { limit: 8, offset: 0 }),
  ])
  return {
    view: 'manage' as const,
    building: scope.building,
    contracts: contracts.map((c) => ({ ...c, timeline: contractTimeline(c, asOf) })),
    services,
    tenants,
    flags,
    recentAudit: audit.rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorEmail: r.actorEmail, action: r.action, entityType: r.entityType, summary: r.summary })),
  }
}

/** The building's shares with their prospects, and the tenants that may be named as prospect. */
export async function listShares({ db, actor, buildingId }: { db: Db; actor: Actor; buildingId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const [shares, tenants] = await Promise.all([listBuildingShares(db, buildingId), listProspectChoices(db, buildingId)])
  return { building, shares, tenants }
}

const shareInput = z.object({ email: z.string().trim().toLowerCase().email('email.invalid'), prospectTenantId: prospectField })

/**
 * Shares a building with a sales user (by e-mail): counts only, or with a prospect tenant whose own
 * impact the sales user may preview. Sharing again names the prospect of the existing share.
 */
export async function shareBuilding({ db, actor, buildingId, input }: { db: Db; actor: Actor; buildingId: string; input: unknown }) {
  await requireManagedBuilding(db, actor, buildingId)
  const { email, prospectTenantId } = parseInput(shareInput, input)
  const user = await requireSalesUser(db, email)
  const prospect = await requireProspect(db, buildingId, prospectTenantId)
  await db.transaction(async (tx) => {
    const added = await insertBuildingShare(tx, buildingId, user.id, actor.id, prospect?.id ?? null)
    if (added) {
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'building_share',
        entityId: user.id,
        action: 'create',
        summary: `building shared with ${user.email}${prospect ? `, prospect ${prospect.legalName}` : ''}`,
        after: { userId: user.id, email: user.email, prospectTenantId: prospect?.id ?? null, prospectName: prospect?.legalName ?? null },
      })
    } else if (prospect) {
      const existing = await getBuildingShare(tx, buildingId, user.id)
      await changeShareProspect(tx, actor, { buildingId, user, before: existing?.prospectTenantId ?? null, prospect })
    }
  })
}

export async function unshareBuilding({ db, actor, buildingId, userId }: { db: Db; actor: Actor; buildingId: string; userId: string }) {
  await requireManagedBuilding(db, actor, buildingId)
  requireUuid(userId, 'share')
  await db.transaction(async (tx) => {
    const share = await getBuildingShare(tx, buildingId, userId)
    const removed = await deleteBuildingShare(tx, buildingId, userId)
    if (!removed || !share) throw new NotFoundError('share')
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'building_share',
      entityId: userId,
      action: 'delete',
      summary: 'building share revoked',
      before: { userId, prospectTenantId: share.prospectTenantId },
    })
  })
}
