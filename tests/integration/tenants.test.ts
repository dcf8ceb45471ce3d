import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import {
  createTenant,
  editTenant,
  getTenant,
  getTenantDeletionImpact,
  getTenantDetail,
  listTenants,
  removeTenant,
} from '#app/services/tenants.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, contacts, numbers, tenants, users } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import {
  insertBuilding,
  insertContact,
  insertContract,
  insertNumbers,
  insertService,
  insertTenant,
  insertUser,
} from '#tests/support/factories.ts'
import { auditEntries, refusal, refused, tenantForm } from '#tests/support/factories-tenants.ts'

let db: Db
let manager: Actor
let otherManager: Actor
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
  otherManager = await insertUser(db, { role: 'facility_manager' })
})

const firstPage = { page: 1, pageSize: 50, limit: 50, offset: 0 }

async function tenantRows(buildingId: string) {
  return db.select().from(tenants).where(eq(tenants.buildingId, buildingId)).orderBy(tenants.legalName)
}

async function auditCount() {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog)
  return row!.n
}

describe('creating a tenant', () => {
  it('stores the tenant with a normalised KvK number and writes an audit entry with the new row', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const created = await createTenant({
      db,
      actor: manager,
      buildingId: b.id,
      input: tenantForm({ legalName: '  Acme BV ', kvkNumber: '1234 56.78', unit: '2.14', moveOut: '' }),
    })
    expect(created).toMatchObject({ legalName: 'Acme BV', kvkNumber: '12345678', unit: '2.14', moveIn: '2024-01-01', moveOut: null })
    const [row] = await tenantRows(b.id)
    expect(row).toMatchObject({ id: created.id, legalName: 'Acme BV', kvkNumber: '12345678' })
    const [entry] = await auditEntries(db, 'tenant', created.id)
    expect(entry).toMatchObject({ action: 'create', actorEmail: manager.email, buildingId: b.id, before: null })
    expect(entry!.after).toMatchObject({ id: created.id, legalName: 'Acme BV', kvkNumber: '12345678' })
  })

  it('refuses a KvK number that is not eight digits on its field and stores nothing', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const before = await auditCount()
    for (const kvk of ['1234567', '123456789', '1234abcd']) {
      expect(await refused(createTenant({ db, actor: manager, buildingId: b.id, input: tenantForm({ kvkNumber: kvk }) }))).toEqual({
        kvkNumber: 'kvk.invalid',
      })
    }
    expect(await tenantRows(b.id)).toHaveLength(0)
    expect(await auditCount()).toBe(before)
  })

  it('refuses a KvK number another tenant of the same building already has, as taken', async () => {
    const b = await insertBuilding(db, {}, [manager])
    await insertTenant(db, b.id, { kvkNumber: '87654321', legalName: 'First BV' })
    expect(await refused(createTenant({ db, actor: manager, buildingId: b.id, input: tenantForm({ kvkNumber: '8765 4321' }) }))).toEqual({
      kvkNumber: 'kvk.taken',
    })
    expect(await tenantRows(b.id)).toHaveLength(1)
  })

  it('allows the same KvK number in another building (one company renting in two buildings)', async () => {
    const b1 = await insertBuilding(db, {}, [manager])
    const b2 = await insertBuilding(db, {}, [manager])
    await createTenant({ db, actor: manager, buildingId: b1.id, input: tenantForm({ kvkNumber: '11112222' }) })
    await createTenant({ db, actor: manager, buildingId: b2.id, input: tenantForm({ kvkNumber: '11112222' }) })
    expect(await tenantRows(b2.id)).toHaveLength(1)
  })

  it('refuses a move-out date before the move-in date', async () => {
    const b = await insertBuilding(db, {}, [manager])
    expect(
      await refused(createTenant({ db, actor: manager, buildingId: b.id, input: tenantForm({ moveIn: '2024-05-01', moveOut: '2024-04-30' }) })),
    ).toEqual({ moveOut: 'tenant.moveOutBeforeMoveIn' })
    expect(
      await refused(createTenant({ db, actor: manager, buildingId: b.id, input: tenantForm({ kvkNumber: '12', moveIn: '2024-05-01', moveOut: '2024-04-30' }) })),
    ).toEqual({ kvkNumber: 'kvk.invalid', moveOut: 'tenant.moveOutBeforeMoveIn' })
    expect(await tenantRows(b.id)).toHaveLength(0)
  })

  it('accepts moving out on the move-in day', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await createTenant({ db, actor: manager, buildingId: b.id, input: tenantForm({ moveIn: '2024-05-01', moveOut: '2024-05-01' }) })
    expect(t.moveOut).toBe('2024-05-01')
  })

  it('refuses a missing name, a missing or impossible move-in date, each on its field', async () => {
    const b = await insertBuilding(db, {}, [manager])
    expect(await refused(createTenant({ db, actor: manager, buildingId: b.id, input: tenantForm({ legalName: '  ', moveIn: '2024-02-30' }) }))).toEqual({
      legalName: 'field.required',
      moveIn: 'field.invalidDate',
    })
    expect(await refused(createTenant({ db, actor: manager, buildingId: b.id, input: tenantForm({ moveIn: '' }) }))).toEqual({ moveIn: 'field.required' })
    expect(await tenantRows(b.id)).toHaveLength(0)
  })

  it('is not found for a facility manager of another building, and forbidden for a tenant user', async () => {
    const b = await insertBuilding(db, {}, [manager])
    expect(await refusal(createTenant({ db, actor: otherManager, buildingId: b.id, input: tenantForm() }))).toBeInstanceOf(NotFoundError)
    const t = await insertTenant(db, b.id)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: t.id })
    expect(await refusal(createTenant({ db, actor: tenantUser, buildingId: b.id, input: tenantForm() }))).toBeInstanceOf(ForbiddenError)
    expect(await tenantRows(b.id)).toHaveLength(1)
  })
})

