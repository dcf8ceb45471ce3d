import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { createService, editService, getServiceDeletion, getServiceForm, removeService } from '#app/services/services.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, numbers, services } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertContract, insertNumbers, insertService, insertTenant, insertUser } from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'

let db: Db
let manager: Actor
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
})

let refCounter = 0
function serviceForm(contractId: string, overrides: Record<string, string> = {}) {
  return { contractId, kind: 'isdn30', carrierRef: `LINE-${++refCounter}-${Date.now()}`, dedicatedTenantId: '', criticalUse: '', mainNumber: '', ...overrides }
}


async function serviceRows(buildingId: string) {
  return db.select().from(services).where(eq(services.buildingId, buildingId)).orderBy(services.carrierRef)
}

async function auditCount() {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog)
  return row!.n
}

/** A building managed by `manager` with one contract. */
async function setup() {
  const b = await insertBuilding(db, {}, [manager])
  const c = await insertContract(db, b.id)
  return { b, c }
}

describe('creating a service', () => {
  it('creates a service under a contract of the building and writes an audit entry', async () => {
    const { b, c } = await setup()
    const tenant = await insertTenant(db, b.id)
    const created = await createService({
      db,
      actor: manager,
      buildingId: b.id,
      input: serviceForm(c.id, { kind: 'pstn', carrierRef: 'WLR-0205551000', dedicatedTenantId: tenant.id, criticalUse: 'lift_alarm' }),
    })
    const [row] = await serviceRows(b.id)
    expect(row).toMatchObject({ id: created.id, contractId: c.id, kind: 'pstn', carrierRef: 'WLR-0205551000', dedicatedTenantId: tenant.id, criticalUse: 'lift_alarm', mainNumber: null })
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, created.id))
    expect(entry).toMatchObject({ action: 'create', entityType: 'service', buildingId: b.id })
    expect(entry!.after).toMatchObject({ kind: 'pstn', carrierRef: 'WLR-0205551000' })
  })

  it('a main number given on creation is ignored: a new service has no numbers yet', async () => {
    const { b, c } = await setup()
    const created = await createService({ db, actor: manager, buildingId: b.id, input: serviceForm(c.id, { mainNumber: '+31205551000' }) })
    expect(created.mainNumber).toBeNull()
  })

  it('a contract of another building is refused on the contract field', async () => {
    const { b } = await setup()
    const other = await insertBuilding(db, {}, [manager])
    const foreign = await insertContract(db, other.id)
    expect(await refused(createService({ db, actor: manager, buildingId: b.id, input: serviceForm(foreign.id) }))).toEqual({ contractId: 'field.invalidChoice' })
    expect(await serviceRows(b.id)).toEqual([])
  })

  it('a dedicated tenant of another building is refused on its field', async () => {
    const { b, c } = await setup()
    const other = await insertBuilding(db, {}, [manager])
    const foreignTenant = await insertTenant(db, other.id)
    expect(await refused(createService({ db, actor: manager, buildingId: b.id, input: serviceForm(c.id, { dedicatedTenantId: foreignTenant.id }) }))).toEqual({
      dedicatedTenantId: 'field.invalidChoice',
    })
  })

  it.each([
    ['an unknown kind', { kind: 'carrier_pigeon' }, { kind: 'field.invalidChoice' }],
    ['an unknown critical use', { criticalUse: 'coffee' }, { criticalUse: 'field.invalidChoice' }],
    ['an empty carrier id', { carrierRef: '   ' }, { carrierRef: 'field.required' }],
  ])('%s is refused on its field', async (_what, overrides, expected) => {
    const { b, c } = await setup()
    expect(await refused(createService({ db, actor: manager, buildingId: b.id, input: serviceForm(c.id, overrides) }))).toEqual(expected)
    expect(await serviceRows(b.id)).toEqual([])
  })

  it('a carrier id already used in the building is refused on the carrier id field', async () => {
    const { b, c } = await setup()
    await createService({ db, actor: manager, buildingId: b.id, input: serviceForm(c.id, { carrierRef: 'TRUNK-1' }) })
    expect(await refused(createService({ db, actor: manager, buildingId: b.id, input: serviceForm(c.id, { carrierRef: 'TRUNK-1', kind: 'sip_trunk' }) }))).toEqual({
      carrierRef: 'service.carrierRefTaken',
    })
    expect(await serviceRows(b.id)).toHaveLength(1)
  })
})

