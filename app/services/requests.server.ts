// Migration requests: a tenant (or the facility manager on its behalf) saves a draft and submits it.
// Submission stores the impact report as a snapshot, reserves every number that would move (the
// database refuses a second open request on any of them) and opens consent tasks for dragged tenants.
import type { Actor } from '#app/domain/actor.ts'
import { computeImpact, type ImpactReport } from '#app/domain/impact/index.ts'
import { parseRequestFile, resolveRequest, requestToFile } from '#app/domain/impact/request-file.ts'
import { checkRequestPlan } from '#app/domain/requests/checks.ts'
import { differenceOf, type ImpactDifference } from '#app/domain/requests/views.ts'
import { isOpen, transition, type RequestAction, type RequestRole, type RequestState } from '#app/domain/requests/lifecycle.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { closeOpenAllocations } from '#db/queries/numbers.ts'
import {
  answerConsentTask,
  deleteConsentTasks,
  deleteRequestNumbers,
  getConsentTask,
  getLastPersonEvent,
  getMigrationRequestByClientKey,
  getMigrationRequest,
  getNumberIds,
  getSnapshot,
  insertConsentTasks,
  insertMigrationRequest,
  insertRequestEvents,
  insertRequestNumbers,
  endContractsWithoutServices,
  endServices,
  listConsentTasks,
  listRequestNumbers,
  lockMigrationRequest,
  lockNumbersByE164,
  markNumbersPortedOut,
  servicesWithLiveNumbers,
  updateMigrationRequest,
  type NewMigrationRequest,
} from '#db/queries/requests.ts'
import { recordAudit } from './audit.server.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import { pgError } from './db-errors.server.ts'
import { requireOwnSubjects } from './impact.server.ts'
import { queueRequestMails, type RequestMailEvent } from './notifications.server.ts'
import { InputProblemsError } from './input-problems.server.ts'
import { requireUuid, requireOwnTenant, resolveBuildingScope } from './scope.server.ts'

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

/**
 * Checks a request file for a draft of `buildingId`: a migration, of the actor's own company when
 * the actor is a tenant user, naming things the building has, with dates not in the past, an
 * installation before the port date only when acknowledged, and a signatory of the requesting company.
 */
async function checkedDraft(db: Db, actor: Actor, buildingId: string, request: unknown, acknowledgeInstallBeforePort: boolean, today: string) {
  const parsed = parseRequestFile(request)
  if (!parsed.ok) throw new InputProblemsError(parsed.problems)
  const file = parsed.value
  if (file.type !== 'migration') throw new ValidationError({ _form: 'request.migration_only' })
  const role = await roleFor(db, actor, buildingId, file.tenant)
  const inventory = await loadBuildingInventory(db, buildingId)
  if (role === 'requester') requireOwnSubjects(file, inventory, { view: 'tenant', selfTenantId: file.tenant })
  const resolved = resolveRequest(file, inventory)
  if (!resolved.ok) throw new InputProblemsError(resolved.problems)
  const problems = checkRequestPlan(resolved.value, inventory, today, { acknowledgeInstallBeforePort })
  if (problems.length > 0) throw new InputProblemsError(problems)
  return { file: requestToFile(resolved.value), tenantId: file.tenant }
}

/**
 * Saves a migration request as a draft. Tenant users may only name their own numbers and data lines.
 * `clientKey` identifies the form: sending the same form twice creates one draft and returns it.
 */
export async function createDraftRequest({
  db,
  actor,
  buildingId,
  request,
  clientKey = null,
  acknowledgeInstallBeforePort = false,
  today = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  request: unknown
  clientKey?: string | null
  acknowledgeInstallBeforePort?: boolean
  today?: string
}) {
  const key = clientKey === null ? null : requireUuid(clientKey, 'request')
  const { file, tenantId } = await checkedDraft(db, actor, buildingId, request, acknowledgeInstallBeforePort, today)
  if (key) {
    const existing = await getMigrationRequestByClientKey(db, buildingId, key)
    if (existing) return existing
  }
  return db
    .transaction(async (tx) => {
      const row = await insertMigrationRequest(tx, { buildingId, tenantId, request: file, installBeforePortAcknowledged: acknowledgeInstallBeforePort, clientKey: key, createdBy: actor.id })
      await insertRequestEvents(tx, [{ buildingId, requestId: row.id, actorUserId: actor.id, action: 'create', toState: 'draft' }])
      await recordAudit(tx, actor, { buildingId, entityType: 'migration_request', entityId: row.id, action: 'create', summary: 'migration request drafted', after: row })
      return row
    })
    .catch(async (error: unknown) => {
      // The same form sent twice at once: the database let one insert through; return that one.
      if (key && pgError(error)?.constraint === 'uq_migration_requests_building_client_key') {
        const existing = await getMigrationRequestByClientKey(db, buildingId, key)
        if (existing) return existing
      }
      throw error
    })
}

