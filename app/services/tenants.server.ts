import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { compareDates, isIsoDate, type IsoDate } from '#app/domain/dates.ts'
import { collapseToRanges, offsetNumber } from '#app/domain/numbers/index.ts'
import { normalizeKvk } from '#app/domain/registry.ts'
import type { MessageKey } from '#app/i18n/index.ts'
import { NotFoundError, ValidationError, type FieldMessage } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import { listContacts } from '#db/queries/contacts.ts'
import { listSharesNamingTenant, updateShareProspect } from '#db/queries/users.ts'
import {
  countTenantDependents,
  deleteTenant,
  getTenantInBuilding,
  insertTenant,
  listTenantNumbersWithService,
  listTenantsPage,
  updateTenant,
  type TenantPresence,
} from '#db/queries/tenants.ts'
import { recordAudit, type AuditRecord } from './audit.server.ts'
import { pgError, rethrowAsValidation } from './db-errors.server.ts'
import { requireManagedBuilding, requireUuid } from './scope.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'

const text = (max: number) => z.string().trim().min(1, 'field.required').max(max, 'field.tooLong')

const requiredDate = z
  .string()
  .trim()
  .min(1, 'field.required')
  .refine((v) => isIsoDate(v), 'field.invalidDate')

const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? '').trim()
    if (s === '') return null
    if (!isIsoDate(s)) {
      ctx.addIssue({ code: 'custom', message: 'field.invalidDate' })
      return z.NEVER
    }
    return s
  })

export const tenantInput = z
  .object({
    legalName: text(200),
    kvkNumber: z.string().transform((v, ctx) => {
      if (v.trim() === '') {
        ctx.addIssue({ code: 'custom', message: 'field.required' })
        return z.NEVER
      }
      return normalizeKvk(v) ?? (ctx.addIssue({ code: 'custom', message: 'kvk.invalid' }), z.NEVER)
    }),
    unit: z
      .string()
      .trim()
      .max(50, 'field.tooLong')
      .optional()
      .transform((v) => v ?? ''),
    moveIn: requiredDate,
    moveOut: optionalDate,
  })
  .refine((v) => v.moveOut === null || compareDates(v.moveOut, v.moveIn) >= 0, {
    message: 'tenant.moveOutBeforeMoveIn',
    path: ['moveOut'],
    // Also when another field (the name, the KvK number) is wrong, as long as both dates are.
    when: ({ value }) => {
      const v = value as { moveIn?: unknown; moveOut?: unknown }
      return typeof v.moveIn === 'string' && isIsoDate(v.moveIn) && (v.moveOut === null || (typeof v.moveOut === 'string' && isIsoDate(v.moveOut)))
    },
  })

/** Constraints of the tenants table whose messages only this module knows (the KvK ones are shared). */
const tenantConstraints: Record<string, [field: string, key: MessageKey]> = {
  ck_tenants_move_out: ['moveOut', 'tenant.moveOutBeforeMoveIn'],
  ck_tenants_name: ['legalName', 'field.required'],
}

/** Rows that still point at the tenant (a race with the check before deleting). */
const deleteBlockingConstraints: Record<string, MessageKey> = {
  fk_numbers_tenant: 'tenant.holdsNumbers',
  fk_contracts_holder_tenant: 'tenant.holdsContract',
  fk_services_dedicated_tenant: 'tenant.dedicatedService',
  fk_contracts_signed_by: 'tenant.contactSignedContract',
}

function rethrowTenantError(error: unknown, deleting = false): never {
  const pg = pgError(error)
  if (pg?.constraint) {
    const known = tenantConstraints[pg.constraint]
    if (known && pg.code.startsWith('23')) throw new ValidationError({ [known[0]]: known[1] })
    const blocking = deleteBlockingConstraints[pg.constraint]
    if (deleting && blocking && pg.code === '23503') throw new ValidationError({ _form: blocking })
  }
  return rethrowAsValidation(error)
}

const today = (): IsoDate => todayInNetherlands()

const presences = ['all', 'present', 'movedOut'] as const satisfies readonly TenantPresence[]

/** Reads the list filter leniently: an unknown value means "no filter", never an error. */
const tenantListQuery = z.object({
  q: z.string().trim().max(200).catch('').default(''),
  status: z.enum(presences).catch('all').default('all'),
})

/**
 * The tenants of a building for the facility manager: filtered by name or KvK text and by
 * presence, ordered by name, one page at a time, with number and contact counts.
 */