describe('editing a service', () => {
  it('sets the main number to one of its own numbers and records before and after', async () => {
    const { b, c } = await setup()
    const s = await insertService(db, b.id, c.id, { kind: 'isdn30' })
    await insertNumbers(db, b.id, s.id, '+31205551000', 10)
    const form = await getServiceForm({ db, actor: manager, buildingId: b.id, serviceId: s.id })
    expect(form.numbers).toEqual({ count: 10, choices: expect.arrayContaining(['+31205551000', '+31205551009']) as unknown })
    const after = await editService({ db, actor: manager, buildingId: b.id, serviceId: s.id, input: serviceForm(c.id, { carrierRef: s.carrierRef, mainNumber: '020 555 1000' }) })
    expect(after.mainNumber).toBe('+31205551000')
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, s.id))
    expect(entry).toMatchObject({ action: 'update' })
    expect(entry!.before).toMatchObject({ mainNumber: null })
    expect(entry!.after).toMatchObject({ mainNumber: '+31205551000' })
  })

  it("a main number that is not on the service is refused, even when it is another service's number", async () => {
    const { b, c } = await setup()
    const s1 = await insertService(db, b.id, c.id)
    const s2 = await insertService(db, b.id, c.id, { kind: 'sip_trunk' })
    await insertNumbers(db, b.id, s1.id, '+31205552000', 10)
    await insertNumbers(db, b.id, s2.id, '+31205553000', 10)
    const before = await serviceRows(b.id)
    for (const mainNumber of ['+31205553000', '+31205559999']) {
      expect(await refused(editService({ db, actor: manager, buildingId: b.id, serviceId: s1.id, input: serviceForm(c.id, { carrierRef: s1.carrierRef, mainNumber }) }))).toEqual({
        mainNumber: 'service.mainNumberNotOnService',
      })
    }
    expect(await refused(editService({ db, actor: manager, buildingId: b.id, serviceId: s1.id, input: serviceForm(c.id, { carrierRef: s1.carrierRef, mainNumber: '12' }) }))).toEqual({
      mainNumber: 'number.invalid',
    })
    expect(await serviceRows(b.id)).toEqual(before)
  })

  it('changing the kind to fibre while the service carries numbers is refused and nothing changes', async () => {
    const { b, c } = await setup()
    const s = await insertService(db, b.id, c.id, { kind: 'pstn' })
    await insertNumbers(db, b.id, s.id, '+31205554000', 10)
    const audits = await auditCount()
    expect(await refused(editService({ db, actor: manager, buildingId: b.id, serviceId: s.id, input: serviceForm(c.id, { carrierRef: s.carrierRef, kind: 'fiber' }) }))).toEqual({
      kind: 'service.dataKindHasNumbers',
    })
    expect(await serviceRows(b.id)).toEqual([s])
    expect(await auditCount()).toBe(audits)
  })

  it('a service without numbers can become a data service, but a data service has no main number', async () => {
    const { b, c } = await setup()
    const s = await insertService(db, b.id, c.id, { kind: 'sip_trunk' })
    const after = await editService({ db, actor: manager, buildingId: b.id, serviceId: s.id, input: serviceForm(c.id, { carrierRef: s.carrierRef, kind: 'ethernet' }) })
    expect(after.kind).toBe('ethernet')
    expect(await refused(editService({ db, actor: manager, buildingId: b.id, serviceId: s.id, input: serviceForm(c.id, { carrierRef: s.carrierRef, kind: 'dsl', mainNumber: '+31205551000' }) }))).toEqual({
      mainNumber: 'service.dataNoMainNumber',
    })
  })

  it('moves a service to another contract of the building', async () => {
    const { b, c } = await setup()
    const c2 = await insertContract(db, b.id)
    const s = await insertService(db, b.id, c.id)
    const after = await editService({ db, actor: manager, buildingId: b.id, serviceId: s.id, input: serviceForm(c2.id, { carrierRef: s.carrierRef }) })
    expect(after.contractId).toBe(c2.id)
  })

  it('a service of another building is not found, even for a manager of both', async () => {
    const { b, c } = await setup()
    const other = await setup()
    const foreign = await insertService(db, other.b.id, other.c.id)
    await expect(editService({ db, actor: manager, buildingId: b.id, serviceId: foreign.id, input: serviceForm(c.id) })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getServiceForm({ db, actor: manager, buildingId: b.id, serviceId: foreign.id })).rejects.toBeInstanceOf(NotFoundError)
    await expect(removeService({ db, actor: manager, buildingId: b.id, serviceId: 'x' })).rejects.toBeInstanceOf(NotFoundError)
    expect(await serviceRows(other.b.id)).toEqual([foreign])
  })
})

