import { and, count, eq, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { NotFoundError, type ValidationError } from '#app/server/errors.server.ts'
import { importBuildingFile } from '#app/services/building-file.server.ts'
import { InputProblemsError } from '#app/services/input-problems.server.ts'
import { answerConsent, changeRequestState, completeMigrationRequest, createDraftRequest, submitMigrationRequest } from '#app/services/requests.server.ts'
import { loadBuildingInventory } from '#app/services/building-file.server.ts'
import { getTenantDeletionImpact } from '#app/services/tenants.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, consentTasks, contacts, contracts, migrationRequests, numberAllocations, numbers, requestEvents, requestNumbers, services, tenants } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { demoFile, demoTenant } from '#tests/support/demo-tenants.ts'
import { insertUser } from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'

const asOf = '2026-11-23'

let db: Db
let manager: Actor
let buildingId: string
/** Demo tenant t27 holds numbers on the SIP trunk (they leave one by one); t1 shares the ISDN30 line. */
let t27: { id: string; signatory: string; numbers: string[]; user: Actor }
let t1: { id: string; signatory: string; numbers: string[] }
let otherTenantUser: Actor

/** A demo tenant of `inBuilding` (this file's building by default). */
const tenantByKey = (key: string, inBuilding = buildingId) => demoTenant(db, inBuilding, key)

beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
  ;({ buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile }))
  const sip = await tenantByKey('t27')
  t27 = { ...sip, user: await insertUser(db, { role: 'tenant', tenantId: sip.id }) }
  t1 = await tenantByKey('t1')
  otherTenantUser = await insertUser(db, { role: 'tenant', tenantId: t1.id })
})

const requestFor = (tenant: { id: string; signatory: string }, numbersToMove: string[], mechanism = 'port') => ({
  type: 'migration',
  tenant: tenant.id,
  numbers: numbersToMove,
  mechanism,
  portDate: '2027-01-12',
  installDate: '2027-01-12',
  signatory: tenant.signatory,
  targetCarrier: 'Vodafone',
})

/** The form-level message key of a refused use case. */
const refusal = async (p: Promise<unknown>) => (await refused(p))._form

async function reservedBy(requestId: string) {
  return (await db.select({ e164: requestNumbers.e164 }).from(requestNumbers).where(eq(requestNumbers.requestId, requestId))).map((r) => r.e164).sort()
}