/** Changes a draft (its numbers, dates, carrier, signatory). Only drafts change; the version must match. */
export async function updateDraftRequest({
  db,
  actor,
  requestId,
  request,
  expectedVersion,
  acknowledgeInstallBeforePort = false,
  today = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  requestId: string
  request: unknown
  expectedVersion: number
  acknowledgeInstallBeforePort?: boolean
  today?: string
}) {
  const id = requireUuid(requestId, 'request')
  const current = await getMigrationRequest(db, id)
  if (!current) throw new NotFoundError('request')
  await roleFor(db, actor, current.buildingId, current.tenantId)
  const { file, tenantId } = await checkedDraft(db, actor, current.buildingId, request, acknowledgeInstallBeforePort, today)
  if (tenantId !== current.tenantId) throw new InputProblemsError([{ path: '$.tenant', message: 'A request stays with the company that drafted it' }])
  return db.transaction(async (tx) => {
    const row = await lockForChange(tx, id, expectedVersion)
    if (row.state !== 'draft') throw new ValidationError({ _form: 'request.only_drafts_change' })
    const after = await updateMigrationRequest(tx, id, row.version, { request: file, installBeforePortAcknowledged: acknowledgeInstallBeforePort })
    if (!after) throw new ValidationError({ _form: 'request.version_conflict' })
    await recordAudit(tx, actor, { buildingId: row.buildingId, entityType: 'migration_request', entityId: id, action: 'update', summary: 'migration request draft changed', before: { request: row.request, version: row.version }, after: { request: file, version: after.version } })
    return after
  })
}

/** The request and how the actor stands to it; a request the actor may not see does not exist. */
async function requestWithRole(db: Db, actor: Actor, requestId: string) {
  const id = requireUuid(requestId, 'request')
  const current = await getMigrationRequest(db, id)
  if (!current) throw new NotFoundError('request')
  return { id, role: await roleFor(db, actor, current.buildingId, current.tenantId) }
}

type RequestRow = NonNullable<Awaited<ReturnType<typeof lockMigrationRequest>>>

/** Locks the request for the transaction and checks it is still the version the user acted on. */
async function lockForChange(tx: Db, id: string, expectedVersion: number): Promise<RequestRow> {
  const row = await lockMigrationRequest(tx, id)
  if (!row) throw new NotFoundError('request')
  if (row.version !== expectedVersion) throw new ValidationError({ _form: 'request.version_conflict' })
  return row
}

/**
 * The same step sent twice (a double click, a resent form): the request moved on by exactly this
 * actor's `action` right after the version the form was based on. The second send then answers like
 * the first instead of reporting a conflict.
 */
async function repeatedStep(tx: Db, id: string, expectedVersion: number, action: RequestAction, actor: Actor): Promise<RequestRow | null> {
  const row = await lockMigrationRequest(tx, id)
  if (!row || row.version !== expectedVersion + 1) return null
  const last = await getLastPersonEvent(tx, id)
  return last && last.action === action && last.actorUserId === actor.id ? row : null
}

interface Step {
  action: RequestAction
  role: RequestRole
  reason?: string | null
}

/**
 * Applies one or more lifecycle steps to a locked request: each is checked against the state machine,
 * the row is written only if its version is unchanged, and every step goes to the timeline and the
 * audit log in the same transaction.
 */
async function applySteps(tx: Db, actor: Actor, row: RequestRow, steps: Step[], values: Partial<NewMigrationRequest>, summary: string, facts: Record<string, unknown> = {}) {
  let state = row.state
  const events = steps.map((step) => {
    const to = refuseTransition(state, step.action, step.role, step.reason)
    const event = { buildingId: row.buildingId, requestId: row.id, actorUserId: step.role === 'system' ? null : actor.id, action: step.action, fromState: state, toState: to, reason: step.reason?.trim() || null }
    state = to
    return event
  })
  const after = await updateMigrationRequest(tx, row.id, row.version, { ...values, state })
  if (!after) throw new ValidationError({ _form: 'request.version_conflict' })
  await insertRequestEvents(tx, events)
  if (!isOpen(state)) await deleteRequestNumbers(tx, row.id)
  await recordAudit(tx, actor, {
    buildingId: row.buildingId,
    entityType: 'migration_request',
    entityId: row.id,
    action: 'update',
    summary,
    before: { state: row.state, version: row.version },
    after: { state, version: after.version, ...facts },
  })
  return after
}