export async function listTenants({
  db,
  actor,
  buildingId,
  query,
  page,
  asOf = today(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  query: { q?: string | null; status?: string | null }
  page: { page: number; pageSize: number; limit: number; offset: number }
  asOf?: IsoDate
}) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const filter = tenantListQuery.parse({ q: query.q ?? undefined, status: query.status ?? undefined })
  const [{ rows, total }, buildingContacts] = await Promise.all([
    listTenantsPage(db, { buildingId, text: filter.q, presence: filter.status, asOf }, page),
    listContacts(db, { buildingId, tenantId: null }),
  ])
  return {
    building: { id: building.id, name: building.name },
    filter,
    asOf,
    tenants: rows.map((r) => ({ ...r, movedOut: r.moveOut !== null && compareDates(r.moveOut, asOf) <= 0 })),
    total,
    page: page.page,
    pageSize: page.pageSize,
    buildingContacts,
  }
}

async function requireTenantInBuilding(db: Db, buildingId: string, tenantId: string) {
  const tenant = await getTenantInBuilding(db, { buildingId, tenantId: requireUuid(tenantId, 'tenant') })
  if (!tenant) throw new NotFoundError('tenant')
  return tenant
}

/** A building the facility manager may add a tenant to (the "new tenant" page). */
export async function getNewTenantForm({ db, actor, buildingId }: { db: Db; actor: Actor; buildingId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  return { building: { id: building.id, name: building.name } }
}

/** One tenant of a managed building, for its edit form. A tenant of another building is not found. */
export async function getTenant({ db, actor, buildingId, tenantId }: { db: Db; actor: Actor; buildingId: string; tenantId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const tenant = await requireTenantInBuilding(db, buildingId, tenantId)
  return { building: { id: building.id, name: building.name }, tenant }
}

/** The tenant page: company data, its contacts, and its numbers grouped by the service carrying them. */
export async function getTenantDetail({
  db,
  actor,
  buildingId,
  tenantId,
  asOf = today(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  tenantId: string
  asOf?: IsoDate
}) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const tenant = await requireTenantInBuilding(db, buildingId, tenantId)
  const [contacts, numbers] = await Promise.all([
    listContacts(db, { buildingId, tenantId: tenant.id }),
    listTenantNumbersWithService(db, { buildingId, tenantId: tenant.id }),
  ])
  const byService = new Map<string, { serviceId: string; kind: (typeof numbers)[number]['serviceKind']; carrierRef: string; criticalUse: (typeof numbers)[number]['criticalUse']; e164s: string[] }>()
  for (const n of numbers) {
    let group = byService.get(n.serviceId)
    if (!group) {
      group = { serviceId: n.serviceId, kind: n.serviceKind, carrierRef: n.carrierRef, criticalUse: n.criticalUse, e164s: [] }
      byService.set(n.serviceId, group)
    }
    group.e164s.push(n.e164)
  }
  return {
    building: { id: building.id, name: building.name },
    tenant: { ...tenant, movedOut: tenant.moveOut !== null && compareDates(tenant.moveOut, asOf) <= 0 },
    contacts,
    numberCount: numbers.length,
    services: [...byService.values()].map(({ e164s, ...service }) => ({
      ...service,
      count: e164s.length,
      ranges: collapseToRanges(e164s).map((r) => ({ first: r.first, last: offsetNumber(r.first, r.count - 1) ?? r.first, count: r.count })),
    })),
  }
}

export async function createTenant({ db, actor, buildingId, input }: { db: Db; actor: Actor; buildingId: string; input: unknown }) {
  await requireManagedBuilding(db, actor, buildingId)
  const values = parseInput(tenantInput, input)
  try {
    return await db.transaction(async (tx) => {
      const tenant = await insertTenant(tx, { ...values, buildingId })
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'tenant',
        entityId: tenant.id,
        action: 'create',
        summary: `tenant ${tenant.legalName} created`,
        after: tenant,
      })
      return tenant
    })
  } catch (error) {
    return rethrowTenantError(error)
  }
}

export async function editTenant({
  db,
  actor,
  buildingId,
  tenantId,
  input,
}: {
  db: Db
  actor: Actor
  buildingId: string
  tenantId: string
  input: unknown
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const before = await requireTenantInBuilding(db, buildingId, tenantId)
  const values = parseInput(tenantInput, input)
  try {
    return await db.transaction(async (tx) => {
      const after = await updateTenant(tx, { buildingId, tenantId: before.id }, values)
      if (!after) throw new NotFoundError('tenant')
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'tenant',
        entityId: after.id,
        action: 'update',
        summary: `tenant ${after.legalName} updated`,
        before,
        after,
      })
      return after
    })
  } catch (error) {
    return rethrowTenantError(error)
  }
}

