import { and, count, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { openStates, type RequestState } from '#app/domain/requests/lifecycle.ts'
import { batches } from '../batches.ts'
import type { Db } from '../client.ts'
import { contracts } from '../schema/contracts.ts'
import { numbers } from '../schema/numbers.ts'
import { services } from '../schema/services.ts'
import { tenants } from '../schema/tenants.ts'
import { consentTasks, migrationRequests, requestEvents, requestNumbers } from '../schema/requests.ts'

export type NewMigrationRequest = typeof migrationRequests.$inferInsert

const requestColumns = {
  id: migrationRequests.id,
  buildingId: migrationRequests.buildingId,
  tenantId: migrationRequests.tenantId,
  state: migrationRequests.state,
  request: migrationRequests.request,
  version: migrationRequests.version,
  installBeforePortAcknowledged: migrationRequests.installBeforePortAcknowledged,
  createdBy: migrationRequests.createdBy,
  submittedBy: migrationRequests.submittedBy,
  submittedAt: migrationRequests.submittedAt,
  createdAt: migrationRequests.createdAt,
  updatedAt: migrationRequests.updatedAt,
}

export async function insertMigrationRequest(db: Db, values: NewMigrationRequest) {
  const [row] = await db.insert(migrationRequests).values(values).returning(requestColumns)
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function getMigrationRequest(db: Db, id: string) {
  const [row] = await db.select(requestColumns).from(migrationRequests).where(eq(migrationRequests.id, id))
  return row ?? null
}

export async function getMigrationRequestByClientKey(db: Db, buildingId: string, clientKey: string) {
  const [row] = await db.select(requestColumns).from(migrationRequests).where(and(eq(migrationRequests.buildingId, buildingId), eq(migrationRequests.clientKey, clientKey)))
  return row ?? null
}

/** The latest timeline entry a person (not the system) made. */
export async function getLastPersonEvent(db: Db, requestId: string) {
  const [row] = await db
    .select({ action: requestEvents.action, actorUserId: requestEvents.actorUserId })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), isNotNull(requestEvents.actorUserId)))
    .orderBy(desc(requestEvents.seq))
    .limit(1)
  return row ?? null
}

/** The request row locked for the rest of the transaction (a concurrent change waits). */
export async function lockMigrationRequest(db: Db, id: string) {
  const [row] = await db.select(requestColumns).from(migrationRequests).where(eq(migrationRequests.id, id)).for('update')
  return row ?? null
}

/** Writes the change only when the row still has the version the change was based on. */
export async function updateMigrationRequest(db: Db, id: string, version: number, values: Partial<NewMigrationRequest>) {
  const [row] = await db
    .update(migrationRequests)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(migrationRequests.id, id), eq(migrationRequests.version, version)))
    .returning(requestColumns)
  return row ?? null
}

export async function getNumberIds(db: Db, buildingId: string, e164s: string[]) {
  const out: { id: string; e164: string }[] = []
  for (const batch of batches(e164s)) {
    out.push(...(await db.select({ id: numbers.id, e164: numbers.e164 }).from(numbers).where(and(eq(numbers.buildingId, buildingId), inArray(numbers.e164, batch)))))
  }
  return out
}

export async function insertRequestNumbers(db: Db, rows: (typeof requestNumbers.$inferInsert)[]) {
  for (const batch of batches(rows)) await db.insert(requestNumbers).values(batch)
}

export async function deleteRequestNumbers(db: Db, requestId: string) {
  await db.delete(requestNumbers).where(eq(requestNumbers.requestId, requestId))
}

export async function listRequestNumbers(db: Db, requestId: string) {
  return db.select({ e164: requestNumbers.e164 }).from(requestNumbers).where(eq(requestNumbers.requestId, requestId)).orderBy(requestNumbers.e164)
}

