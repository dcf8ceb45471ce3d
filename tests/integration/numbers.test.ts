import { and, asc, count, eq, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { ForbiddenError, NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import {
  addNumberBlock,
  allocateNumbers,
  changeNumberHolders,
  getNumberDetails,
  listBuildingNumbers,
  releaseNumbers,
  updateNumberDetails,
} from '#app/services/numbers.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, numberAllocations, numberRanges, numbers } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertContract, insertNumbers, insertService, insertTenant, insertUser } from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'

let db: Db
beforeAll(async () => {
  db = (await createTestDatabase()).db
})

/** A building managed by a facility manager, with one ISDN30 line. */
async function building() {
  const actor = await insertUser(db)
  const b = await insertBuilding(db, {}, [actor])
  const contract = await insertContract(db, b.id)
  const service = await insertService(db, b.id, contract.id, { kind: 'isdn30' })
  return { actor, buildingId: b.id, contract, service }
}

async function numberCount(buildingId: string) {
  const [row] = await db.select({ n: count() }).from(numbers).where(eq(numbers.buildingId, buildingId))
  return row?.n ?? 0
}

async function auditEntries(buildingId: string) {
  return db
    .select({ entityType: auditLog.entityType, action: auditLog.action, summary: auditLog.summary, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.buildingId, buildingId))
    .orderBy(asc(auditLog.id))
}

async function allocations(buildingId: string) {
  return db
    .select({ numberId: numberAllocations.numberId, tenantId: numberAllocations.tenantId, validTo: numberAllocations.validTo })
    .from(numberAllocations)
    .where(eq(numberAllocations.buildingId, buildingId))
}

describe('adding a block of numbers', () => {
  it('adds "+31 20 555 1000, 100 numbers" as one block of 100 numbers with one audit entry', async () => {
    const { actor, buildingId, service } = await building()
    const added = await addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '+31 20 555 1000, 100 numbers', billed: 'yes', use: 'tenant' } })
    expect(added).toMatchObject({ first: '+31205551000', last: '+31205551099', count: 100 })

    const rows = await db.select({ e164: numbers.e164, serviceId: numbers.serviceId, tenantId: numbers.tenantId, billed: numbers.billed }).from(numbers).where(eq(numbers.buildingId, buildingId)).orderBy(asc(numbers.e164))
    expect(rows).toHaveLength(100)
    expect(rows[0]?.e164).toBe('+31205551000')
    expect(rows[99]?.e164).toBe('+31205551099')
    expect(rows.every((r) => r.serviceId === service.id && r.tenantId === null && r.billed)).toBe(true)

    const ranges = await db.select({ firstE164: numberRanges.firstE164, firstValue: numberRanges.firstValue, count: numberRanges.count }).from(numberRanges).where(eq(numberRanges.buildingId, buildingId))
    expect(ranges).toEqual([{ firstE164: '+31205551000', firstValue: 31205551000, count: 100 }])

    const audit = await auditEntries(buildingId)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entityType: 'number_range', action: 'create' })
    expect(audit[0]?.summary).toBe(`added 100 numbers 020 555 1000 – 020 555 1099 on ${service.carrierRef}`)
  })

  it('reads "020-5551000 t/m 020-5551099" as the same block of 100 numbers', async () => {
    const { actor, buildingId, service } = await building()
    const added = await addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '020-5551000 t/m 020-5551099', billed: 'no', use: 'common' } })
    expect(added).toMatchObject({ first: '+31205551000', count: 100 })
    expect(await numberCount(buildingId)).toBe(100)
    const [row] = await db.select({ billed: numbers.billed, use: numbers.use }).from(numbers).where(eq(numbers.buildingId, buildingId)).limit(1)
    expect(row).toEqual({ billed: false, use: 'common' })
    expect(await auditEntries(buildingId)).toHaveLength(1)
  })

  it('allocates every number of a new block to the tenant given, each with an open holding', async () => {
    const { actor, buildingId, service } = await building()
    const tenant = await insertTenant(db, buildingId)
    await addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '020 555 2000, 10', tenantId: tenant.id } })
    const held = await db.select({ n: count() }).from(numbers).where(eq(numbers.tenantId, tenant.id))
    expect(held[0]?.n).toBe(10)
    const open = await allocations(buildingId)
    expect(open).toHaveLength(10)
    expect(open.every((a) => a.tenantId === tenant.id && a.validTo === null)).toBe(true)
    expect((await auditEntries(buildingId))[0]?.summary).toContain(`allocated to ${tenant.legalName}`)
  })

  it('inserts a block of 10,000 numbers in one go', async () => {
    const { actor, buildingId, service } = await building()
    const added = await addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '+31 20 700 0000, 10000 numbers' } })
    expect(added.count).toBe(10_000)
    expect(await numberCount(buildingId)).toBe(10_000)
    expect(await auditEntries(buildingId)).toHaveLength(1)
  })

  it('refuses a block that overlaps numbers of the building with range.overlap and changes nothing', async () => {
    const { actor, buildingId, service, contract } = await building()
    await addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '020 555 1000, 100' } })
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '020 555 1090, 20' } }))).toEqual({ range: 'range.overlap' })
    // also when the overlapping block is meant for another line of the same building
    const sip = await insertService(db, buildingId, contract.id, { kind: 'sip_trunk' })
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: sip.id, range: '020 555 1050' } }))).toEqual({ range: 'range.overlap' })
    expect(await numberCount(buildingId)).toBe(100)
    expect(await auditEntries(buildingId)).toHaveLength(1)
  })

  it('allows the same numbers in another building', async () => {
    const one = await building()
    const two = await building()
    await addNumberBlock({ db, actor: one.actor, buildingId: one.buildingId, input: { serviceId: one.service.id, range: '020 555 3000, 10' } })
    await addNumberBlock({ db, actor: two.actor, buildingId: two.buildingId, input: { serviceId: two.service.id, range: '020 555 3000, 10' } })
    expect(await numberCount(two.buildingId)).toBe(10)
  })

  it.each([
    ['+44 20 7946 0958', { range: 'number.not_dutch' }],
    ['020-5551099 t/m 020-5551000', { range: 'range.reversed' }],
    ['020 555 1000, 10001', { range: 'range.too_large' }],
    ['no idea', { range: 'range.syntax' }],
    ['', { range: 'range.empty' }],
  ])('refuses %j with the parser\'s message and adds nothing', async (range, fields) => {
    const { actor, buildingId, service } = await building()
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range } }))).toEqual(fields)
    expect(await numberCount(buildingId)).toBe(0)
  })

  it('refuses numbers on a data service', async () => {
    const { actor, buildingId, contract } = await building()
    const fiber = await insertService(db, buildingId, contract.id, { kind: 'fiber' })
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: fiber.id, range: '020 555 1000, 10' } }))).toEqual({ serviceId: 'numbers.dataService' })
    expect(await numberCount(buildingId)).toBe(0)
  })

  it('refuses a service or tenant of another building as an invalid choice', async () => {
    const { actor, buildingId, service } = await building()
    const other = await building()
    const foreignTenant = await insertTenant(db, other.buildingId)
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: other.service.id, range: '020 555 1000' } }))).toEqual({ serviceId: 'field.invalidChoice' })
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '020 555 1000', tenantId: foreignTenant.id } }))).toEqual({ tenantId: 'field.invalidChoice' })
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: '', range: '020 555 1000' } }))).toEqual({ serviceId: 'field.required' })
    expect(await numberCount(buildingId)).toBe(0)
  })

  it('does not give new numbers to a tenant that has moved out', async () => {
    const { actor, buildingId, service } = await building()
    const gone = await insertTenant(db, buildingId, { moveOut: '2023-06-30' })
    expect(await refused(addNumberBlock({ db, actor, buildingId, input: { serviceId: service.id, range: '020 555 1000', tenantId: gone.id } }))).toEqual({ tenantId: 'numbers.tenantMovedOut' })
    expect(await numberCount(buildingId)).toBe(0)
  })
})