type Dependents = Awaited<ReturnType<typeof countTenantDependents>>

/** Why a tenant cannot be deleted yet, most important first; empty when it can. */
function deletionBlockers(d: Dependents): FieldMessage[] {
  const out: FieldMessage[] = []
  if (d.numbers > 0) out.push({ key: 'tenant.holdsNumbers' })
  if (d.heldContracts.length > 0) out.push({ key: 'tenant.holdsContract' })
  if (d.dedicatedServices.length > 0) out.push({ key: 'tenant.dedicatedService' })
  if (d.contractsSignedByContacts.length > 0) out.push({ key: 'tenant.contactSignedContract' })
  if (d.openRequests > 0) out.push({ key: 'tenant.openRequests' })
  return out
}

/**
 * What deleting a tenant would do, for the confirmation page: what blocks it (numbers, a contract
 * it holds, a dedicated service, a contract signed by one of its contacts) and what goes with it
 * (its contacts and its users' accounts).
 */
export async function getTenantDeletionImpact({ db, actor, buildingId, tenantId }: { db: Db; actor: Actor; buildingId: string; tenantId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const tenant = await requireTenantInBuilding(db, buildingId, tenantId)
  const dependents = await countTenantDependents(db, { buildingId, tenantId: tenant.id })
  return {
    building: { id: building.id, name: building.name },
    tenant,
    numbers: dependents.numbers,
    heldContracts: dependents.heldContracts,
    dedicatedServices: dependents.dedicatedServices,
    contractsSignedByContacts: dependents.contractsSignedByContacts,
    contacts: dependents.contacts,
    userAccounts: dependents.userAccounts.length,
    blockers: deletionBlockers(dependents),
  }
}

/**
 * Deletes a tenant with its contacts and its users' accounts. Refused, changing nothing, while the
 * tenant holds numbers, holds a contract, is a service's dedicated tenant or has a contact who
 * signed a contract.
 */
export async function removeTenant({ db, actor, buildingId, tenantId }: { db: Db; actor: Actor; buildingId: string; tenantId: string }) {
  await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(tenantId, 'tenant')
  try {
    await db.transaction(async (tx) => {
      const tenant = await getTenantInBuilding(tx, { buildingId, tenantId: id })
      if (!tenant) throw new NotFoundError('tenant')
      const dependents = await countTenantDependents(tx, { buildingId, tenantId: id })
      const [blocker] = deletionBlockers(dependents)
      if (blocker) throw new ValidationError({ _form: blocker })
      const contacts = await listContacts(tx, { buildingId, tenantId: id })
      // Shares naming the tenant as prospect stay, counts only: clear the prospect before the row goes.
      const prospectShares = await listSharesNamingTenant(tx, buildingId, id)
      for (const share of prospectShares) await updateShareProspect(tx, buildingId, share.userId, null)
      const before = await deleteTenant(tx, { buildingId, tenantId: id })
      if (!before) throw new NotFoundError('tenant')
      const cascaded: AuditRecord[] = [
        ...contacts.map((c) => ({
          buildingId,
          entityType: 'contact',
          entityId: c.id,
          action: 'delete' as const,
          summary: `contact ${c.name} deleted with tenant ${before.legalName}`,
          before: c,
        })),
        ...prospectShares.map((share) => ({
          buildingId,
          entityType: 'building_share',
          entityId: share.userId,
          action: 'update' as const,
          summary: `share with ${share.email} no longer names ${before.legalName} as prospect (tenant deleted)`,
          before: { userId: share.userId, prospectTenantId: id },
          after: { userId: share.userId, prospectTenantId: null },
        })),
        ...dependents.userAccounts.map((u) => ({
          buildingId,
          entityType: 'user',
          entityId: u.id,
          action: 'delete' as const,
          summary: `user ${u.email} deleted with tenant ${before.legalName}`,
          before: u,
        })),
      ]
      await recordAudit(
        tx,
        actor,
        {
          buildingId,
          entityType: 'tenant',
          entityId: before.id,
          action: 'delete',
          summary: `tenant ${before.legalName} deleted`,
          before,
        },
        ...cascaded,
      )
    })
  } catch (error) {
    return rethrowTenantError(error, true)
  }
}