describe('editing a tenant', () => {
  it('changes the tenant and records before and after in the audit log', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id, { legalName: 'Old Name BV', unit: '1.01' })
    const after = await editTenant({
      db,
      actor: manager,
      buildingId: b.id,
      tenantId: t.id,
      input: tenantForm({ legalName: 'New Name BV', kvkNumber: t.kvkNumber, unit: '3.02', moveIn: t.moveIn, moveOut: '2026-12-31' }),
    })
    expect(after).toMatchObject({ legalName: 'New Name BV', unit: '3.02', moveOut: '2026-12-31' })
    const entries = await auditEntries(db, 'tenant', t.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ action: 'update', buildingId: b.id })
    expect(entries[0]!.before).toMatchObject({ legalName: 'Old Name BV', unit: '1.01', moveOut: null })
    expect(entries[0]!.after).toMatchObject({ legalName: 'New Name BV', unit: '3.02', moveOut: '2026-12-31' })
  })

  it('refuses a move-out before the move-in and leaves the tenant as it was', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id, { moveIn: '2023-03-01' })
    expect(
      await refused(editTenant({ db, actor: manager, buildingId: b.id, tenantId: t.id, input: tenantForm({ kvkNumber: t.kvkNumber, moveIn: '2023-03-01', moveOut: '2023-02-28' }) })),
    ).toEqual({ moveOut: 'tenant.moveOutBeforeMoveIn' })
    const [row] = await tenantRows(b.id)
    expect(row).toMatchObject({ legalName: t.legalName, moveOut: null })
    expect(await auditEntries(db, 'tenant', t.id)).toHaveLength(0)
  })

  it('refuses taking the KvK number of another tenant of the building', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const a = await insertTenant(db, b.id, { kvkNumber: '22223333' })
    const c = await insertTenant(db, b.id, { kvkNumber: '33334444' })
    expect(await refused(editTenant({ db, actor: manager, buildingId: b.id, tenantId: c.id, input: tenantForm({ kvkNumber: a.kvkNumber }) }))).toEqual({
      kvkNumber: 'kvk.taken',
    })
    const [row] = await db.select().from(tenants).where(eq(tenants.id, c.id))
    expect(row!.kvkNumber).toBe('33334444')
  })

  it('does not find a tenant of another building, even for a manager of both buildings', async () => {
    const b1 = await insertBuilding(db, {}, [manager])
    const b2 = await insertBuilding(db, {}, [manager])
    const t2 = await insertTenant(db, b2.id)
    expect(await refusal(editTenant({ db, actor: manager, buildingId: b1.id, tenantId: t2.id, input: tenantForm() }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(getTenant({ db, actor: manager, buildingId: b1.id, tenantId: t2.id }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(getTenantDetail({ db, actor: manager, buildingId: b1.id, tenantId: t2.id }))).toBeInstanceOf(NotFoundError)
  })

  it('does not find a tenant for a facility manager of another building', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id, { legalName: 'Private BV' })
    expect(await refusal(editTenant({ db, actor: otherManager, buildingId: b.id, tenantId: t.id, input: tenantForm() }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(getTenantDetail({ db, actor: otherManager, buildingId: b.id, tenantId: t.id }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(listTenants({ db, actor: otherManager, buildingId: b.id, query: {}, page: firstPage }))).toBeInstanceOf(NotFoundError)
    const [row] = await db.select().from(tenants).where(eq(tenants.id, t.id))
    expect(row!.legalName).toBe('Private BV')
  })

  it('treats an id that is not a uuid as not found', async () => {
    const b = await insertBuilding(db, {}, [manager])
    expect(await refusal(getTenant({ db, actor: manager, buildingId: b.id, tenantId: 'not-a-uuid' }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(removeTenant({ db, actor: manager, buildingId: b.id, tenantId: "1' or '1'='1" }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(getTenant({ db, actor: manager, buildingId: 'nope', tenantId: crypto.randomUUID() }))).toBeInstanceOf(NotFoundError)
  })
})

describe('deleting a tenant', () => {
  it('deletes the tenant with its contacts and records each in the audit log', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id, { legalName: 'Leaving BV' })
    const c = await insertContact(db, b.id, { tenantId: t.id, name: 'Lea Ving' })
    const impact = await getTenantDeletionImpact({ db, actor: manager, buildingId: b.id, tenantId: t.id })
    expect(impact).toMatchObject({ blockers: [], contacts: 1, numbers: 0, userAccounts: 0 })
    await removeTenant({ db, actor: manager, buildingId: b.id, tenantId: t.id })
    expect(await tenantRows(b.id)).toHaveLength(0)
    expect(await db.select().from(contacts).where(eq(contacts.id, c.id))).toHaveLength(0)
    const [entry] = await auditEntries(db, 'tenant', t.id)
    expect(entry).toMatchObject({ action: 'delete', after: null })
    expect(entry!.before).toMatchObject({ id: t.id, legalName: 'Leaving BV' })
    const [contactEntry] = await auditEntries(db, 'contact', c.id)
    expect(contactEntry).toMatchObject({ action: 'delete' })
    expect(contactEntry!.before).toMatchObject({ name: 'Lea Ving' })
  })

  it('tells on the confirmation page that the tenant users lose their accounts, and removes them', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id)
    const u = await insertUser(db, { role: 'tenant', tenantId: t.id })
    const impact = await getTenantDeletionImpact({ db, actor: manager, buildingId: b.id, tenantId: t.id })
    expect(impact.userAccounts).toBe(1)
    await removeTenant({ db, actor: manager, buildingId: b.id, tenantId: t.id })
    expect(await db.select().from(users).where(eq(users.id, u.id))).toHaveLength(0)
    const [entry] = await auditEntries(db, 'user', u.id)
    expect(entry!.before).toMatchObject({ email: u.email })
    expect(JSON.stringify(entry!.before)).not.toContain('argon2')
  })

  it('refuses to delete a tenant that still holds numbers, and changes nothing', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const k = await insertContract(db, b.id)
    const s = await insertService(db, b.id, k.id)
    const t = await insertTenant(db, b.id)
    const c = await insertContact(db, b.id, { tenantId: t.id })
    await insertNumbers(db, b.id, s.id, '+31205556000', 10, { tenantId: t.id })
    const audits = await auditCount()
    const impact = await getTenantDeletionImpact({ db, actor: manager, buildingId: b.id, tenantId: t.id })
    expect(impact.numbers).toBe(10)
    expect(impact.blockers.map((x) => x.key)).toEqual(['tenant.holdsNumbers'])
    expect(await refused(removeTenant({ db, actor: manager, buildingId: b.id, tenantId: t.id }))).toEqual({ _form: 'tenant.holdsNumbers' })
    expect(await tenantRows(b.id)).toHaveLength(1)
    expect(await db.select().from(contacts).where(eq(contacts.id, c.id))).toHaveLength(1)
    const held = await db.select().from(numbers).where(and(eq(numbers.buildingId, b.id), eq(numbers.tenantId, t.id)))
    expect(held).toHaveLength(10)
    expect(await auditCount()).toBe(audits)
  })

  it('refuses to delete a tenant that holds a master contract', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id)
    await insertContract(db, b.id, { holderTenantId: t.id })
    expect(await refused(removeTenant({ db, actor: manager, buildingId: b.id, tenantId: t.id }))).toEqual({ _form: 'tenant.holdsContract' })
    expect(await tenantRows(b.id)).toHaveLength(1)
  })

  it("refuses to delete a tenant that is a service's dedicated tenant", async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id)
    const k = await insertContract(db, b.id)
    await insertService(db, b.id, k.id, { kind: 'fiber', dedicatedTenantId: t.id })
    expect(await refused(removeTenant({ db, actor: manager, buildingId: b.id, tenantId: t.id }))).toEqual({ _form: 'tenant.dedicatedService' })
    expect(await tenantRows(b.id)).toHaveLength(1)
  })

  it('refuses to delete a tenant whose contact signed a contract', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id)
    const c = await insertContact(db, b.id, { tenantId: t.id, roles: ['authorized_signatory'] })
    await insertContract(db, b.id, { signedByContactId: c.id })
    const impact = await getTenantDeletionImpact({ db, actor: manager, buildingId: b.id, tenantId: t.id })
    expect(impact.contractsSignedByContacts).toHaveLength(1)
    expect(await refused(removeTenant({ db, actor: manager, buildingId: b.id, tenantId: t.id }))).toEqual({ _form: 'tenant.contactSignedContract' })
    expect(await db.select().from(contacts).where(eq(contacts.id, c.id))).toHaveLength(1)
  })

  it('is not found for a facility manager of another building', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const t = await insertTenant(db, b.id)
    expect(await refusal(removeTenant({ db, actor: otherManager, buildingId: b.id, tenantId: t.id }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(getTenantDeletionImpact({ db, actor: otherManager, buildingId: b.id, tenantId: t.id }))).toBeInstanceOf(NotFoundError)
    expect(await tenantRows(b.id)).toHaveLength(1)
  })
})