/** The impact of a stored request on the building as it is now, after the checks on the form. */
async function currentImpact(tx: Db, row: RequestRow, asOf: string): Promise<ImpactReport> {
  const inventory = await loadBuildingInventory(tx, row.buildingId)
  const parsed = parseRequestFile(row.request)
  if (!parsed.ok) throw new InputProblemsError(parsed.problems)
  const resolved = resolveRequest(parsed.value, inventory)
  if (!resolved.ok) throw new InputProblemsError(resolved.problems)
  const problems = checkRequestPlan(resolved.value, inventory, asOf, { acknowledgeInstallBeforePort: row.installBeforePortAcknowledged })
  if (problems.length > 0) throw new InputProblemsError(problems)
  return computeImpact(inventory, resolved.value, asOf)
}

/** Reserves the numbers a report moves; the database refuses any already held by another open request. */
async function reserve(tx: Db, row: RequestRow, report: ImpactReport) {
  await deleteRequestNumbers(tx, row.id)
  const ids = await getNumberIds(tx, row.buildingId, report.outcome.moved.map((m) => m.e164))
  await insertRequestNumbers(tx, ids.map((n) => ({ buildingId: row.buildingId, requestId: row.id, numberId: n.id, e164: n.e164 })))
}

function rethrowReserved(error: unknown): never {
  if (pgError(error)?.constraint === 'uq_request_numbers_building_number') throw new ValidationError({ _form: 'request.numbers_reserved' })
  throw error
}

/**
 * Submits a draft: computes the impact on today's inventory and stores it as the snapshot, reserves
 * the numbers that would move, and asks every dragged tenant for consent (or goes straight to
 * approval when nobody else is affected). `expectedVersion` is the version the user saw: a request
 * changed in the meantime is refused, and so is a second submission of the same form.
 */
export async function submitMigrationRequest({ db, actor, requestId, expectedVersion, asOf = todayInNetherlands() }: { db: Db; actor: Actor; requestId: string; expectedVersion: number; asOf?: string }) {
  const { id, role } = await requestWithRole(db, actor, requestId)
  return db
    .transaction(async (tx) => {
      const repeat = await repeatedStep(tx, id, expectedVersion, 'submit', actor)
      if (repeat) return { request: repeat, report: (await getSnapshot(tx, id)) as ImpactReport }
      const row = await lockForChange(tx, id, expectedVersion)
      refuseTransition(row.state, 'submit', role)
      const report = await currentImpact(tx, row, asOf)
      if (report.verdict === 'blocked') throw new ValidationError({ _form: 'request.blocked' })
      await reserve(tx, row, report)
      const dragged = report.outcome.dragged.map((d) => d.tenantId)
      await insertConsentTasks(tx, dragged.map((tenantId) => ({ buildingId: row.buildingId, requestId: id, tenantId })))
      const request = await applySteps(
        tx,
        actor,
        row,
        [{ action: 'submit', role }, { action: dragged.length > 0 ? 'open_consent' : 'skip_consent', role: 'system' }],
        { snapshot: report, submittedBy: actor.id, submittedAt: new Date() },
        `migration request submitted: ${report.outcome.moved.length} numbers reserved, ${dragged.length} tenants asked for consent`,
        { reserved: report.outcome.moved.length, consentTasks: dragged.length, verdict: report.verdict },
      )
      await queueRequestMails(tx, id, 'submitted')
      if (dragged.length > 0) await queueRequestMails(tx, id, 'consent_requested')
      return { request, report }
    })
    .catch(rethrowReserved)
}

/**
 * A dragged tenant answers its consent task: one of its own users, or the facility manager on its
 * behalf (recorded as such). The last consent moves the request on to approval; a refusal stops it
 * until the plan changes (revise) or the facility manager decides.
 */
