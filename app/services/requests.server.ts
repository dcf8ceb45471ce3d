// Migration requests: a tenant (or the facility manager on its behalf) saves a draft and submits it.
// Submission stores the impact report as a snapshot, reserves every number that would move (the
// database refuses a second open request on any of them) and opens consent tasks for dragged tenants.
import type { Actor } from '#app/domain/actor.ts'
import { computeImpact, type ImpactReport } from '#app/domain/impact/index.ts'
import { parseRequestFile, resolveRequest, requestToFile } from '#app/domain/impact/request-file.ts'
import { transition, type RequestAction, type RequestRole, type RequestState } from '#app/domain/requests/lifecycle.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import {
  getMigrationRequest,
  getNumberIds,
  insertConsentTasks,
  insertMigrationRequest,
  insertRequestEvents,
  insertRequestNumbers,
  lockMigrationRequest,
  updateMigrationRequest,
} from '#db/queries/requests.ts'
import { recordAudit } from './audit.server.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import { pgError } from './db-errors.server.ts'
import { requireOwnSubjects } from './impact.server.ts'
import { InputProblemsError } from './input-problems.server.ts'
import { requireUuid, resolveBuildingScope } from './scope.server.ts'

/** How the actor stands to a request of `tenantId` in `buildingId`; anyone else is told it does not exist. */
async function roleFor(db: Db, actor: Actor, buildingId: string, tenantId: string): Promise<RequestRole> {
  const scope = await resolveBuildingScope(db, actor, buildingId)
  if (scope.access === 'manage') return 'facility_manager'
  if (scope.access === 'tenant' && scope.tenantId === tenantId) return 'requester'
  throw new NotFoundError('request')
}

function refuseTransition(state: RequestState, action: RequestAction, role: RequestRole, reason?: string | null) {
  const result = transition(state, action, role, reason)
  if (!result.ok) throw new ValidationError({ _form: result.error })
  return result.to
}

/** Saves a migration request as a draft. Tenant users may only name their own numbers and data lines. */
export async function createDraftRequest({ db, actor, buildingId, request }: { db: Db; actor: Actor; buildingId: string; request: unknown }) {
  const parsed = parseRequestFile(request)
  if (!parsed.ok) throw new InputProblemsError(parsed.problems)
  const file = parsed.value
  if (file.type !== 'migration') throw new ValidationError({ _form: 'request.migration_only' })
  const role = await roleFor(db, actor, buildingId, file.tenant)
  const inventory = await loadBuildingInventory(db, buildingId)
  if (role === 'requester') requireOwnSubjects(file, inventory, { view: 'tenant', selfTenantId: file.tenant })
  const resolved = resolveRequest(file, inventory)
  if (!resolved.ok) throw new InputProblemsError(resolved.problems)
  return db.transaction(async (tx) => {
    const row = await insertMigrationRequest(tx, { buildingId, tenantId: file.tenant, request: requestToFile(resolved.value), createdBy: actor.id })
    await insertRequestEvents(tx, [{ buildingId, requestId: row.id, actorUserId: actor.id, action: 'create', toState: 'draft' }])
    await recordAudit(tx, actor, { buildingId, entityType: 'migration_request', entityId: row.id, action: 'create', summary: 'migration request drafted', after: row })
    return row
  })
}

/**
 * Submits a draft: computes the impact on today's inventory and stores it as the snapshot, reserves
 * the numbers that would move, and asks every dragged tenant for consent (or goes straight to
 * approval when nobody else is affected). `expectedVersion` is the version the user saw: a request
 * changed in the meantime is refused, and so is a second submission of the same form.
 */
export async function submitMigrationRequest({ db, actor, requestId, expectedVersion, asOf = todayInNetherlands() }: { db: Db; actor: Actor; requestId: string; expectedVersion: number; asOf?: string }) {
  const id = requireUuid(requestId, 'request')
  const current = await getMigrationRequest(db, id)
  if (!current) throw new NotFoundError('request')
  const role = await roleFor(db, actor, current.buildingId, current.tenantId)
  const buildingId = current.buildingId
  try {
    return await db.transaction(async (tx) => {
      const row = await lockMigrationRequest(tx, id)
      if (!row) throw new NotFoundError('request')
      if (row.version !== expectedVersion) throw new ValidationError({ _form: 'request.version_conflict' })
      const submitted = refuseTransition(row.state, 'submit', role)
      const inventory = await loadBuildingInventory(tx, buildingId)
      const parsed = parseRequestFile(row.request)
      if (!parsed.ok) throw new InputProblemsError(parsed.problems)
      const resolved = resolveRequest(parsed.value, inventory)
      if (!resolved.ok) throw new InputProblemsError(resolved.problems)
      const report: ImpactReport = computeImpact(inventory, resolved.value, asOf)
      if (report.verdict === 'blocked') throw new ValidationError({ _form: 'request.blocked' })

      // The reservation: the unique key on (building, number) refuses a number held by another open request.
      const moved = report.outcome.moved.map((m) => m.e164)
      const ids = await getNumberIds(tx, buildingId, moved)
      await insertRequestNumbers(tx, ids.map((n) => ({ buildingId, requestId: id, numberId: n.id, e164: n.e164 })))

      const dragged = report.outcome.dragged.map((d) => d.tenantId)
      const next = refuseTransition(submitted, dragged.length > 0 ? 'open_consent' : 'skip_consent', 'system')
      await insertConsentTasks(tx, dragged.map((tenantId) => ({ buildingId, requestId: id, tenantId })))
      const after = await updateMigrationRequest(tx, id, row.version, { state: next, snapshot: report, submittedBy: actor.id, submittedAt: new Date() })
      if (!after) throw new ValidationError({ _form: 'request.version_conflict' })
      await insertRequestEvents(tx, [
        { buildingId, requestId: id, actorUserId: actor.id, action: 'submit', fromState: row.state, toState: submitted },
        { buildingId, requestId: id, actorUserId: null, action: dragged.length > 0 ? 'open_consent' : 'skip_consent', fromState: submitted, toState: next },
      ])
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'migration_request',
        entityId: id,
        action: 'update',
        summary: `migration request submitted: ${moved.length} numbers reserved, ${dragged.length} tenants asked for consent`,
        before: { state: row.state, version: row.version },
        after: { state: next, version: after.version, reserved: moved.length, consentTasks: dragged.length, verdict: report.verdict },
      })
      return { request: after, report }
    })
  } catch (error) {
    if (pgError(error)?.constraint === 'uq_request_numbers_building_number') throw new ValidationError({ _form: 'request.numbers_reserved' })
    throw error
  }
}