describe('deleting a service', () => {
  it('a service that still carries numbers is refused and neither it nor its numbers change', async () => {
    const { b, c } = await setup()
    const s = await insertService(db, b.id, c.id)
    await insertNumbers(db, b.id, s.id, '+31205556000', 20)
    const audits = await auditCount()
    expect((await getServiceDeletion({ db, actor: manager, buildingId: b.id, serviceId: s.id })).numberCount).toBe(20)
    expect(await refused(removeService({ db, actor: manager, buildingId: b.id, serviceId: s.id }))).toEqual({ _form: 'service.hasNumbers' })
    expect(await serviceRows(b.id)).toEqual([s])
    const [left] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(numbers).where(eq(numbers.serviceId, s.id))
    expect(left!.n).toBe(20)
    expect(await auditCount()).toBe(audits)
  })

  it('a service without numbers is deleted and the audit log keeps what it was', async () => {
    const { b, c } = await setup()
    const s = await insertService(db, b.id, c.id)
    await removeService({ db, actor: manager, buildingId: b.id, serviceId: s.id })
    expect(await serviceRows(b.id)).toEqual([])
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, s.id))
    expect(entry).toMatchObject({ action: 'delete', after: null })
    expect(entry!.before).toMatchObject({ carrierRef: s.carrierRef })
  })
})

describe('who may manage services', () => {
  it('a facility manager of another building gets NotFoundError and nothing is written', async () => {
    const { b, c } = await setup()
    const s = await insertService(db, b.id, c.id)
    const stranger = await insertUser(db, { role: 'facility_manager' })
    await expect(createService({ db, actor: stranger, buildingId: b.id, input: serviceForm(c.id) })).rejects.toBeInstanceOf(NotFoundError)
    await expect(editService({ db, actor: stranger, buildingId: b.id, serviceId: s.id, input: serviceForm(c.id) })).rejects.toBeInstanceOf(NotFoundError)
    await expect(removeService({ db, actor: stranger, buildingId: b.id, serviceId: s.id })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getServiceForm({ db, actor: stranger, buildingId: b.id })).rejects.toBeInstanceOf(NotFoundError)
    expect(await serviceRows(b.id)).toEqual([s])
  })

  it('tenant and sales users are forbidden, even in their own or a shared building', async () => {
    const { b, c } = await setup()
    const s = await insertService(db, b.id, c.id)
    const tenant = await insertTenant(db, b.id)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: tenant.id })
    const sales = await insertUser(db, { role: 'sales' })
    for (const actor of [tenantUser, sales]) {
      await expect(createService({ db, actor, buildingId: b.id, input: serviceForm(c.id) })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(editService({ db, actor, buildingId: b.id, serviceId: s.id, input: serviceForm(c.id) })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(getServiceDeletion({ db, actor, buildingId: b.id, serviceId: s.id })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(removeService({ db, actor, buildingId: b.id, serviceId: s.id })).rejects.toBeInstanceOf(ForbiddenError)
    }
    expect(await serviceRows(b.id)).toEqual([s])
  })
})
