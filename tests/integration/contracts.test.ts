import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { rethrowAsValidation } from '#app/services/db-errors.server.ts'
import { createContract, editContract, getContractDeletion, getContractForm, removeContract } from '#app/services/contracts.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, carriers, contracts } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import {
  insertBuilding,
  insertContact,
  insertContract,
  insertService,
  insertTenant,
  insertUser,
} from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'

let db: Db
let manager: Actor
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
})

const today = '2025-06-01'

function contractForm(overrides: Record<string, string> = {}) {
  return {
    carrier: 'KPN',
    contractNumber: `MC-${Math.random().toString(36).slice(2, 10)}`,
    holderTenantId: '',
    signedByContactId: '',
    startDate: '2024-01-01',
    initialTermMonths: '36',
    renewalTermMonths: '12',
    noticeDays: '90',
    monthlyFee: '1.845,00',
    earlyTerminationPct: '100',
    ...overrides,
  }
}


async function contractRows(buildingId: string) {
  return db.select().from(contracts).where(eq(contracts.buildingId, buildingId)).orderBy(contracts.contractNumber)
}

async function auditCount() {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog)
  return row!.n
}

describe('creating a contract', () => {
  it('a fee of "1.845,00" is stored as 184500 cents and the audit log records the new contract', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const contact = await insertContact(db, b.id)
    const created = await createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ contractNumber: 'MC-1', signedByContactId: contact.id }), today })
    const [row] = await contractRows(b.id)
    expect(row).toMatchObject({ contractNumber: 'MC-1', monthlyFeeCents: 184500, signedByContactId: contact.id, holderTenantId: null, earlyTerminationPct: 100 })
    expect(created.carrierName).toBe('KPN')
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, created.id))
    expect(entry).toMatchObject({ action: 'create', entityType: 'contract', buildingId: b.id, actorUserId: manager.id, before: null })
    expect(entry!.after).toMatchObject({ id: created.id, monthlyFeeCents: 184500, carrierName: 'KPN', contractNumber: 'MC-1' })
  })

  it('finds an existing carrier by name regardless of case instead of creating a second one', async () => {
    const b = await insertBuilding(db, {}, [manager])
    await createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ carrier: 'Odido Zakelijk' }), today })
    const second = await createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ carrier: '  odido zakelijk ' }), today })
    expect(second.carrierName).toBe('Odido Zakelijk')
    const rows = await db.select().from(carriers).where(sql`lower(${carriers.name}) = 'odido zakelijk'`)
    expect(rows).toHaveLength(1)
  })

  it('a tenant of the building can hold the contract', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const tenant = await insertTenant(db, b.id)
    const created = await createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ holderTenantId: tenant.id }), today })
    expect(created.holderTenantId).toBe(tenant.id)
  })

  it('an empty early-termination percentage means the default of 100 and an empty renewal term means month to month', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const created = await createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ earlyTerminationPct: '', renewalTermMonths: '' }), today })
    expect(created).toMatchObject({ earlyTerminationPct: 100, renewalTermMonths: 0 })
  })

  it('a notice period as long as the initial term is refused and nothing is written', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const audits = await auditCount()
    const fields = await refused(createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ initialTermMonths: '1', noticeDays: '60' }), today }))
    expect(fields).toEqual({ noticeDays: 'contract.notice_exceeds_term' })
    expect(await contractRows(b.id)).toEqual([])
    expect(await auditCount()).toBe(audits)
  })

  it.each([
    ['not a date', { startDate: 'yesterday' }, { startDate: 'field.invalidDate' }],
    ['a day that does not exist', { startDate: '2024-02-30' }, { startDate: 'field.invalidDate' }],
    ['a start before 1980', { startDate: '1975-05-01' }, { startDate: 'contract.start_too_early' }],
    ['a start more than two years ahead', { startDate: '2030-01-01' }, { startDate: 'contract.start_too_late' }],
    ['a fee that is not an amount', { monthlyFee: 'twelve' }, { monthlyFee: 'money.invalid' }],
    ['a negative fee', { monthlyFee: '-10' }, { monthlyFee: 'money.invalid' }],
    ['an initial term of 0 months', { initialTermMonths: '0' }, { initialTermMonths: 'contract.initialTermInvalid' }],
    ['a fractional notice period', { noticeDays: '30.5' }, { noticeDays: 'contract.noticeInvalid' }],
    ['a percentage above 100', { earlyTerminationPct: '150' }, { earlyTerminationPct: 'contract.etfPctInvalid' }],
    ['an empty carrier and contract number', { carrier: ' ', contractNumber: '' }, { carrier: 'field.required', contractNumber: 'field.required' }],
  ])('%s is refused on its field and nothing is written', async (_what, overrides, expected) => {
    const b = await insertBuilding(db, {}, [manager])
    const fields = await refused(createContract({ db, actor: manager, buildingId: b.id, input: contractForm(overrides), today }))
    expect(fields).toEqual(expected)
    expect(await contractRows(b.id)).toEqual([])
  })

  it('a holder tenant from another building is refused on the holder field', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const other = await insertBuilding(db, {}, [manager])
    const foreignTenant = await insertTenant(db, other.id)
    const fields = await refused(createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ holderTenantId: foreignTenant.id }), today }))
    expect(fields).toEqual({ holderTenantId: 'field.invalidChoice' })
    expect(await contractRows(b.id)).toEqual([])
  })

  it('a signing contact from another building, or an id that is no id at all, is refused on its field', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const other = await insertBuilding(db, {}, [manager])
    const foreignContact = await insertContact(db, other.id)
    expect(await refused(createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ signedByContactId: foreignContact.id }), today }))).toEqual({
      signedByContactId: 'field.invalidChoice',
    })
    expect(await refused(createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ signedByContactId: 'drop table' }), today }))).toEqual({
      signedByContactId: 'field.invalidChoice',
    })
  })

  it('the same contract number at the same carrier twice in one building is refused on the number field', async () => {
    const b = await insertBuilding(db, {}, [manager])
    await createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ contractNumber: 'DUP-1' }), today })
    const fields = await refused(createContract({ db, actor: manager, buildingId: b.id, input: contractForm({ contractNumber: 'DUP-1' }), today }))
    expect(fields).toEqual({ contractNumber: 'contract.numberTaken' })
    expect(await contractRows(b.id)).toHaveLength(1)
  })
})

