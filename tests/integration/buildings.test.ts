import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import {
  createBuilding,
  editBuilding,
  getBuildingOverview,
  listPortfolio,
  removeBuilding,
  shareBuilding,
  unshareBuilding,
} from '#app/services/buildings.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, buildingManagers, buildings, services } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import {
  insertBuilding,
  insertContact,
  insertContract,
  insertNumbers,
  insertService,
  insertTenant,
  insertUser,
  shareBuilding as insertShare,
} from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'

let db: Db
let manager: Actor
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
})

const asOf = '2025-06-01'
const notAUuid = 'not-a-uuid'


async function count(table: typeof buildings | typeof auditLog) {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table)
  return row!.n
}

async function auditOf(entityType: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.id)
}

async function buildingRow(id: string) {
  const [row] = await db.select().from(buildings).where(eq(buildings.id, id))
  return row ?? null
}

const form = (overrides: Record<string, string> = {}) => ({ name: 'Stadhouderskade Huis', street: 'Stadhouderskade 10', postcode: '1072 AB', city: 'Amsterdam', ...overrides })

/**
 * A building managed by `manager` with three tenants, contacts, two contracts and numbers:
 * 10 numbers in all, 5 unallocated, 3 unbilled, 3 critical (2 lift-alarm numbers and 1 on a fire-alarm line).
 */
async function populatedBuilding() {
  const b = await insertBuilding(db, {}, [manager])
  const t1 = await insertTenant(db, b.id, { legalName: 'Acme Holding BV' })
  const t2 = await insertTenant(db, b.id, { legalName: 'Brouwerij Het Lam BV' })
  const t3 = await insertTenant(db, b.id, { legalName: 'Coöperatie Zonder Nummers UA' })
  const c1 = await insertContract(db, b.id, { startDate: '2024-01-01', initialTermMonths: 36, noticeDays: 30, holderTenantId: null })
  const c2 = await insertContract(db, b.id, { startDate: '2020-01-01', initialTermMonths: 12, renewalTermMonths: 12, noticeDays: 90, holderTenantId: t2.id })
  const s1 = await insertService(db, b.id, c1.id, { kind: 'isdn30' })
  const s2 = await insertService(db, b.id, c2.id, { kind: 'pstn', criticalUse: 'fire_alarm', dedicatedTenantId: t2.id })
  const blocks = [
    await insertNumbers(db, b.id, s1.id, '+31205551000', 4, { tenantId: t1.id }),
    await insertNumbers(db, b.id, s1.id, '+31205551010', 3, { billed: false }),
    await insertNumbers(db, b.id, s1.id, '+31205551020', 2, { use: 'lift_alarm' }),
    await insertNumbers(db, b.id, s2.id, '+31205552000', 1, { tenantId: t2.id }),
  ]
  await db.update(services).set({ mainNumber: '+31205551000' }).where(eq(services.id, s1.id))
  const contacts = [
    await insertContact(db, b.id, { email: 'reception@acme.example', phone: '+31612345678', tenantId: t1.id }),
    await insertContact(db, b.id, { email: 'fm-desk@building.example', phone: '+31201234567' }),
  ]
  const numbers = blocks.flatMap((x) => x.numbers)
  return { b, tenants: [t1, t2, t3] as const, contracts: [c1, c2] as const, services: [s1, s2] as const, numbers, contacts }
}