describe('migration requests: draft and submission', () => {
  it('a tenant user drafts and submits its own port; the numbers are reserved, the snapshot stored, the timeline and audit written', async () => {
    const draft = await createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request: requestFor(t27, [t27.numbers[0]!]) })
    expect(draft).toMatchObject({ state: 'draft', version: 1, tenantId: t27.id })
    const { request, report } = await submitMigrationRequest({ db, actor: t27.user, requestId: draft.id, expectedVersion: 1, asOf })
    expect(report.verdict).toBe('ok')
    expect(request).toMatchObject({ state: 'awaiting_approval', version: 2, submittedBy: t27.user.id })
    expect(await reservedBy(draft.id)).toEqual([t27.numbers[0]])
    const [stored] = await db.select({ snapshot: migrationRequests.snapshot }).from(migrationRequests).where(eq(migrationRequests.id, draft.id))
    expect(stored!.snapshot).toEqual(JSON.parse(JSON.stringify(report)))
    const events = await db.select({ action: requestEvents.action, toState: requestEvents.toState }).from(requestEvents).where(eq(requestEvents.requestId, draft.id)).orderBy(requestEvents.at)
    expect(events.map((e) => [e.action, e.toState])).toEqual([
      ['create', 'draft'],
      ['submit', 'submitted'],
      ['skip_consent', 'awaiting_approval'],
    ])
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, 'migration_request'), eq(auditLog.entityId, draft.id)))
    expect(audit.map((a) => a.action)).toEqual(['create', 'update'])
  })

  it('submitting the same form twice answers like the first time and changes nothing more; someone else sending that old form gets a conflict', async () => {
    const draft = await createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request: requestFor(t27, [t27.numbers[1]!]) })
    const first = await submitMigrationRequest({ db, actor: t27.user, requestId: draft.id, expectedVersion: 1, asOf })
    const again = await submitMigrationRequest({ db, actor: t27.user, requestId: draft.id, expectedVersion: 1, asOf })
    expect(again.request.version).toBe(first.request.version)
    expect(again.request.state).toBe(first.request.state)
    const [row] = await db.select({ version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, draft.id))
    expect(row!.version).toBe(2)
    expect(await refusal(submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf }))).toBe('request.version_conflict')
  })

  it('a second open request on a number already reserved is refused by the database, and stays a draft holding nothing', async () => {
    const draft = await createDraftRequest({ today: asOf, db, actor: manager, buildingId, request: requestFor(t27, [t27.numbers[0]!]) })
    expect(await refusal(submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf }))).toBe('request.numbers_reserved')
    const [row] = await db.select({ state: migrationRequests.state, version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, draft.id))
    expect(row).toEqual({ state: 'draft', version: 1 })
    expect(await reservedBy(draft.id)).toEqual([])
  })

  it('of many parallel submissions on overlapping numbers exactly one succeeds', async () => {
    const shared = t27.numbers[2]!
    const drafts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createDraftRequest({ today: asOf, db, actor: manager, buildingId, request: requestFor(t27, [shared, t27.numbers[3 + (i % 2)]!]) })),
    )
    const results = await Promise.allSettled(drafts.map((d) => submitMigrationRequest({ db, actor: manager, requestId: d.id, expectedVersion: 1, asOf })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect((r.reason as ValidationError).fields._form?.key).toBe('request.numbers_reserved')
    const [held] = await db.select({ n: count() }).from(requestNumbers).where(and(eq(requestNumbers.buildingId, buildingId), eq(requestNumbers.e164, shared)))
    expect(held!.n).toBe(1)
  })

  it('a line migration that drags other tenants waits for their consent: one task per dragged tenant', async () => {
    const draft = await createDraftRequest({ today: asOf, db, actor: manager, buildingId, request: requestFor(t1, [t1.numbers[0]!], 'line_migration') })
    const { request, report } = await submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf })
    expect(request.state).toBe('awaiting_consent')
    const tasks = await db.select({ tenantId: consentTasks.tenantId, state: consentTasks.state }).from(consentTasks).where(eq(consentTasks.requestId, draft.id))
    expect(tasks.map((t) => t.tenantId).sort()).toEqual(report.outcome.dragged.map((d) => d.tenantId).sort())
    expect(tasks.length).toBe(report.outcome.counts.otherTenants)
    expect(tasks.every((t) => t.state === 'pending')).toBe(true)
    expect((await reservedBy(draft.id)).length).toBe(report.outcome.counts.moved)
  })

  it('a blocked impact cannot be submitted (a port taking the ISDN main number), and nothing is reserved', async () => {
    const draft = await createDraftRequest({ today: asOf, db, actor: manager, buildingId, request: requestFor(t1, [t1.numbers[1]!]) })
    expect(await refusal(submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf }))).toBe('request.blocked')
    expect(await reservedBy(draft.id)).toEqual([])
  })

  it('a tenant user cannot draft with another company’s numbers, nor see or submit another company’s request', async () => {
    await expect(createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request: requestFor(t27, [t1.numbers[0]!]) })).rejects.toBeInstanceOf(InputProblemsError)
    await expect(createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request: requestFor(t1, [t1.numbers[0]!]) })).rejects.toBeInstanceOf(NotFoundError)
    const draft = await createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request: requestFor(t27, [t27.numbers[0]!]) })
    await expect(submitMigrationRequest({ db, actor: otherTenantUser, requestId: draft.id, expectedVersion: 1, asOf })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('migration requests: consent, approval with re-check, and the other steps', () => {
  /** A fresh copy of the demo building, so reservations of other tests do not interfere. */
  async function freshBuilding() {
    const { buildingId: id } = await importBuildingFile({ db, actor: manager, json: demoFile })
    const sip = await tenantByKey('t27', id)
    const neighbour = await tenantByKey('t28', id)
    return { id, sip, neighbourUser: await insertUser(db, { role: 'tenant', tenantId: neighbour.id }), neighbour }
  }

  async function lineMigration(b: Awaited<ReturnType<typeof freshBuilding>>) {
    const draft = await createDraftRequest({ today: asOf, db, actor: manager, buildingId: b.id, request: requestFor(b.sip, [b.sip.numbers[0]!], 'line_migration') })
    return submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf })
  }

  it('every dragged tenant consents — one of its own users or the manager on its behalf — and the request moves on to approval', async () => {
    const b = await freshBuilding()
    const { request, report } = await lineMigration(b)
    expect(request.state).toBe('awaiting_consent')
    let version = request.version
    const own = await answerConsent({ db, actor: b.neighbourUser, requestId: request.id, answer: 'given', expectedVersion: version })
    version = own.version
    expect(own.state).toBe('awaiting_consent')
    const others = report.outcome.dragged.map((d) => d.tenantId).filter((t) => t !== b.neighbour.id)
    let last = own
    for (const tenantId of others) {
      last = await answerConsent({ db, actor: manager, requestId: request.id, tenantId, answer: 'given', expectedVersion: version })
      version = last.version
    }
    expect(last.state).toBe('awaiting_approval')
    const tasks = await db.select({ tenantId: consentTasks.tenantId, state: consentTasks.state, onBehalf: consentTasks.onBehalf }).from(consentTasks).where(eq(consentTasks.requestId, request.id))
    expect(tasks.every((t) => t.state === 'given')).toBe(true)
    expect(tasks.find((t) => t.tenantId === b.neighbour.id)!.onBehalf).toBe(false)
    expect(tasks.filter((t) => t.onBehalf)).toHaveLength(others.length)
    expect(await refusal(answerConsent({ db, actor: b.neighbourUser, requestId: request.id, answer: 'refused', expectedVersion: version }))).toBe('request.consent_not_open')
  })

  it('a refusal stops the request: it cannot be approved; revising sends it back to draft and frees its numbers and consents', async () => {
    const b = await freshBuilding()
    const { request } = await lineMigration(b)
    const refused = await answerConsent({ db, actor: b.neighbourUser, requestId: request.id, answer: 'refused', reason: 'Our lift line is on it', expectedVersion: request.version })
    expect(refused.state).toBe('awaiting_consent')
    expect(await refusal(changeRequestState({ db, actor: manager, requestId: request.id, action: 'approve', expectedVersion: refused.version, asOf }))).toBe('request.transition_from_state')
    const revised = await changeRequestState({ db, actor: manager, requestId: request.id, action: 'revise', expectedVersion: refused.version, asOf })
    expect(revised.request.state).toBe('draft')
    expect(await reservedBy(request.id)).toEqual([])
    expect(await db.select().from(consentTasks).where(eq(consentTasks.requestId, request.id))).toEqual([])
  })

  it('approval re-checks the impact on today’s inventory: a difference is shown and nothing changes until it is confirmed', async () => {
    const b = await freshBuilding()
    const { request } = await lineMigration(b)
    let current = request
    const consenting = await db.select({ tenantId: consentTasks.tenantId }).from(consentTasks).where(eq(consentTasks.requestId, request.id))
    for (const { tenantId } of consenting) current = await answerConsent({ db, actor: manager, requestId: request.id, tenantId, answer: 'given', expectedVersion: current.version })
    expect(current.state).toBe('awaiting_approval')
    // Meanwhile one of the neighbour's numbers was ported away elsewhere: it no longer moves with the line.
    const gone = b.neighbour.numbers[0]!
    await db.update(numbers).set({ status: 'ported_out' }).where(and(eq(numbers.buildingId, b.id), eq(numbers.e164, gone)))
    const first = await changeRequestState({ db, actor: manager, requestId: request.id, action: 'approve', expectedVersion: current.version, asOf })
    expect(first.applied).toBe(false)
    expect(first.difference).toMatchObject({ added: [], removed: [gone] })
    expect(first.request).toMatchObject({ state: 'awaiting_approval', version: current.version })
    const confirmed = await changeRequestState({ db, actor: manager, requestId: request.id, action: 'approve', expectedVersion: current.version, confirmDifference: true, asOf })
    expect(confirmed).toMatchObject({ applied: true, request: { state: 'approved' } })
    expect(await reservedBy(request.id)).not.toContain(gone)
    const scheduled = await changeRequestState({ db, actor: manager, requestId: request.id, action: 'schedule', expectedVersion: confirmed.request.version, asOf })
    expect(scheduled.request.state).toBe('scheduled')
  })

  it('a difference that moves a company never asked cannot be confirmed: the request must go back to draft so it is asked', async () => {
    const b = await freshBuilding()
    const { request, report } = await lineMigration(b)
    let current = request
    for (const d of report.outcome.dragged) current = await answerConsent({ db, actor: manager, requestId: request.id, tenantId: d.tenantId, answer: 'given', expectedVersion: current.version })
    // Meanwhile a free number on the same line was given to a company that was not on it.
    const line = report.outcome.moved[0]!.serviceId
    const [free] = await db.select({ id: numbers.id }).from(numbers).where(and(eq(numbers.buildingId, b.id), eq(numbers.serviceId, line), isNull(numbers.tenantId), eq(numbers.status, 'active'))).limit(1)
    const newcomer = await tenantByKey('t1', b.id)
    await db.update(numbers).set({ tenantId: newcomer.id }).where(eq(numbers.id, free!.id))
    const first = await changeRequestState({ db, actor: manager, requestId: request.id, action: 'approve', expectedVersion: current.version, asOf })
    expect(first.difference?.tenantsAdded).toEqual([newcomer.id])
    expect(await refusal(changeRequestState({ db, actor: manager, requestId: request.id, action: 'approve', expectedVersion: current.version, confirmDifference: true, asOf }))).toBe('request.recheck_new_tenants')
    const [row] = await db.select({ state: migrationRequests.state, version: migrationRequests.version }).from(migrationRequests).where(eq(migrationRequests.id, request.id))
    expect(row).toEqual({ state: 'awaiting_approval', version: current.version })
    // Revised, the old snapshot goes: the next submission takes a new one and asks the newcomer too.
    const revised = await changeRequestState({ db, actor: manager, requestId: request.id, action: 'revise', expectedVersion: current.version, asOf })
    const [draft] = await db.select({ snapshot: migrationRequests.snapshot }).from(migrationRequests).where(eq(migrationRequests.id, request.id))
    expect(draft!.snapshot).toBeNull()
    await submitMigrationRequest({ db, actor: manager, requestId: request.id, expectedVersion: revised.request.version, asOf })
    const asked = await db.select({ tenantId: consentTasks.tenantId }).from(consentTasks).where(eq(consentTasks.requestId, request.id))
    expect(asked.map((a) => a.tenantId)).toContain(newcomer.id)
  })

  it('rejection and cancellation need a reason and free the numbers; the requester may withdraw but not approve', async () => {
    const b = await freshBuilding()
    const sipUser = await insertUser(db, { role: 'tenant', tenantId: b.sip.id })
    const draft = await createDraftRequest({ today: asOf, db, actor: sipUser, buildingId: b.id, request: requestFor(b.sip, [b.sip.numbers[0]!]) })
    const { request } = await submitMigrationRequest({ db, actor: sipUser, requestId: draft.id, expectedVersion: 1, asOf })
    expect(await refusal(changeRequestState({ db, actor: sipUser, requestId: request.id, action: 'approve', expectedVersion: request.version, asOf }))).toBe('request.transition_role')
    expect(await refusal(changeRequestState({ db, actor: manager, requestId: request.id, action: 'reject', reason: ' ', expectedVersion: request.version, asOf }))).toBe('request.reason_required')
    const rejected = await changeRequestState({ db, actor: manager, requestId: request.id, action: 'reject', reason: 'Port date falls in the lift maintenance week', expectedVersion: request.version, asOf })
    expect(rejected.request.state).toBe('rejected')
    expect(await reservedBy(request.id)).toEqual([])
    const events = await db.select({ action: requestEvents.action, reason: requestEvents.reason }).from(requestEvents).where(eq(requestEvents.requestId, request.id)).orderBy(requestEvents.at)
    expect(events.at(-1)).toEqual({ action: 'reject', reason: 'Port date falls in the lift maintenance week' })

    const again = await createDraftRequest({ today: asOf, db, actor: sipUser, buildingId: b.id, request: requestFor(b.sip, [b.sip.numbers[0]!]) })
    const resubmitted = await submitMigrationRequest({ db, actor: sipUser, requestId: again.id, expectedVersion: 1, asOf })
    const withdrawn = await changeRequestState({ db, actor: sipUser, requestId: again.id, action: 'withdraw', expectedVersion: resubmitted.request.version, asOf })
    expect(withdrawn.request.state).toBe('withdrawn')
    expect(await reservedBy(again.id)).toEqual([])
  })
})