describe('finding numbers', () => {
  async function stocked() {
    const ctx = await building()
    const tenant = await insertTenant(db, ctx.buildingId, { legalName: 'Acme BV' })
    const sip = await insertService(db, ctx.buildingId, ctx.contract.id, { kind: 'sip_trunk' })
    await insertNumbers(db, ctx.buildingId, ctx.service.id, '+31205551000', 100, { tenantId: tenant.id })
    await insertNumbers(db, ctx.buildingId, ctx.service.id, '+31205552000', 50)
    await insertNumbers(db, ctx.buildingId, sip.id, '+31206661000', 100, { billed: false, use: 'lift_alarm' })
    return { ...ctx, tenant, sip }
  }

  const list = (ctx: { actor: Awaited<ReturnType<typeof insertUser>>; buildingId: string }, query: Record<string, string>) =>
    listBuildingNumbers({ db, actor: ctx.actor, buildingId: ctx.buildingId, query })

  it('finds numbers starting with "020 555 10" and, for bare digits like "5551003", anywhere in the number', async () => {
    const ctx = await stocked()
    const prefix = await list(ctx, { q: '020 555 10' })
    expect(prefix.total).toBe(100)
    expect(prefix.rows.every((r) => r.e164.startsWith('+312055510'))).toBe(true)

    const contains = await list(ctx, { q: '5551003' })
    expect(contains.rows.map((r) => r.e164)).toEqual(['+31205551003'])

    expect((await list(ctx, { q: '+31 20 666' })).total).toBe(100)
    expect((await list(ctx, { q: '0031 20 555 2' })).total).toBe(50)
  })

  it('finds nothing, and says why, for a search without digits', async () => {
    const ctx = await stocked()
    const result = await list(ctx, { q: 'acme' })
    expect(result).toMatchObject({ searchInvalid: true, total: 0, rows: [] })
  })

  it('filters on unallocated, unbilled, holder, service, use and status', async () => {
    const ctx = await stocked()
    expect((await list(ctx, { tenant: 'none' })).total).toBe(150)
    expect((await list(ctx, { tenant: ctx.tenant.id })).total).toBe(100)
    expect((await list(ctx, { billed: 'no' })).total).toBe(100)
    expect((await list(ctx, { billed: 'yes', tenant: 'none' })).total).toBe(50)
    expect((await list(ctx, { service: ctx.sip.id })).total).toBe(100)
    expect((await list(ctx, { use: 'lift_alarm' })).total).toBe(100)
    expect((await list(ctx, { status: 'ported_out' })).total).toBe(0)
    expect((await list(ctx, { tenant: 'none', q: '5552' })).total).toBe(50)
  })

  it('ignores filter values it does not understand instead of failing', async () => {
    const ctx = await stocked()
    const result = await list(ctx, { service: 'nonsense', tenant: 'x', billed: 'maybe', use: 'toaster', status: '', page: '-3' })
    expect(result.total).toBe(250)
    expect(result.page).toBe(1)
  })

  it('pages 100 numbers at a time, sorted by number, with the total of all pages', async () => {
    const ctx = await stocked()
    const first = await list(ctx, {})
    expect(first).toMatchObject({ total: 250, page: 1, pageSize: 100 })
    expect(first.rows).toHaveLength(100)
    expect(first.rows[0]?.e164).toBe('+31205551000')
    const second = await list(ctx, { page: '2' })
    expect(second.rows[0]?.e164).toBe('+31205552000')
    const third = await list(ctx, { page: '3' })
    expect(third.rows).toHaveLength(50)
    expect(third.rows.at(-1)?.e164).toBe('+31206661099')
  })

  it('shows the service and the holder by name on each row', async () => {
    const ctx = await stocked()
    const [row] = (await list(ctx, { q: '020 555 1000' })).rows
    expect(row).toMatchObject({ e164: '+31205551000', serviceCarrierRef: ctx.service.carrierRef, serviceKind: 'isdn30', tenantName: 'Acme BV', billed: true, use: 'tenant', status: 'active' })
  })
})