export async function insertConsentTasks(db: Db, rows: (typeof consentTasks.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(consentTasks).values(rows)
}

export async function listConsentTasks(db: Db, requestId: string) {
  return db
    .select({ id: consentTasks.id, tenantId: consentTasks.tenantId, state: consentTasks.state, onBehalf: consentTasks.onBehalf, answeredAt: consentTasks.answeredAt })
    .from(consentTasks)
    .where(eq(consentTasks.requestId, requestId))
}

export async function insertRequestEvents(db: Db, rows: (typeof requestEvents.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(requestEvents).values(rows)
}

export async function listRequestEvents(db: Db, requestId: string) {
  return db
    .select({ action: requestEvents.action, fromState: requestEvents.fromState, toState: requestEvents.toState, reason: requestEvents.reason, at: requestEvents.at, actorUserId: requestEvents.actorUserId })
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(requestEvents.seq)
}

export async function getConsentTask(db: Db, requestId: string, tenantId: string) {
  const [row] = await db
    .select({ id: consentTasks.id, tenantId: consentTasks.tenantId, state: consentTasks.state })
    .from(consentTasks)
    .where(and(eq(consentTasks.requestId, requestId), eq(consentTasks.tenantId, tenantId)))
  return row ?? null
}

export async function answerConsentTask(db: Db, id: string, values: { state: 'given' | 'refused'; answeredBy: string; onBehalf: boolean; reason: string | null }) {
  const [row] = await db
    .update(consentTasks)
    .set({ ...values, answeredAt: new Date() })
    .where(and(eq(consentTasks.id, id), eq(consentTasks.state, 'pending')))
    .returning({ id: consentTasks.id, state: consentTasks.state })
  return row ?? null
}

export async function deleteConsentTasks(db: Db, requestId: string) {
  await db.delete(consentTasks).where(eq(consentTasks.requestId, requestId))
}

export async function getSnapshot(db: Db, requestId: string) {
  const [row] = await db.select({ snapshot: migrationRequests.snapshot }).from(migrationRequests).where(eq(migrationRequests.id, requestId))
  return row?.snapshot ?? null
}

/** The numbers as they are before the port is recorded, locked for the transaction. */
export async function lockNumbersByE164(db: Db, buildingId: string, e164s: string[]) {
  const out: { id: string; e164: string; tenantId: string | null; status: (typeof numbers.$inferSelect)['status']; serviceId: string }[] = []
  for (const batch of batches(e164s)) {
    out.push(
      ...(await db
        .select({ id: numbers.id, e164: numbers.e164, tenantId: numbers.tenantId, status: numbers.status, serviceId: numbers.serviceId })
        .from(numbers)
        .where(and(eq(numbers.buildingId, buildingId), inArray(numbers.e164, batch)))
        .for('update')),
    )
  }
  return out
}

export async function markNumbersPortedOut(db: Db, buildingId: string, ids: string[]) {
  for (const batch of batches(ids)) {
    await db
      .update(numbers)
      .set({ status: 'ported_out', tenantId: null, updatedAt: new Date() })
      .where(and(eq(numbers.buildingId, buildingId), inArray(numbers.id, batch)))
  }
}

/** Services among `serviceIds` that still carry a live number. */
export async function servicesWithLiveNumbers(db: Db, buildingId: string, serviceIds: string[]) {
  if (serviceIds.length === 0) return new Set<string>()
  const rows = await db
    .selectDistinct({ serviceId: numbers.serviceId })
    .from(numbers)
    .where(and(eq(numbers.buildingId, buildingId), inArray(numbers.serviceId, serviceIds), inArray(numbers.status, ['active', 'porting_out'])))
  return new Set(rows.map((r) => r.serviceId))
}

export async function endServices(db: Db, buildingId: string, ids: string[], on: string) {
  if (ids.length === 0) return []
  return db
    .update(services)
    .set({ endedOn: on, updatedAt: new Date() })
    .where(and(eq(services.buildingId, buildingId), inArray(services.id, ids), isNull(services.endedOn)))
    .returning({ id: services.id, carrierRef: services.carrierRef, contractId: services.contractId })
}

/** Ends the contracts among `ids` none of whose services still runs. */
export async function endContractsWithoutServices(db: Db, buildingId: string, ids: string[], on: string) {
  if (ids.length === 0) return []
  const running = await db
    .selectDistinct({ contractId: services.contractId })
    .from(services)
    .where(and(eq(services.buildingId, buildingId), inArray(services.contractId, ids), isNull(services.endedOn)))
  const ending = ids.filter((id) => !running.some((r) => r.contractId === id))
  if (ending.length === 0) return []
  return db
    .update(contracts)
    .set({ endedOn: on, updatedAt: new Date() })
    .where(and(eq(contracts.buildingId, buildingId), inArray(contracts.id, ending), isNull(contracts.endedOn)))
    .returning({ id: contracts.id, contractNumber: contracts.contractNumber })
}

/** Approved or scheduled requests whose port date is `date` (for the day-before reminder). */
export async function listRequestsWithPortDate(db: Db, date: string) {
  return db
    .select({ id: migrationRequests.id, buildingId: migrationRequests.buildingId })
    .from(migrationRequests)
    .where(and(inArray(migrationRequests.state, ['approved', 'scheduled']), sql`${migrationRequests.request}->>'portDate' = ${date}`))
}

function buildingRequestFilter(f: { buildingId: string; states?: RequestState[] | undefined }) {
  return and(eq(migrationRequests.buildingId, f.buildingId), f.states && f.states.length > 0 ? inArray(migrationRequests.state, f.states) : undefined)
}

/** A building's requests with the requester's name, most recently changed first. */
export async function listRequestsOfBuilding(db: Db, f: { buildingId: string; states?: RequestState[] | undefined; limit: number; offset: number }) {
  return db
    .select({ id: migrationRequests.id, buildingId: migrationRequests.buildingId, tenantId: migrationRequests.tenantId, tenantName: tenants.legalName, state: migrationRequests.state, request: migrationRequests.request, updatedAt: migrationRequests.updatedAt })
    .from(migrationRequests)
    .innerJoin(tenants, and(eq(tenants.buildingId, migrationRequests.buildingId), eq(tenants.id, migrationRequests.tenantId)))
    .where(buildingRequestFilter(f))
    .orderBy(desc(migrationRequests.updatedAt), migrationRequests.id)
    .limit(f.limit)
    .offset(f.offset)
}

export async function countRequestsOfBuilding(db: Db, f: { buildingId: string; states?: RequestState[] | undefined }) {
  const [row] = await db.select({ n: count() }).from(migrationRequests).where(buildingRequestFilter(f))
  return row?.n ?? 0
}

/** A tenant's own requests and those that asked it for consent, with its consent state. */
export async function listRequestsOfTenant(db: Db, tenantId: string) {
  return db
    .select({
      id: migrationRequests.id,
      buildingId: migrationRequests.buildingId,
      tenantId: migrationRequests.tenantId,
      tenantName: tenants.legalName,
      state: migrationRequests.state,
      request: migrationRequests.request,
      updatedAt: migrationRequests.updatedAt,
      consentState: consentTasks.state,
    })
    .from(migrationRequests)
    .innerJoin(tenants, and(eq(tenants.buildingId, migrationRequests.buildingId), eq(tenants.id, migrationRequests.tenantId)))
    .leftJoin(consentTasks, and(eq(consentTasks.requestId, migrationRequests.id), eq(consentTasks.tenantId, tenantId)))
    .where(or(eq(migrationRequests.tenantId, tenantId), eq(consentTasks.tenantId, tenantId)))
    .orderBy(desc(migrationRequests.updatedAt), migrationRequests.id)
    .limit(200)
}

/** Whether a tenant has a request in an open state (it cannot be deleted then). */
export async function countOpenRequestsOfTenant(db: Db, buildingId: string, tenantId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(migrationRequests)
    .where(and(eq(migrationRequests.buildingId, buildingId), eq(migrationRequests.tenantId, tenantId), inArray(migrationRequests.state, [...openStates])))
  return row?.n ?? 0
}