describe('the tenant list', () => {
  it('filters by name or KvK digits and by presence, sorts by name and counts numbers and contacts', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const k = await insertContract(db, b.id)
    const s = await insertService(db, b.id, k.id, { kind: 'sip_trunk' })
    const zeta = await insertTenant(db, b.id, { legalName: 'zeta Logistics BV', kvkNumber: '55550001' })
    const alpha = await insertTenant(db, b.id, { legalName: 'Alpha Design BV', kvkNumber: '55550002' })
    await insertTenant(db, b.id, { legalName: 'Gone 100% BV', kvkNumber: '66660003', moveIn: '2020-01-01', moveOut: '2023-06-30' })
    await insertTenant(db, b.id, { legalName: 'Leaving Soon BV', kvkNumber: '66660004', moveOut: '2030-01-01' })
    await insertNumbers(db, b.id, s.id, '+31205557000', 3, { tenantId: zeta.id })
    await insertContact(db, b.id, { tenantId: alpha.id })
    await insertContact(db, b.id, { tenantId: alpha.id })
    const asOf = '2025-01-01'

    const all = await listTenants({ db, actor: manager, buildingId: b.id, query: {}, page: firstPage, asOf })
    expect(all.tenants.map((r) => r.legalName)).toEqual(['Alpha Design BV', 'Gone 100% BV', 'Leaving Soon BV', 'zeta Logistics BV'])
    expect(all.total).toBe(4)
    expect(all.tenants.find((r) => r.id === zeta.id)).toMatchObject({ numberCount: 3, contactCount: 0 })
    expect(all.tenants.find((r) => r.id === alpha.id)).toMatchObject({ numberCount: 0, contactCount: 2 })

    const byName = await listTenants({ db, actor: manager, buildingId: b.id, query: { q: 'design' }, page: firstPage, asOf })
    expect(byName.tenants.map((r) => r.legalName)).toEqual(['Alpha Design BV'])
    const byKvk = await listTenants({ db, actor: manager, buildingId: b.id, query: { q: '6666' }, page: firstPage, asOf })
    expect(byKvk.tenants.map((r) => r.kvkNumber)).toEqual(['66660003', '66660004'])
    const literalPercent = await listTenants({ db, actor: manager, buildingId: b.id, query: { q: '100%' }, page: firstPage, asOf })
    expect(literalPercent.tenants.map((r) => r.legalName)).toEqual(['Gone 100% BV'])

    const present = await listTenants({ db, actor: manager, buildingId: b.id, query: { status: 'present' }, page: firstPage, asOf })
    expect(present.tenants.map((r) => r.legalName)).toEqual(['Alpha Design BV', 'Leaving Soon BV', 'zeta Logistics BV'])
    const movedOut = await listTenants({ db, actor: manager, buildingId: b.id, query: { status: 'movedOut' }, page: firstPage, asOf })
    expect(movedOut.tenants.map((r) => r.legalName)).toEqual(['Gone 100% BV'])
    expect(movedOut.tenants[0]!.movedOut).toBe(true)

    const junk = await listTenants({ db, actor: manager, buildingId: b.id, query: { status: 'whatever' }, page: firstPage, asOf })
    expect(junk.filter.status).toBe('all')
    expect(junk.total).toBe(4)
  })

  it('pages through the tenants fifty at a time', async () => {
    const b = await insertBuilding(db, {}, [manager])
    for (let i = 0; i < 53; i++) await insertTenant(db, b.id, { legalName: `Tenant ${String(i).padStart(2, '0')} BV` })
    const p1 = await listTenants({ db, actor: manager, buildingId: b.id, query: {}, page: firstPage })
    expect(p1.tenants).toHaveLength(50)
    expect(p1.total).toBe(53)
    const p2 = await listTenants({ db, actor: manager, buildingId: b.id, query: {}, page: { page: 2, pageSize: 50, limit: 50, offset: 50 } })
    expect(p2.tenants.map((r) => r.legalName)).toEqual(['Tenant 50 BV', 'Tenant 51 BV', 'Tenant 52 BV'])
  })

  it('lists only the tenants of the building asked for', async () => {
    const b1 = await insertBuilding(db, {}, [manager])
    const b2 = await insertBuilding(db, {}, [manager])
    await insertTenant(db, b1.id, { legalName: 'Here BV' })
    await insertTenant(db, b2.id, { legalName: 'Elsewhere BV' })
    const list = await listTenants({ db, actor: manager, buildingId: b1.id, query: {}, page: firstPage })
    expect(list.tenants.map((r) => r.legalName)).toEqual(['Here BV'])
  })
})

