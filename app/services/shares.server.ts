// The prospect tenant of a building share. A share shows a sales user the building's counts; when it
// names a prospect, the sales user may also preview that company's own impact, with every other
// company anonymised (docs: impact-rules, Visibility). The facility manager names or changes the
// prospect; a tenant user may share the building naming its own company, and withdraw that again.
import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import { listTenantChoices } from '#db/queries/contracts.ts'
import { getTenantInBuilding } from '#db/queries/tenants.ts'
import {
  deleteBuildingShare,
  getBuildingShare,
  getUserByEmailWithHash,
  insertBuildingShare,
  listSharesNamingTenant,
  updateShareProspect,
} from '#db/queries/users.ts'
import { recordAudit } from './audit.server.ts'
import { requireManagedBuilding, requireOwnTenantRow, requirePermission, requireUuid } from './scope.server.ts'

/** An optional tenant id from a select: empty means "no prospect". */
export const prospectField = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .pipe(z.uuid('field.invalidChoice').nullable())

const emailField = z.string().trim().toLowerCase().email('email.invalid')

/** The sales user with this e-mail address, else a field error on `email`. */
export async function requireSalesUser(db: Db, email: string) {
  const user = await getUserByEmailWithHash(db, email)
  if (!user || user.role !== 'sales') throw new ValidationError({ email: 'share.notSales' })
  return { id: user.id, email: user.email }
}

/** The prospect a form names: null for none, a tenant of the building, else a field error. */
export async function requireProspect(db: Db, buildingId: string, tenantId: string | null) {
  if (tenantId === null) return null
  const tenant = await getTenantInBuilding(db, { buildingId, tenantId })
  if (!tenant) throw new ValidationError({ prospectTenantId: 'field.invalidChoice' })
  return { id: tenant.id, legalName: tenant.legalName }
}

/** The building's tenants a facility manager may name as prospect. */
export async function listProspectChoices(db: Db, buildingId: string) {
  const rows = await listTenantChoices(db, { buildingId })
  return rows.map((t) => ({ id: t.id, legalName: t.legalName }))
}

type Prospect = { id: string; legalName: string } | null

/** Writes a share's new prospect with its audit entry, inside the caller's transaction. */
export async function changeShareProspect(
  tx: Db,
  actor: Actor,
  share: { buildingId: string; user: { id: string; email: string }; before: string | null; prospect: Prospect },
) {
  const { buildingId, user, before, prospect } = share
  if ((prospect?.id ?? null) === before) return false
  if (!(await updateShareProspect(tx, buildingId, user.id, prospect?.id ?? null))) throw new NotFoundError('share')
  await recordAudit(tx, actor, {
    buildingId,
    entityType: 'building_share',
    entityId: user.id,
    action: 'update',
    summary: prospect ? `share with ${user.email}: prospect ${prospect.legalName}` : `share with ${user.email}: no prospect (counts only)`,
    before: { userId: user.id, prospectTenantId: before },
    after: { userId: user.id, prospectTenantId: prospect?.id ?? null, prospectName: prospect?.legalName ?? null },
  })
  return true
}

/** The facility manager names, changes or (empty) clears the prospect of an existing share. */
export async function setShareProspect({ db, actor, buildingId, userId, input }: { db: Db; actor: Actor; buildingId: string; userId: string; input: unknown }) {
  await requireManagedBuilding(db, actor, buildingId)
  const salesId = requireUuid(userId, 'share')
  const { prospectTenantId } = parseInput(z.object({ prospectTenantId: prospectField }), input)
  const prospect = await requireProspect(db, buildingId, prospectTenantId)
  return db.transaction(async (tx) => {
    const share = await getBuildingShare(tx, buildingId, salesId)
    if (!share) throw new NotFoundError('share')
    const user = { id: share.userId, email: share.email }
    return { changed: await changeShareProspect(tx, actor, { buildingId, user, before: share.prospectTenantId, prospect }) }
  })
}

// ---------------------------------------------------------------------------------------------
// The tenant portal: a tenant user shares the building with a sales user, naming its own company.

async function requireMyCompany(db: Db, actor: Actor) {
  const tenant = await requireOwnTenantRow(db, actor)
  return { id: tenant.id, legalName: tenant.legalName, buildingId: tenant.buildingId, buildingName: tenant.building.name }
}

/** The sales users the building is shared with naming the tenant's own company as prospect. */
export async function listMyProspectShares({ db, actor }: { db: Db; actor: Actor }) {
  const company = await requireMyCompany(db, actor)
  const shares = await listSharesNamingTenant(db, company.buildingId, company.id)
  return {
    company: { legalName: company.legalName },
    building: { name: company.buildingName },
    shares: shares.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
  }
}

/**
 * Shares the tenant's building with a sales user, naming the tenant's own company as prospect. An
 * existing share without a prospect gets this one; a share naming another company is refused —
 * only the facility manager may change that.
 */
export async function shareAsProspect({ db, actor, input }: { db: Db; actor: Actor; input: unknown }) {
  requirePermission(actor, 'tenant:edit-own-contacts')
  const company = await requireMyCompany(db, actor)
  const { email } = parseInput(z.object({ email: emailField }), input)
  const user = await requireSalesUser(db, email)
  const prospect = { id: company.id, legalName: company.legalName }
  const buildingId = company.buildingId
  await db.transaction(async (tx) => {
    const existing = await getBuildingShare(tx, buildingId, user.id)
    if (existing && existing.prospectTenantId !== null && existing.prospectTenantId !== company.id) {
      throw new ValidationError({ email: 'prospect.otherProspect' })
    }
    if (existing) {
      await changeShareProspect(tx, actor, { buildingId, user, before: existing.prospectTenantId, prospect })
      return
    }
    await insertBuildingShare(tx, buildingId, user.id, actor.id, company.id)
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'building_share',
      entityId: user.id,
      action: 'create',
      summary: `building shared with ${user.email} by ${company.legalName}, prospect ${company.legalName}`,
      after: { userId: user.id, email: user.email, prospectTenantId: company.id, prospectName: company.legalName },
    })
  })
}

/**
 * Withdraws the tenant's company as prospect: a share the tenant's own users made is removed; one
 * the facility manager made stays, with counts only.
 */
export async function withdrawProspectShare({ db, actor, userId }: { db: Db; actor: Actor; userId: string }) {
  requirePermission(actor, 'tenant:edit-own-contacts')
  const company = await requireMyCompany(db, actor)
  const salesId = requireUuid(userId, 'share')
  const buildingId = company.buildingId
  await db.transaction(async (tx) => {
    const share = await getBuildingShare(tx, buildingId, salesId)
    if (!share || share.prospectTenantId !== company.id) throw new NotFoundError('share')
    const user = { id: share.userId, email: share.email }
    if (share.sharedByTenantId === company.id) {
      await deleteBuildingShare(tx, buildingId, salesId)
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'building_share',
        entityId: salesId,
        action: 'delete',
        summary: `share with ${user.email} withdrawn by ${company.legalName}`,
        before: { userId: salesId, prospectTenantId: company.id },
      })
    } else {
      await changeShareProspect(tx, actor, { buildingId, user, before: company.id, prospect: null })
    }
  })
}