describe('creating a building', () => {
  it('writes the building, makes the creator its manager and records one audit entry holding the row', async () => {
    const auditBefore = await count(auditLog)
    const created = await createBuilding({ db, actor: manager, input: form() })
    expect(created).toMatchObject({ name: 'Stadhouderskade Huis', street: 'Stadhouderskade 10', postcode: '1072 AB', city: 'Amsterdam' })
    expect(await buildingRow(created.id)).toMatchObject({ name: 'Stadhouderskade Huis', postcode: '1072 AB' })
    expect(await db.select({ userId: buildingManagers.userId }).from(buildingManagers).where(eq(buildingManagers.buildingId, created.id))).toEqual([
      { userId: manager.id },
    ])
    expect(await count(auditLog)).toBe(auditBefore + 1)
    const [entry] = await auditOf('building', created.id)
    expect(entry).toMatchObject({ action: 'create', buildingId: created.id, actorUserId: manager.id, actorEmail: manager.email, before: null })
    expect(entry!.after).toEqual(JSON.parse(JSON.stringify(created)))
  })

  it('normalises a postcode typed as 1234ab to 1234 AB', async () => {
    const created = await createBuilding({ db, actor: manager, input: form({ postcode: '1234ab' }) })
    expect(created.postcode).toBe('1234 AB')
    expect((await buildingRow(created.id))!.postcode).toBe('1234 AB')
  })

  it('refuses a postcode that is not Dutch on the postcode field and adds nothing', async () => {
    const [buildingsBefore, auditBefore] = [await count(buildings), await count(auditLog)]
    expect(await refused(createBuilding({ db, actor: manager, input: form({ postcode: 'ABCD 12' }) }))).toEqual({ postcode: 'postcode.invalid' })
    expect(await count(buildings)).toBe(buildingsBefore)
    expect(await count(auditLog)).toBe(auditBefore)
  })

  it('refuses an empty name as required', async () => {
    expect(await refused(createBuilding({ db, actor: manager, input: form({ name: '   ' }) }))).toEqual({ name: 'field.required' })
  })

  it('only facility managers may create buildings', async () => {
    const sales = await insertUser(db, { role: 'sales' })
    await expect(createBuilding({ db, actor: sales, input: form() })).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('editing a building', () => {
  it('saves the change and records the building before and after', async () => {
    const b = await insertBuilding(db, { name: 'Old Name', postcode: '1015 AA' }, [manager])
    const after = await editBuilding({ db, actor: manager, buildingId: b.id, input: form({ name: 'New Name', postcode: '3011ad' }) })
    expect(after).toMatchObject({ id: b.id, name: 'New Name', postcode: '3011 AD' })
    expect(await buildingRow(b.id)).toMatchObject({ name: 'New Name', postcode: '3011 AD' })
    const entries = await auditOf('building', b.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ action: 'update', buildingId: b.id })
    expect(entries[0]!.before).toMatchObject({ id: b.id, name: 'Old Name', postcode: '1015 AA' })
    expect(entries[0]!.after).toMatchObject({ id: b.id, name: 'New Name', postcode: '3011 AD' })
  })

  it('an invalid edit changes nothing', async () => {
    const b = await insertBuilding(db, { name: 'Stays' }, [manager])
    expect(await refused(editBuilding({ db, actor: manager, buildingId: b.id, input: form({ name: 'Changed', postcode: 'nope' }) }))).toEqual({
      postcode: 'postcode.invalid',
    })
    expect((await buildingRow(b.id))!.name).toBe('Stays')
    expect(await auditOf('building', b.id)).toEqual([])
  })
})

describe('a facility manager of another building', () => {
  it('gets not found for editing, viewing and deleting a building they do not manage', async () => {
    const other = await insertUser(db, { role: 'facility_manager' })
    const b = await insertBuilding(db, { name: 'Not Yours' }, [manager])
    await expect(editBuilding({ db, actor: other, buildingId: b.id, input: form() })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getBuildingOverview({ db, actor: other, buildingId: b.id, asOf })).rejects.toBeInstanceOf(NotFoundError)
    await expect(removeBuilding({ db, actor: other, buildingId: b.id })).rejects.toBeInstanceOf(NotFoundError)
    expect(await buildingRow(b.id)).toMatchObject({ name: 'Not Yours' })
    expect(await auditOf('building', b.id)).toEqual([])
  })

  it('a building id that is not a uuid is simply not found', async () => {
    await expect(getBuildingOverview({ db, actor: manager, buildingId: notAUuid, asOf })).rejects.toBeInstanceOf(NotFoundError)
    await expect(editBuilding({ db, actor: manager, buildingId: notAUuid, input: form() })).rejects.toBeInstanceOf(NotFoundError)
    await expect(removeBuilding({ db, actor: manager, buildingId: notAUuid })).rejects.toBeInstanceOf(NotFoundError)
    await expect(shareBuilding({ db, actor: manager, buildingId: notAUuid, input: { email: 'x@example.test' } })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('removing a building', () => {
  it('refuses a building that still has tenants and deletes nothing', async () => {
    const b = await insertBuilding(db, {}, [manager])
    await insertTenant(db, b.id)
    expect(await refused(removeBuilding({ db, actor: manager, buildingId: b.id }))).toEqual({ _form: 'building.notEmpty' })
    expect(await buildingRow(b.id)).not.toBeNull()
    expect(await auditOf('building', b.id)).toEqual([])
  })

  it('refuses a building that still has contracts and deletes nothing', async () => {
    const b = await insertBuilding(db, {}, [manager])
    await insertContract(db, b.id)
    expect(await refused(removeBuilding({ db, actor: manager, buildingId: b.id }))).toEqual({ _form: 'building.notEmpty' })
    expect(await buildingRow(b.id)).not.toBeNull()
  })

  it('deletes an empty building and its audit entry outlives it', async () => {
    const b = await insertBuilding(db, { name: 'Empty Shell' }, [manager])
    await removeBuilding({ db, actor: manager, buildingId: b.id })
    expect(await buildingRow(b.id)).toBeNull()
    const entries = await auditOf('building', b.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ action: 'delete', buildingId: b.id })
    expect(entries[0]!.before).toMatchObject({ id: b.id, name: 'Empty Shell' })
    await expect(getBuildingOverview({ db, actor: manager, buildingId: b.id, asOf })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('the portfolio', () => {
  it('a facility manager sees only the buildings they manage, with tenant, number and unallocated counts', async () => {
    const fm = await insertUser(db, { role: 'facility_manager' })
    const full = await insertBuilding(db, { name: 'A Full' }, [fm])
    const empty = await insertBuilding(db, { name: 'B Empty' }, [fm])
    await insertBuilding(db, { name: 'C Someone Else' }, [manager])
    const t = await insertTenant(db, full.id)
    await insertTenant(db, full.id)
    const c = await insertContract(db, full.id)
    const s = await insertService(db, full.id, c.id)
    await insertNumbers(db, full.id, s.id, '+31205557000', 6, { tenantId: t.id })
    await insertNumbers(db, full.id, s.id, '+31205557100', 4)

    const portfolio = await listPortfolio({ db, actor: fm })
    expect(portfolio.map((p) => p.id)).toEqual([full.id, empty.id])
    expect(portfolio[0]).toMatchObject({ name: 'A Full', tenants: 2, numbers: 10, unallocated: 4 })
    expect(portfolio[1]).toMatchObject({ name: 'B Empty', tenants: 0, numbers: 0, unallocated: 0 })
  })

  it('a sales user sees only the buildings shared with them, without the unallocated count', async () => {
    const sales = await insertUser(db, { role: 'sales' })
    const shared = await insertBuilding(db, { name: 'Shared With Sales' }, [manager])
    await insertBuilding(db, { name: 'Not Shared' }, [manager])
    const t = await insertTenant(db, shared.id)
    const c = await insertContract(db, shared.id)
    const s = await insertService(db, shared.id, c.id)
    await insertNumbers(db, shared.id, s.id, '+31205558000', 3, { tenantId: t.id })
    await insertShare(db, shared.id, sales)

    const portfolio = await listPortfolio({ db, actor: sales })
    expect(portfolio).toEqual([
      { id: shared.id, name: 'Shared With Sales', city: shared.city, postcode: shared.postcode, street: shared.street, updatedAt: shared.updatedAt, tenants: 1, numbers: 3, unallocated: null },
    ])
  })

  it('a tenant user has no portfolio', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: t.id })
    await expect(listPortfolio({ db, actor: tenantUser })).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('the building overview', () => {
  it('a sales user with a share sees counts only: no tenant names, numbers or contact details', async () => {
    const fixture = await populatedBuilding()
    const sales = await insertUser(db, { role: 'sales' })
    await insertShare(db, fixture.b.id, sales)

    const result = await getBuildingOverview({ db, actor: sales, buildingId: fixture.b.id, asOf })
    expect(result.view).toBe('counts')
    expect(result).toMatchObject({ building: { id: fixture.b.id, name: fixture.b.name, city: fixture.b.city }, tenantCount: 3, numberCount: 10 })
    if (result.view !== 'counts') return
    expect([...result.services].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'isdn30', numberCount: 9 },
      { kind: 'pstn', numberCount: 1 },
    ])

    const json = JSON.stringify(result)
    for (const t of fixture.tenants) {
      expect(json).not.toContain(t.legalName)
      expect(json).not.toContain(t.kvkNumber)
    }
    for (const n of fixture.numbers) expect(json).not.toContain(n.e164)
    for (const c of fixture.contacts) {
      expect(json).not.toContain(c.email)
      expect(json).not.toContain(c.phone!)
    }
    for (const c of fixture.contracts) expect(json).not.toContain(c.contractNumber)
    for (const s of fixture.services) expect(json).not.toContain(s.carrierRef)
    expect(json).not.toMatch(/\+\d{7,}/)
    expect(json).not.toMatch(/@/)
  })

  it('a facility manager sees contracts with their timeline, number flags, services and tenants', async () => {
    const fixture = await populatedBuilding()
    const [t1, t2, t3] = fixture.tenants
    const [c1, c2] = fixture.contracts

    const result = await getBuildingOverview({ db, actor: manager, buildingId: fixture.b.id, asOf })
    expect(result.view).toBe('manage')
    if (result.view !== 'manage') return
    expect(result.building).toMatchObject({ id: fixture.b.id, name: fixture.b.name, street: fixture.b.street, postcode: fixture.b.postcode })
    expect(result.flags).toEqual({ total: 10, unallocated: 5, unbilled: 3, critical: 3 })

    const byId = new Map(result.contracts.map((c) => [c.id, c]))
    expect(byId.get(c1.id)).toMatchObject({
      contractNumber: c1.contractNumber,
      holderTenantId: null,
      timeline: { initialTermEnd: '2027-01-01', inInitialTerm: true, effectiveNoticeDays: 30, noticeDeadline: '2026-12-02', earliestEnd: '2025-07-01' },
    })
    expect(byId.get(c2.id)).toMatchObject({
      holderTenantId: t2.id,
      holderName: t2.legalName,
      // After the initial term the 90 contractual notice days are capped at one month.
      timeline: { initialTermEnd: '2021-01-01', inInitialTerm: false, effectiveNoticeDays: 30, noticeDeadline: null, earliestEnd: '2025-07-01' },
    })

    expect(result.tenants.map((t) => t.id)).toEqual([t1.id, t2.id, t3.id])
    expect(result.tenants.map((t) => t.numberCount)).toEqual([4, 1, 0])
    const services = new Map(result.services.map((s) => [s.id, s]))
    expect(services.get(fixture.services[0].id)).toMatchObject({ numberCount: 9, mainNumber: '+31205551000' })
    expect(services.get(fixture.services[1].id)).toMatchObject({ numberCount: 1, criticalUse: 'fire_alarm', dedicatedTenantName: t2.legalName })
  })

  it("the facility manager's overview lists the building's recent audit entries, newest first", async () => {
    const b = await insertBuilding(db, {}, [manager])
    await editBuilding({ db, actor: manager, buildingId: b.id, input: form({ name: 'First Rename' }) })
    await editBuilding({ db, actor: manager, buildingId: b.id, input: form({ name: 'Second Rename' }) })
    const result = await getBuildingOverview({ db, actor: manager, buildingId: b.id, asOf })
    if (result.view !== 'manage') throw new Error('expected the manage view')
    expect(result.recentAudit.map((r) => r.summary)).toEqual(['building Second Rename updated', 'building First Rename updated'])
    expect(result.recentAudit[0]).toMatchObject({ actorEmail: manager.email, action: 'update', entityType: 'building' })
  })

  it('a tenant user gets not found for the overview of their own building', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: t.id })
    await expect(getBuildingOverview({ db, actor: tenantUser, buildingId: b.id, asOf })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('a sales user without a share gets not found', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const sales = await insertUser(db, { role: 'sales' })
    await expect(getBuildingOverview({ db, actor: sales, buildingId: b.id, asOf })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('sharing a building with sales', () => {
  it('an e-mail that does not belong to a sales user is refused on the email field', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const fm = await insertUser(db, { role: 'facility_manager' })
    const t = await insertTenant(db, b.id)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: t.id })
    for (const email of [fm.email, tenantUser.email, 'unknown-person@example.test']) {
      expect(await refused(shareBuilding({ db, actor: manager, buildingId: b.id, input: { email } }))).toEqual({ email: 'share.notSales' })
    }
    expect(await refused(shareBuilding({ db, actor: manager, buildingId: b.id, input: { email: 'not an address' } }))).toEqual({ email: 'email.invalid' })
    expect(await db.select().from(auditLog).where(and(eq(auditLog.buildingId, b.id), eq(auditLog.entityType, 'building_share')))).toEqual([])
  })

  it('sharing gives the sales user the counts view, unsharing takes it away, and both are audited', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const sales = await insertUser(db, { role: 'sales' })
    await expect(getBuildingOverview({ db, actor: sales, buildingId: b.id, asOf })).rejects.toBeInstanceOf(NotFoundError)

    await shareBuilding({ db, actor: manager, buildingId: b.id, input: { email: ` ${sales.email.toUpperCase()} ` } })
    expect(await getBuildingOverview({ db, actor: sales, buildingId: b.id, asOf })).toMatchObject({ view: 'counts', building: { id: b.id } })
    expect((await listPortfolio({ db, actor: sales })).map((p) => p.id)).toEqual([b.id])

    await unshareBuilding({ db, actor: manager, buildingId: b.id, userId: sales.id })
    await expect(getBuildingOverview({ db, actor: sales, buildingId: b.id, asOf })).rejects.toBeInstanceOf(NotFoundError)

    const entries = await auditOf('building_share', sales.id)
    expect(entries.map((e) => e.action)).toEqual(['create', 'delete'])
    expect(entries[0]).toMatchObject({ buildingId: b.id, actorUserId: manager.id, after: { userId: sales.id, email: sales.email } })
    expect(entries[1]).toMatchObject({ buildingId: b.id, before: { userId: sales.id, prospectTenantId: null } })
  })

  it('sharing twice with the same sales user records one audit entry', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const sales = await insertUser(db, { role: 'sales' })
    await shareBuilding({ db, actor: manager, buildingId: b.id, input: { email: sales.email } })
    await shareBuilding({ db, actor: manager, buildingId: b.id, input: { email: sales.email } })
    expect(await auditOf('building_share', sales.id)).toHaveLength(1)
  })

  it('revoking a share that does not exist is not found and writes nothing', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const sales = await insertUser(db, { role: 'sales' })
    await expect(unshareBuilding({ db, actor: manager, buildingId: b.id, userId: sales.id })).rejects.toBeInstanceOf(NotFoundError)
    expect(await auditOf('building_share', sales.id)).toEqual([])
  })

  it('revoking a share with a user id that is not a uuid is not found', async () => {
    const b = await insertBuilding(db, {}, [manager])
    await expect(unshareBuilding({ db, actor: manager, buildingId: b.id, userId: 'not-a-uuid' })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('only a manager of the building may share it', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const other = await insertUser(db, { role: 'facility_manager' })
    const sales = await insertUser(db, { role: 'sales' })
    await expect(shareBuilding({ db, actor: other, buildingId: b.id, input: { email: sales.email } })).rejects.toBeInstanceOf(NotFoundError)
    await expect(shareBuilding({ db, actor: sales, buildingId: b.id, input: { email: sales.email } })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(getBuildingOverview({ db, actor: sales, buildingId: b.id, asOf })).rejects.toBeInstanceOf(NotFoundError)
  })
})