describe('allocating and releasing numbers', () => {
  async function stocked() {
    const ctx = await building()
    const acme = await insertTenant(db, ctx.buildingId, { legalName: 'Acme BV' })
    const beta = await insertTenant(db, ctx.buildingId, { legalName: 'Beta BV' })
    const { numbers: rows } = await insertNumbers(db, ctx.buildingId, ctx.service.id, '+31205551000', 20)
    return { ...ctx, acme, beta, rows }
  }

  it('allocates 10 ticked numbers to a tenant with a holding each and one audit entry listing them', async () => {
    const { actor, buildingId, acme, rows } = await stocked()
    const ten = rows.slice(0, 10).map((r) => r.id)
    const result = await allocateNumbers({ db, actor, buildingId, input: { numberId: ten, tenantId: acme.id } })
    expect(result).toMatchObject({ intent: 'allocate', changed: 10, unchanged: 0, tenantName: 'Acme BV' })

    const held = await db.select({ id: numbers.id }).from(numbers).where(eq(numbers.tenantId, acme.id))
    expect(held.map((r) => r.id).sort()).toEqual([...ten].sort())
    const history = await allocations(buildingId)
    expect(history).toHaveLength(10)
    expect(history.every((a) => a.tenantId === acme.id && a.validTo === null)).toBe(true)

    const audit = await auditEntries(buildingId)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entityType: 'number', action: 'allocate', summary: 'allocated 10 numbers to Acme BV: 020 555 1000 – 020 555 1009' })
    expect((audit[0]?.before as { numbers: unknown[] }).numbers).toHaveLength(10)
    expect((audit[0]?.after as { tenantId: string; numbers: { e164: string }[] }).numbers.map((n) => n.e164)).toContain('+31205551009')
  })

  it('allocates a block typed in any notation instead of ticked rows', async () => {
    const { actor, buildingId, acme } = await stocked()
    const result = await changeNumberHolders({ db, actor, buildingId, input: { intent: 'allocate', range: '020-5551005 t/m 020-5551014', tenantId: acme.id } })
    expect(result.changed).toBe(10)
    const held = await db.select({ e164: numbers.e164 }).from(numbers).where(eq(numbers.tenantId, acme.id)).orderBy(asc(numbers.e164))
    expect(held.map((r) => r.e164)).toEqual(['+31205551005', '+31205551006', '+31205551007', '+31205551008', '+31205551009', '+31205551010', '+31205551011', '+31205551012', '+31205551013', '+31205551014'])
  })

  it('takes every number on the page when "all on this page" is ticked', async () => {
    const { actor, buildingId, beta, rows } = await stocked()
    const page = rows.slice(0, 15).map((r) => r.id)
    const result = await changeNumberHolders({ db, actor, buildingId, input: { intent: 'allocate', scope: 'page', pageNumberId: page, numberId: page[0], tenantId: beta.id } })
    expect(result.changed).toBe(15)
  })

  it('refuses the whole batch when one number is held by another tenant, and changes nothing', async () => {
    const { actor, buildingId, acme, beta, rows } = await stocked()
    await allocateNumbers({ db, actor, buildingId, input: { numberId: rows[5]!.id, tenantId: acme.id } })
    const before = { allocations: (await allocations(buildingId)).length, audit: (await auditEntries(buildingId)).length }

    const error = await allocateNumbers({ db, actor, buildingId, input: { numberId: rows.slice(0, 10).map((r) => r.id), tenantId: beta.id } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).fields._form).toEqual({ key: 'numbers.heldByOther', params: { count: 1 } })

    const [betaHeld] = await db.select({ n: count() }).from(numbers).where(eq(numbers.tenantId, beta.id))
    expect(betaHeld?.n).toBe(0)
    const [acmeHeld] = await db.select({ id: numbers.id }).from(numbers).where(eq(numbers.tenantId, acme.id))
    expect(acmeHeld?.id).toBe(rows[5]!.id)
    expect((await allocations(buildingId)).length).toBe(before.allocations)
    expect((await auditEntries(buildingId)).length).toBe(before.audit)
  })

  it('leaves numbers the tenant already holds as they are', async () => {
    const { actor, buildingId, acme, rows } = await stocked()
    const five = rows.slice(0, 5).map((r) => r.id)
    await allocateNumbers({ db, actor, buildingId, input: { numberId: five, tenantId: acme.id } })
    const again = await allocateNumbers({ db, actor, buildingId, input: { numberId: five, tenantId: acme.id } })
    expect(again).toMatchObject({ changed: 0, unchanged: 5 })
    const more = await allocateNumbers({ db, actor, buildingId, input: { numberId: rows.slice(0, 8).map((r) => r.id), tenantId: acme.id } })
    expect(more).toMatchObject({ changed: 3, unchanged: 5 })
    expect(await allocations(buildingId)).toHaveLength(8)
    expect(await auditEntries(buildingId)).toHaveLength(2)
  })

  it('releases numbers: no holder any more, the holding is closed and the history kept', async () => {
    const { actor, buildingId, acme, beta, rows } = await stocked()
    const three = rows.slice(0, 3).map((r) => r.id)
    await allocateNumbers({ db, actor, buildingId, input: { numberId: three, tenantId: acme.id } })
    const released = await releaseNumbers({ db, actor, buildingId, input: { range: '020 555 1000, 3' } })
    expect(released).toMatchObject({ intent: 'release', changed: 3 })

    const [stillHeld] = await db.select({ n: count() }).from(numbers).where(eq(numbers.tenantId, acme.id))
    expect(stillHeld?.n).toBe(0)
    const [open] = await db.select({ n: count() }).from(numberAllocations).where(and(eq(numberAllocations.buildingId, buildingId), isNull(numberAllocations.validTo)))
    expect(open?.n).toBe(0)

    const audit = await auditEntries(buildingId)
    expect(audit.at(-1)).toMatchObject({ action: 'release', summary: 'released 3 numbers from Acme BV: 020 555 1000 – 020 555 1002' })

    // the number can then go to someone else, and its history shows both holders
    await allocateNumbers({ db, actor, buildingId, input: { numberId: three[0], tenantId: beta.id } })
    const detail = await getNumberDetails({ db, actor, buildingId, numberId: three[0]! })
    expect(detail.number.tenantName).toBe('Beta BV')
    expect(detail.history.map((h) => [h.tenantName, h.validTo === null])).toEqual([
      ['Beta BV', true],
      ['Acme BV', false],
    ])
  })

  it('refuses an empty selection, a missing tenant, a moved-out tenant and a block without numbers', async () => {
    const { actor, buildingId, acme, rows } = await stocked()
    const gone = await insertTenant(db, buildingId, { moveOut: '2024-01-31' })
    expect(await refused(allocateNumbers({ db, actor, buildingId, input: { tenantId: acme.id } }))).toEqual({ _form: 'numbers.nothingSelected' })
    expect(await refused(allocateNumbers({ db, actor, buildingId, input: { numberId: rows[0]!.id } }))).toEqual({ tenantId: 'field.required' })
    expect(await refused(allocateNumbers({ db, actor, buildingId, input: { numberId: rows[0]!.id, tenantId: gone.id } }))).toEqual({ tenantId: 'numbers.tenantMovedOut' })
    expect(await refused(allocateNumbers({ db, actor, buildingId, input: { range: '020 777 0000, 10', tenantId: acme.id } }))).toEqual({ range: 'numbers.rangeNoMatch' })
    expect(await refused(allocateNumbers({ db, actor, buildingId, input: { range: '+44 20 7946 0958', tenantId: acme.id } }))).toEqual({ range: 'number.not_dutch' })
    expect(await allocations(buildingId)).toHaveLength(0)
  })
})