export async function answerConsent({
  db,
  actor,
  requestId,
  tenantId,
  answer,
  reason = null,
  expectedVersion,
}: {
  db: Db
  actor: Actor
  requestId: string
  tenantId?: string
  answer: 'given' | 'refused'
  reason?: string | null
  expectedVersion: number
}) {
  const id = requireUuid(requestId, 'request')
  const current = await getMigrationRequest(db, id)
  if (!current) throw new NotFoundError('request')
  const scope = await resolveBuildingScope(db, actor, current.buildingId)
  const onBehalf = scope.access === 'manage'
  const answering = onBehalf ? requireUuid(tenantId, 'consent') : requireOwnTenant(actor)
  if (!onBehalf && scope.access !== 'tenant') throw new NotFoundError('request')
  return db.transaction(async (tx) => {
    const row = await lockForChange(tx, id, expectedVersion)
    const task = await getConsentTask(tx, id, answering)
    if (!task) throw new NotFoundError('consent')
    if (row.state !== 'awaiting_consent') throw new ValidationError({ _form: 'request.consent_not_open' })
    if (task.state !== 'pending' || !(await answerConsentTask(tx, task.id, { state: answer, answeredBy: actor.id, onBehalf, reason: reason?.trim() || null }))) {
      throw new ValidationError({ _form: 'request.consent_not_pending' })
    }
    const tasks = await listConsentTasks(tx, id)
    const allGiven = tasks.every((t) => t.state === 'given')
    await insertRequestEvents(tx, [
      { buildingId: row.buildingId, requestId: id, actorUserId: actor.id, action: answer === 'given' ? 'consent_given' : 'consent_refused', reason: reason?.trim() || null },
    ])
    const summary = `consent ${answer} for tenant ${answering}${onBehalf ? ' by the facility manager on its behalf' : ''}`
    const steps: Step[] = allGiven ? [{ action: 'all_consented', role: 'system' }] : []
    const after = await applySteps(tx, actor, row, steps, {}, summary, { consentTenantId: answering, answer, onBehalf })
    await queueRequestMails(tx, id, answer === 'given' ? 'consent_given' : 'consent_refused', {
      consentTenantId: answering,
      given: tasks.filter((t) => t.state === 'given').length,
      reason: reason?.trim() || null,
    })
    return after
  })
}

export type ChangeAction = 'approve' | 'schedule' | 'reject' | 'cancel' | 'withdraw' | 'revise'

/**
 * The lifecycle steps people take: approve (with a re-check on today's inventory: a difference from
 * the snapshot is returned and must be confirmed), schedule, reject and cancel (facility manager,
 * with a reason), withdraw (requester), revise (back to draft; reservations and consents lapse).
 */
export async function changeRequestState({
  db,
  actor,
  requestId,
  action,
  reason = null,
  expectedVersion,
  confirmDifference = false,
  asOf = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  requestId: string
  action: ChangeAction
  reason?: string | null
  expectedVersion: number
  confirmDifference?: boolean
  asOf?: string
}): Promise<{ request: RequestRow; difference: ImpactDifference | null; applied: boolean }> {
  const { id, role } = await requestWithRole(db, actor, requestId)
  return db
    .transaction(async (tx) => {
      const repeat = await repeatedStep(tx, id, expectedVersion, action, actor)
      if (repeat) return { request: repeat, difference: null, applied: true }
      const row = await lockForChange(tx, id, expectedVersion)
      refuseTransition(row.state, action, role, reason)
      if (action === 'approve') {
        const snapshot = (await getSnapshot(tx, id)) as ImpactReport
        const report = await currentImpact(tx, row, asOf)
        const difference = differenceOf(snapshot, report)
        if (difference && !confirmDifference) return { request: row, difference, applied: false }
        if (report.verdict === 'blocked') throw new ValidationError({ _form: 'request.blocked' })
        // Companies that were never asked cannot be moved along by confirming: the plan goes back to them first.
        if (difference && difference.tenantsAdded.length > 0) throw new ValidationError({ _form: 'request.recheck_new_tenants' })
        if (difference) await reserve(tx, row, report)
        const request = await applySteps(tx, actor, row, [{ action, role }], difference ? { snapshot: report } : {}, 'migration request approved', { difference })
        await queueRequestMails(tx, id, 'approved')
        return { request, difference, applied: true }
      }
      if (action === 'revise') await deleteConsentTasks(tx, id)
      // A draft again: its old snapshot no longer stands; it is taken anew at the next submission.
      const request = await applySteps(tx, actor, row, [{ action, role, reason }], action === 'revise' ? { snapshot: null } : {}, `migration request: ${action}`, { reason })
      const mailed: Partial<Record<ChangeAction, RequestMailEvent>> = { schedule: 'scheduled', reject: 'rejected', cancel: 'cancelled', withdraw: 'withdrawn' }
      const event = mailed[action]
      // A draft withdrawn was never submitted: nobody else knows of it.
      if (event && row.state !== 'draft') await queueRequestMails(tx, id, event, { reason: reason?.trim() || null })
      return { request, difference: null, applied: true }
    })
    .catch(rethrowReserved)
}