describe('database checks behind the form', () => {
  it.each([
    ['ck_contracts_fee', { monthlyFeeCents: -1 }, { monthlyFee: 'money.invalid' }],
    ['ck_contracts_notice', { noticeDays: 731 }, { noticeDays: 'contract.noticeInvalid' }],
    ['ck_contracts_etf_pct', { earlyTerminationPct: 101 }, { earlyTerminationPct: 'contract.etfPctInvalid' }],
    ['ck_contracts_start', { startDate: '1970-01-01' }, { startDate: 'contract.start_too_early' }],
    ['ck_contracts_number', { contractNumber: '  ' }, { contractNumber: 'field.required' }],
  ])('a row breaking %s is reported on its form field', async (_constraint, overrides, expected) => {
    const b = await insertBuilding(db, {}, [manager])
    const fields = await refused(insertContract(db, b.id, overrides).catch(rethrowAsValidation))
    expect(fields).toEqual(expected)
  })
})

describe('editing a contract', () => {
  it('changes the terms and the carrier and records before and after', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const c = await insertContract(db, b.id, { monthlyFeeCents: 10_000 })
    const after = await editContract({ db, actor: manager, buildingId: b.id, contractId: c.id, input: contractForm({ carrier: 'Vodafone', contractNumber: c.contractNumber, monthlyFee: '99,95' }), today })
    expect(after).toMatchObject({ monthlyFeeCents: 9995, carrierName: 'Vodafone' })
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, c.id))
    expect(entry).toMatchObject({ action: 'update' })
    expect(entry!.before).toMatchObject({ monthlyFeeCents: 10_000 })
    expect(entry!.after).toMatchObject({ monthlyFeeCents: 9995, carrierName: 'Vodafone' })
  })

  it('a refused edit leaves the contract as it was', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const c = await insertContract(db, b.id)
    const fields = await refused(editContract({ db, actor: manager, buildingId: b.id, contractId: c.id, input: contractForm({ monthlyFee: '1,2,3' }), today }))
    expect(fields).toEqual({ monthlyFee: 'money.invalid' })
    const [row] = await contractRows(b.id)
    expect(row).toEqual(c)
  })

  it('a contract of another building is not found, even for a manager of both', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const other = await insertBuilding(db, {}, [manager])
    const foreign = await insertContract(db, other.id)
    await expect(editContract({ db, actor: manager, buildingId: b.id, contractId: foreign.id, input: contractForm(), today })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getContractForm({ db, actor: manager, buildingId: b.id, contractId: foreign.id })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getContractForm({ db, actor: manager, buildingId: b.id, contractId: 'not-a-uuid' })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('the form shows the timeline of the contract as of today', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const c = await insertContract(db, b.id, { startDate: '2024-01-31', initialTermMonths: 12, noticeDays: 30 })
    const form = await getContractForm({ db, actor: manager, buildingId: b.id, contractId: c.id, today: '2024-06-01' })
    expect(form.timeline).toMatchObject({ initialTermEnd: '2025-01-31', noticeDeadline: '2025-01-01', inInitialTerm: true })
  })
})