describe('migration requests: completion', () => {
  /** A small building: one tenant with two SIP numbers on its own contract, next to the building's ISDN line. */
  const smallBuilding = {
    format: 'sharedline.building',
    version: 1,
    building: { name: 'Het Anker', street: 'Kade 1', postcode: '3511 AB', city: 'Utrecht' },
    tenants: [
      { id: 'alfa', legalName: 'Alfa B.V.', kvkNumber: '11112222', moveIn: '2020-01-01' },
      { id: 'bravo', legalName: 'Bravo B.V.', kvkNumber: '33334444', moveIn: '2020-01-01' },
    ],
    contacts: [{ id: 'anna', tenant: 'alfa', name: 'Anna', email: 'anna@alfa.example', roles: ['authorized_signatory'] }],
    contracts: [
      { id: 'own', carrier: 'KPN', contractNumber: 'OWN-1', holder: 'alfa', startDate: '2020-01-01', initialTermMonths: 12, noticeDays: 30, monthlyFee: '40.00' },
      { id: 'main', carrier: 'KPN', contractNumber: 'MAIN-1', startDate: '2020-01-01', initialTermMonths: 12, noticeDays: 30, monthlyFee: '400.00' },
    ],
    services: [
      { id: 'sip', contract: 'own', kind: 'sip_trunk', carrierRef: 'SIP-OWN', dedicatedTenant: 'alfa' },
      { id: 'isdn', contract: 'main', kind: 'isdn30', carrierRef: 'ISDN-MAIN' },
    ],
    numbers: [
      { service: 'sip', first: '+31302009000', count: 2, tenant: 'alfa' },
      { service: 'isdn', first: '+31302001000', count: 10, tenant: 'bravo' },
    ],
  }

  async function scheduled(numbersToMove: string[]) {
    const { buildingId: id } = await importBuildingFile({ db, actor: manager, json: smallBuilding })
    const [alfa] = await db.select({ id: tenants.id }).from(tenants).where(and(eq(tenants.buildingId, id), eq(tenants.kvkNumber, '11112222')))
    const [anna] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, alfa!.id))
    const draft = await createDraftRequest({ today: asOf, db, actor: manager, buildingId: id, request: requestFor({ id: alfa!.id, signatory: anna!.id }, numbersToMove) })
    const submitted = await submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf })
    expect(submitted.request.state).toBe('awaiting_approval')
    const approved = await changeRequestState({ db, actor: manager, requestId: draft.id, action: 'approve', expectedVersion: submitted.request.version, asOf })
    const { request } = await changeRequestState({ db, actor: manager, requestId: draft.id, action: 'schedule', expectedVersion: approved.request.version, asOf })
    return { buildingId: id, request, alfa: alfa!.id }
  }

  it('recording the port ends the numbers, their holdings, the line and the contract whose last line left, in one audited step', async () => {
    const { buildingId: id, request, alfa } = await scheduled(['+31302009000', '+31302009001'])
    expect(await refused(completeMigrationRequest({ today: '2027-01-10', db, actor: manager, requestId: request.id, expectedVersion: request.version, completedOn: '2027-01-12' }))).toEqual({
      completedOn: 'request.complete_in_future',
    })
    expect(await refused(completeMigrationRequest({ today: '2027-01-31', db, actor: manager, requestId: request.id, expectedVersion: request.version, completedOn: '2027-01-11' }))).toEqual({
      completedOn: 'request.complete_before_port',
    })
    const done = await completeMigrationRequest({ today: '2027-01-31', db, actor: manager, requestId: request.id, expectedVersion: request.version, completedOn: '2027-01-12' })
    expect(done).toMatchObject({ request: { state: 'completed' }, ported: ['+31302009000', '+31302009001'], notMoved: [] })
    const rows = await db.select({ status: numbers.status, tenantId: numbers.tenantId, id: numbers.id }).from(numbers).where(and(eq(numbers.buildingId, id), eq(numbers.serviceId, done.servicesEnded[0]!)))
    expect(rows.map((r) => [r.status, r.tenantId])).toEqual([['ported_out', null], ['ported_out', null]])
    const open = await db.select({ validTo: numberAllocations.validTo }).from(numberAllocations).where(and(eq(numberAllocations.buildingId, id), eq(numberAllocations.tenantId, alfa)))
    expect(open.every((a) => a.validTo !== null)).toBe(true)
    const [sip] = await db.select({ endedOn: services.endedOn }).from(services).where(eq(services.id, done.servicesEnded[0]!))
    expect(sip!.endedOn).toBe('2027-01-12')
    const ended = await db.select({ contractNumber: contracts.contractNumber, endedOn: contracts.endedOn }).from(contracts).where(eq(contracts.buildingId, id)).orderBy(contracts.contractNumber)
    expect(ended).toEqual([{ contractNumber: 'MAIN-1', endedOn: null }, { contractNumber: 'OWN-1', endedOn: '2027-01-12' }])
    // The inventory no longer holds the line or its numbers; the neighbour's ISDN line stays.
    const inventory = await loadBuildingInventory(db, id)
    expect(inventory.services.map((s) => s.carrierRef)).toEqual(['ISDN-MAIN'])
    expect(inventory.numbers).toHaveLength(10)
    const audited = await db.select({ entityType: auditLog.entityType }).from(auditLog).where(and(eq(auditLog.buildingId, id), eq(auditLog.action, 'update')))
    expect(audited.filter((a) => a.entityType === 'number')).toHaveLength(2)
    expect(audited.filter((a) => a.entityType === 'service')).toHaveLength(1)
    expect(audited.filter((a) => a.entityType === 'contract')).toHaveLength(1)
  })

  it('a port of 8,000 numbers is recorded in one go, each number audited (batched under the database parameter limit)', async () => {
    const big = structuredClone(smallBuilding)
    big.numbers[0] = { service: 'sip', first: '+31302100000', count: 8_000, tenant: 'alfa' }
    const { buildingId: id } = await importBuildingFile({ db, actor: manager, json: big })
    const [alfa] = await db.select({ id: tenants.id }).from(tenants).where(and(eq(tenants.buildingId, id), eq(tenants.kvkNumber, '11112222')))
    const [anna] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, alfa!.id))
    const draft = await createDraftRequest({ today: asOf, db, actor: manager, buildingId: id, request: requestFor({ id: alfa!.id, signatory: anna!.id }, ['+31302100000, 8000']) })
    let { request } = await submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf })
    expect((await reservedBy(draft.id)).length).toBe(8_000)
    request = (await changeRequestState({ db, actor: manager, requestId: draft.id, action: 'approve', expectedVersion: request.version, asOf })).request
    request = (await changeRequestState({ db, actor: manager, requestId: draft.id, action: 'schedule', expectedVersion: request.version, asOf })).request
    const done = await completeMigrationRequest({ today: '2027-01-31', db, actor: manager, requestId: draft.id, expectedVersion: request.version, completedOn: '2027-01-12' })
    expect(done.ported).toHaveLength(8_000)
    const [audited] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.buildingId, id), eq(auditLog.entityType, 'number')))
    expect(audited!.n).toBe(8_000)
  })

  it('a partial port leaves the numbers that did not move as they were, and the line running', async () => {
    const { buildingId: id, request, alfa } = await scheduled(['+31302009000', '+31302009001'])
    expect(
      await refused(completeMigrationRequest({ today: '2027-01-31', db, actor: manager, requestId: request.id, expectedVersion: request.version, completedOn: '2027-01-12', notMoved: ['+31302001000'] })),
    ).toEqual({ notMoved: 'request.not_in_request' })
    const done = await completeMigrationRequest({ today: '2027-01-31', db, actor: manager, requestId: request.id, expectedVersion: request.version, completedOn: '2027-01-13', notMoved: ['+31302009001'] })
    expect(done).toMatchObject({ ported: ['+31302009000'], notMoved: ['+31302009001'], servicesEnded: [], contractsEnded: [] })
    const [kept] = await db.select({ status: numbers.status, tenantId: numbers.tenantId }).from(numbers).where(and(eq(numbers.buildingId, id), eq(numbers.e164, '+31302009001')))
    expect(kept).toEqual({ status: 'active', tenantId: alfa })
    const events = await db.select({ action: requestEvents.action, reason: requestEvents.reason }).from(requestEvents).where(eq(requestEvents.requestId, request.id)).orderBy(requestEvents.at)
    expect(events.at(-1)).toEqual({ action: 'complete', reason: 'partial port: 1 of 2 numbers did not move' })
  })
})