/**
 * Records the outcome of a scheduled request, on or after its port date, in one transaction: the
 * numbers that moved become `ported_out` and their holdings end; leaving services end once none of
 * their numbers is live (data lines in the request end with it); a contract ends when its last
 * service does. `notMoved` lists numbers of the request that did not move (a failed or partial port);
 * they stay as they were. Every changed number, service and contract is in the audit log.
 */
export async function completeMigrationRequest({
  db,
  actor,
  requestId,
  expectedVersion,
  completedOn = todayInNetherlands(),
  notMoved = [],
  today = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  requestId: string
  expectedVersion: number
  completedOn?: string
  notMoved?: string[]
  /** The outcome of a port is recorded once it happened: not for a day still to come. */
  today?: string
}) {
  const { id, role } = await requestWithRole(db, actor, requestId)
  return db.transaction(async (tx) => {
    const row = await lockForChange(tx, id, expectedVersion)
    refuseTransition(row.state, 'complete', role)
    const snapshot = (await getSnapshot(tx, id)) as ImpactReport
    if (snapshot.request.type !== 'migration') throw new ValidationError({ _form: 'request.migration_only' })
    if (completedOn > today) throw new ValidationError({ completedOn: { key: 'request.complete_in_future', params: { date: today } } })
    if (completedOn < snapshot.request.portDate) throw new ValidationError({ completedOn: { key: 'request.complete_before_port', params: { date: snapshot.request.portDate } } })
    const reserved = (await listRequestNumbers(tx, id)).map((r) => r.e164)
    const stray = notMoved.filter((n) => !reserved.includes(n))
    if (stray.length > 0) throw new ValidationError({ notMoved: { key: 'request.not_in_request', params: { numbers: stray.join(', ') } } })
    const failed = new Set(notMoved)
    const moved = await lockNumbersByE164(tx, row.buildingId, reserved.filter((n) => !failed.has(n)))
    await markNumbersPortedOut(tx, row.buildingId, moved.map((n) => n.id))
    await closeOpenAllocations(tx, { buildingId: row.buildingId, numberIds: moved.map((n) => n.id) })

    const leaving = snapshot.outcome.services.filter((s) => s.leaves).map((s) => s.serviceId)
    const stillLive = await servicesWithLiveNumbers(tx, row.buildingId, leaving)
    const ended = await endServices(tx, row.buildingId, leaving.filter((s) => !stillLive.has(s)), completedOn)
    const endedContracts = await endContractsWithoutServices(tx, row.buildingId, [...new Set(ended.map((s) => s.contractId))], completedOn)

    const reason = failed.size > 0 ? `partial port: ${failed.size} of ${reserved.length} numbers did not move` : null
    const request = await applySteps(tx, actor, row, [{ action: 'complete', role, reason }], {}, `migration request completed: ${moved.length} numbers ported out`, {
      ported: moved.length,
      notMoved: [...failed],
      servicesEnded: ended.length,
      contractsEnded: endedContracts.length,
    })
    await queueRequestMails(tx, id, 'completed', { notMoved: [...failed], date: completedOn })
    await recordAudit(
      tx,
      actor,
      ...moved.map((n) => ({
        buildingId: row.buildingId,
        entityType: 'number',
        entityId: n.id,
        action: 'update' as const,
        summary: `${n.e164} ported out (request ${id})`,
        before: { status: n.status, tenantId: n.tenantId },
        after: { status: 'ported_out', tenantId: null },
      })),
      ...ended.map((s) => ({ buildingId: row.buildingId, entityType: 'service', entityId: s.id, action: 'update' as const, summary: `service ${s.carrierRef} ended (request ${id})`, before: { endedOn: null }, after: { endedOn: completedOn } })),
      ...endedContracts.map((c) => ({ buildingId: row.buildingId, entityType: 'contract', entityId: c.id, action: 'update' as const, summary: `contract ${c.contractNumber} ended (request ${id})`, before: { endedOn: null }, after: { endedOn: completedOn } })),
    )
    return { request, ported: moved.map((n) => n.e164).sort(), notMoved: [...failed].sort(), servicesEnded: ended.map((s) => s.id), contractsEnded: endedContracts.map((c) => c.id) }
  })
}