describe('deleting a contract', () => {
  it('a contract that still carries services is refused and nothing changes', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const c = await insertContract(db, b.id)
    await insertService(db, b.id, c.id)
    const audits = await auditCount()
    expect((await getContractDeletion({ db, actor: manager, buildingId: b.id, contractId: c.id })).serviceCount).toBe(1)
    const fields = await refused(removeContract({ db, actor: manager, buildingId: b.id, contractId: c.id }))
    expect(fields).toEqual({ _form: 'contract.hasServices' })
    expect(await contractRows(b.id)).toEqual([c])
    expect(await auditCount()).toBe(audits)
  })

  it('a contract without services is deleted and the audit log keeps what it was', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const c = await insertContract(db, b.id)
    await removeContract({ db, actor: manager, buildingId: b.id, contractId: c.id })
    expect(await contractRows(b.id)).toEqual([])
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, c.id))
    expect(entry).toMatchObject({ action: 'delete', after: null })
    expect(entry!.before).toMatchObject({ id: c.id, contractNumber: c.contractNumber })
  })
})

describe('who may manage contracts', () => {
  it('a facility manager of another building gets NotFoundError and nothing is written', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const c = await insertContract(db, b.id)
    const stranger = await insertUser(db, { role: 'facility_manager' })
    await expect(createContract({ db, actor: stranger, buildingId: b.id, input: contractForm(), today })).rejects.toBeInstanceOf(NotFoundError)
    await expect(editContract({ db, actor: stranger, buildingId: b.id, contractId: c.id, input: contractForm(), today })).rejects.toBeInstanceOf(NotFoundError)
    await expect(removeContract({ db, actor: stranger, buildingId: b.id, contractId: c.id })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getContractForm({ db, actor: stranger, buildingId: b.id })).rejects.toBeInstanceOf(NotFoundError)
    expect(await contractRows(b.id)).toEqual([c])
  })

  it('tenant and sales users are forbidden, even in their own or a shared building', async () => {
    const b = await insertBuilding(db, {}, [manager])
    const tenant = await insertTenant(db, b.id)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: tenant.id })
    const sales = await insertUser(db, { role: 'sales' })
    const c = await insertContract(db, b.id)
    for (const actor of [tenantUser, sales]) {
      await expect(createContract({ db, actor, buildingId: b.id, input: contractForm(), today })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(editContract({ db, actor, buildingId: b.id, contractId: c.id, input: contractForm(), today })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(getContractDeletion({ db, actor, buildingId: b.id, contractId: c.id })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(removeContract({ db, actor, buildingId: b.id, contractId: c.id })).rejects.toBeInstanceOf(ForbiddenError)
    }
    expect(await contractRows(b.id)).toEqual([c])
  })

  it('a building that does not exist is not found', async () => {
    await expect(getContractForm({ db, actor: manager, buildingId: '00000000-0000-4000-8000-000000000000' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getContractForm({ db, actor: manager, buildingId: 'nonsense' })).rejects.toBeInstanceOf(NotFoundError)
  })
})