describe('migration requests: the plan is checked before it is saved', () => {
  it('past dates, an installation before the port date nobody acknowledged, and a signatory of another company are refused with their paths, and nothing is saved', async () => {
    const before = await db.select({ n: count() }).from(migrationRequests)
    const problems = async (request: Record<string, unknown>, acknowledgeInstallBeforePort = false) => {
      try {
        await createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request: { ...requestFor(t27, [t27.numbers[2]!]), ...request }, acknowledgeInstallBeforePort })
      } catch (error) {
        if (error instanceof InputProblemsError) return error.problems.map((p) => p.path)
        throw error
      }
      return []
    }
    expect(await problems({ portDate: '2026-11-20', installDate: '2026-11-20' })).toEqual(['$.portDate', '$.installDate'])
    expect(await problems({ cutoverDate: '2026-11-01' })).toEqual(['$.cutoverDate'])
    expect(await problems({ installDate: '2027-01-05' })).toEqual(['$.installDate'])
    expect(await problems({ signatory: t1.signatory })).toEqual(['$.signatory'])
    expect(await db.select({ n: count() }).from(migrationRequests)).toEqual(before)
    // Acknowledged, the early installation is accepted.
    expect(await problems({ installDate: '2027-01-05' }, true)).toEqual([])
  })

  it('the same form sent twice creates one draft', async () => {
    const clientKey = '7f1e1f0e-7d7c-4c59-9d7e-0a9b8f6f1a01'
    const request = requestFor(t27, [t27.numbers[3]!])
    const [a, b] = await Promise.all([
      createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request, clientKey }),
      createDraftRequest({ today: asOf, db, actor: t27.user, buildingId, request, clientKey }),
    ])
    expect(a.id).toBe(b.id)
    expect(await db.select({ n: count() }).from(migrationRequests).where(eq(migrationRequests.clientKey, clientKey))).toEqual([{ n: 1 }])
  })

  it('a tenant with an open request cannot be deleted', async () => {
    // A building of its own: the numbers of this file's other tests are held by their requests.
    const { buildingId: own } = await importBuildingFile({ db, actor: manager, json: demoFile })
    const sip = await tenantByKey('t27', own)
    const draft = await createDraftRequest({ today: asOf, db, actor: manager, buildingId: own, request: requestFor(sip, [sip.numbers[0]!]) })
    await submitMigrationRequest({ db, actor: manager, requestId: draft.id, expectedVersion: 1, asOf })
    const impact = await getTenantDeletionImpact({ db, actor: manager, buildingId: own, tenantId: sip.id })
    expect(impact.blockers.map((b) => b.key)).toContain('tenant.openRequests')
  })
})