describe('the tenant page', () => {
  it("shows the tenant's contacts and its numbers grouped by service as ranges", async () => {
    const b = await insertBuilding(db, {}, [manager])
    const k = await insertContract(db, b.id)
    const isdn = await insertService(db, b.id, k.id, { kind: 'isdn30', carrierRef: 'ISDN-A' })
    const sip = await insertService(db, b.id, k.id, { kind: 'sip_trunk', carrierRef: 'SIP-B' })
    const t = await insertTenant(db, b.id)
    const other = await insertTenant(db, b.id, { legalName: 'Neighbour BV' })
    await insertNumbers(db, b.id, isdn.id, '+31205558000', 10, { tenantId: t.id })
    await insertNumbers(db, b.id, isdn.id, '+31205558010', 10, { tenantId: other.id })
    await insertNumbers(db, b.id, sip.id, '+31205559000', 2, { tenantId: t.id })
    await insertNumbers(db, b.id, sip.id, '+31205559005', 1, { tenantId: t.id })
    await insertContact(db, b.id, { tenantId: t.id, name: 'Own Contact' })
    await insertContact(db, b.id, { tenantId: other.id, name: 'Neighbour Contact' })

    const detail = await getTenantDetail({ db, actor: manager, buildingId: b.id, tenantId: t.id })
    expect(detail.numberCount).toBe(13)
    expect(detail.contacts.map((c) => c.name)).toEqual(['Own Contact'])
    expect(detail.services).toEqual([
      expect.objectContaining({ kind: 'isdn30', carrierRef: 'ISDN-A', count: 10, ranges: [{ first: '+31205558000', last: '+31205558009', count: 10 }] }),
      expect.objectContaining({
        kind: 'sip_trunk',
        carrierRef: 'SIP-B',
        count: 3,
        ranges: [
          { first: '+31205559000', last: '+31205559001', count: 2 },
          { first: '+31205559005', last: '+31205559005', count: 1 },
        ],
      }),
    ])
  })
})