describe('one number', () => {
  it('changes billed, use and status with an audit entry', async () => {
    const { actor, buildingId, service } = await building()
    const { numbers: rows } = await insertNumbers(db, buildingId, service.id, '+31205551000', 1)
    const numberId = rows[0]!.id
    expect(await updateNumberDetails({ db, actor, buildingId, numberId, input: { billed: 'no', use: 'fire_alarm', status: 'active' } })).toEqual({ changed: true })
    const detail = await getNumberDetails({ db, actor, buildingId, numberId })
    expect(detail.number).toMatchObject({ e164: '+31205551000', billed: false, use: 'fire_alarm', status: 'active', serviceCarrierRef: service.carrierRef })
    const audit = await auditEntries(buildingId)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entityType: 'number', action: 'update', summary: 'number 020 555 1000: billed true → false, use tenant → fire_alarm' })
    expect(await updateNumberDetails({ db, actor, buildingId, numberId, input: { billed: 'no', use: 'fire_alarm', status: 'active' } })).toEqual({ changed: false })
    expect(await refused(updateNumberDetails({ db, actor, buildingId, numberId, input: { billed: 'no', use: 'toaster', status: 'active' } }))).toEqual({ use: 'field.invalidChoice' })
  })
})

describe('who may see and change a building\'s numbers', () => {
  it('a facility manager of another building gets NotFoundError everywhere', async () => {
    const { buildingId, service } = await building()
    const { numbers: rows } = await insertNumbers(db, buildingId, service.id, '+31205551000', 5)
    const stranger = (await building()).actor
    const tenant = await insertTenant(db, buildingId)
    await expect(listBuildingNumbers({ db, actor: stranger, buildingId, query: {} })).rejects.toBeInstanceOf(NotFoundError)
    await expect(addNumberBlock({ db, actor: stranger, buildingId, input: { serviceId: service.id, range: '020 555 2000' } })).rejects.toBeInstanceOf(NotFoundError)
    await expect(allocateNumbers({ db, actor: stranger, buildingId, input: { numberId: rows[0]!.id, tenantId: tenant.id } })).rejects.toBeInstanceOf(NotFoundError)
    await expect(releaseNumbers({ db, actor: stranger, buildingId, input: { numberId: rows[0]!.id } })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getNumberDetails({ db, actor: stranger, buildingId, numberId: rows[0]!.id })).rejects.toBeInstanceOf(NotFoundError)
    await expect(updateNumberDetails({ db, actor: stranger, buildingId, numberId: rows[0]!.id, input: { billed: 'no', use: 'tenant', status: 'active' } })).rejects.toBeInstanceOf(NotFoundError)
    expect(await numberCount(buildingId)).toBe(5)
  })

  it('a number of another building is not found, in a bulk change as on its own page', async () => {
    const mine = await building()
    const theirs = await building()
    const { numbers: own } = await insertNumbers(db, mine.buildingId, mine.service.id, '+31205551000', 2)
    const { numbers: foreign } = await insertNumbers(db, theirs.buildingId, theirs.service.id, '+31205551000', 1)
    const tenant = await insertTenant(db, mine.buildingId)
    const ctx = { db, actor: mine.actor, buildingId: mine.buildingId }
    await expect(allocateNumbers({ ...ctx, input: { numberId: [own[0]!.id, foreign[0]!.id], tenantId: tenant.id } })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getNumberDetails({ ...ctx, numberId: foreign[0]!.id })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getNumberDetails({ ...ctx, numberId: 'not-a-uuid' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(releaseNumbers({ ...ctx, input: { numberId: 'not-a-uuid' } })).rejects.toBeInstanceOf(NotFoundError)
    expect(await allocations(mine.buildingId)).toHaveLength(0)
  })

  it('tenant and sales users may not open the inventory', async () => {
    const { buildingId } = await building()
    const tenant = await insertTenant(db, buildingId)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: tenant.id })
    const sales = await insertUser(db, { role: 'sales' })
    await expect(listBuildingNumbers({ db, actor: tenantUser, buildingId, query: {} })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(listBuildingNumbers({ db, actor: sales, buildingId, query: {} })).rejects.toBeInstanceOf(ForbiddenError)
  })
})
