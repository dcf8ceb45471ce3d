import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { pgError } from '#app/services/db-errors.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, numberAllocations, numbers, services } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertContract, insertNumbers, insertService, insertTenant } from '#tests/support/factories.ts'

let db: Db
beforeAll(async () => {
  db = (await createTestDatabase()).db
})

async function violation(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    return pgError(e)
  }
  throw new Error('expected the database to refuse this')
}

describe('database invariants', () => {
  it('refuses a number block that overlaps an existing block of the same building', async () => {
    const b = await insertBuilding(db)
    const c = await insertContract(db, b.id)
    const s = await insertService(db, b.id, c.id)
    await insertNumbers(db, b.id, s.id, '+31205551000', 100)
    const err = await violation(insertNumbers(db, b.id, s.id, '+31205551090', 20))
    expect(err).toEqual({ code: '23P01', constraint: 'ex_number_ranges_no_overlap' })
  })

  it('allows the same numbers in two different buildings', async () => {
    for (let i = 0; i < 2; i++) {
      const b = await insertBuilding(db)
      const c = await insertContract(db, b.id)
      const s = await insertService(db, b.id, c.id)
      const { numbers: rows } = await insertNumbers(db, b.id, s.id, '+31205559000', 10)
      expect(rows).toHaveLength(10)
    }
  })

  it('refuses two overlapping holdings of one number', async () => {
    const b = await insertBuilding(db)
    const c = await insertContract(db, b.id)
    const s = await insertService(db, b.id, c.id)
    const t1 = await insertTenant(db, b.id)
    const t2 = await insertTenant(db, b.id)
    const { numbers: rows } = await insertNumbers(db, b.id, s.id, '+31205552000', 1, { tenantId: t1.id })
    const err = await violation(db.insert(numberAllocations).values({ buildingId: b.id, numberId: rows[0]!.id, tenantId: t2.id }))
    expect(err?.constraint).toBe('ex_number_allocations_no_overlap')
  })

  it('only accepts a main number that the service itself carries', async () => {
    const b = await insertBuilding(db)
    const c = await insertContract(db, b.id)
    const s1 = await insertService(db, b.id, c.id)
    const s2 = await insertService(db, b.id, c.id, { kind: 'sip_trunk' })
    await insertNumbers(db, b.id, s1.id, '+31205553000', 10)
    await insertNumbers(db, b.id, s2.id, '+31205554000', 10)
    const err = await violation(db.update(services).set({ mainNumber: '+31205554000' }).where(eq(services.id, s1.id)))
    expect(err?.constraint).toBe('fk_services_main_number')
    await db.update(services).set({ mainNumber: '+31205553000' }).where(eq(services.id, s1.id))
    const delErr = await violation(db.delete(numbers).where(eq(numbers.e164, '+31205553000')))
    expect(delErr?.code).toBe('23503')
  })

  it('refuses a service whose contract belongs to another building', async () => {
    const b1 = await insertBuilding(db)
    const b2 = await insertBuilding(db)
    const c2 = await insertContract(db, b2.id)
    const err = await violation(insertService(db, b1.id, c2.id))
    expect(err?.constraint).toBe('fk_services_contract')
  })

  it('keeps the audit log append-only', async () => {
    await db.insert(auditLog).values({ actorEmail: 'x@example.test', entityType: 'test', action: 'create' })
    const upd = await violation(db.update(auditLog).set({ summary: 'changed' }))
    expect(upd?.code).toBe('42501')
    const del = await violation(db.delete(auditLog))
    expect(del?.code).toBe('42501')
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog)
    expect(row?.n).toBe(1)
  })

  it('refuses a KvK number that is not eight digits and a malformed postcode', async () => {
    const b = await insertBuilding(db)
    expect((await violation(insertTenant(db, b.id, { kvkNumber: '1234567' })))?.constraint).toBe('ck_tenants_kvk')
    expect((await violation(insertBuilding(db, { postcode: '1234ab' })))?.constraint).toBe('ck_buildings_postcode')
  })
})
