import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { checkContractTerms, contractTimeline } from '#app/domain/contracts/index.ts'
import { isIsoDate, type IsoDate } from '#app/domain/dates.ts'
import { parseEuroToCents } from '#app/domain/money.ts'
import type { MessageKey } from '#app/i18n/index.ts'
import { NotFoundError, ValidationError, type FieldMessage } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import {
  contactIsInBuilding,
  countServicesOfContract,
  deleteContract,
  findOrInsertCarrier,
  getContract,
  insertContract,
  listCarrierNames,
  listContactChoices,
  listTenantChoices,
  lockContract,
  tenantIsInBuilding,
  updateContract,
} from '#db/queries/contracts.ts'
import { recordAudit } from './audit.server.ts'
import { pgError, registerConstraintMessages, rethrowAsValidation } from './db-errors.server.ts'
import { isUuid, requireManagedBuilding, requireUuid } from './scope.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'

// Constraints only a contract write can break: their message is the same wherever they fire.
registerConstraintMessages({
  ck_contracts_number: ['contractNumber', 'field.required'],
  ck_contracts_initial_term: ['initialTermMonths', 'contract.initialTermInvalid'],
  ck_contracts_renewal_term: ['renewalTermMonths', 'contract.renewalTermInvalid'],
  ck_contracts_notice: ['noticeDays', 'contract.noticeInvalid'],
  ck_contracts_fee: ['monthlyFee', 'money.invalid'],
  ck_contracts_etf_pct: ['earlyTerminationPct', 'contract.etfPctInvalid'],
  ck_contracts_start: ['startDate', 'contract.start_too_early'],
  uq_contracts_building_carrier_number: ['contractNumber', 'contract.numberTaken'],
})

/**
 * Foreign keys that also fire when a tenant or contact is deleted (with another meaning there), so
 * they are mapped here, for contract writes only, instead of in the shared registry.
 */
const contractWriteConstraints: Record<string, [field: string, key: MessageKey]> = {
  fk_contracts_holder_tenant: ['holderTenantId', 'field.invalidChoice'],
  fk_contracts_signed_by: ['signedByContactId', 'field.invalidChoice'],
}

function rethrowContractError(error: unknown): never {
  const pg = pgError(error)
  const known = pg?.code.startsWith('23') && pg.constraint ? contractWriteConstraints[pg.constraint] : undefined
  if (known) throw new ValidationError({ [known[0]]: known[1] })
  return rethrowAsValidation(error)
}


/** Form fields arrive as strings; callers in code may pass numbers. */
const formString = (schema: z.ZodType<string>) => z.preprocess((v) => (typeof v === 'number' ? String(v) : v), schema)
const text = (max: number) => formString(z.string().trim().min(1, 'field.required').max(max, 'field.tooLong'))
const wholeNumber = (min: number, max: number, message: MessageKey, fallback?: string) =>
  z
    .preprocess(
      (v) => (typeof v === 'number' ? String(v) : fallback !== undefined && (v === undefined || v === '') ? fallback : v),
      z.string().trim().regex(/^\d{1,6}$/, message),
    )
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message))
/** An optional select: '' (or missing) is none; anything else must look like an id. */
const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isUuid(v), 'field.invalidChoice')

export const contractInput = z.object({
  carrier: text(100),
  contractNumber: text(100),
  /** '' = the building (its owner/facility manager) holds the contract. */
  holderTenantId: optionalId,
  signedByContactId: optionalId,
  startDate: formString(z.string().trim().refine(isIsoDate, 'field.invalidDate')),
  initialTermMonths: wholeNumber(1, 240, 'contract.initialTermInvalid'),
  renewalTermMonths: wholeNumber(0, 120, 'contract.renewalTermInvalid', '0'),
  noticeDays: wholeNumber(0, 730, 'contract.noticeInvalid'),
  monthlyFee: formString(z.string()).transform(
    (v, ctx) => parseEuroToCents(v) ?? (ctx.addIssue({ code: 'custom', message: 'money.invalid' }), z.NEVER),
  ),
  earlyTerminationPct: wholeNumber(0, 100, 'contract.etfPctInvalid', '100'),
})
export type ContractInput = z.output<typeof contractInput>

/** zod for the shape, then the calendar rules of the domain; all problems as field messages. */
function parseContractInput(input: unknown, today: IsoDate): ContractInput {
  const values = parseInput(contractInput, input)
  const problems = checkContractTerms(values, today)
  if (problems.length > 0) {
    const fields: Record<string, MessageKey> = {}
    for (const p of problems) fields[p.field] ??= p.error
    throw new ValidationError(fields)
  }
  return values
}

/** The selects hold ids of this building only; anything else is refused on its field. */
async function checkContractChoices(db: Db, buildingId: string, values: ContractInput) {
  const fields: Record<string, FieldMessage | MessageKey> = {}
  if (values.holderTenantId && !(await tenantIsInBuilding(db, { buildingId, tenantId: values.holderTenantId }))) {
    fields.holderTenantId = 'field.invalidChoice'
  }
  if (values.signedByContactId && !(await contactIsInBuilding(db, { buildingId, contactId: values.signedByContactId }))) {
    fields.signedByContactId = 'field.invalidChoice'
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
}

function contractValues(values: ContractInput, carrierId: string) {
  return {
    carrierId,
    contractNumber: values.contractNumber,
    holderTenantId: values.holderTenantId,
    signedByContactId: values.signedByContactId,
    startDate: values.startDate,
    initialTermMonths: values.initialTermMonths,
    renewalTermMonths: values.renewalTermMonths,
    noticeDays: values.noticeDays,
    monthlyFeeCents: values.monthlyFee,
    earlyTerminationPct: values.earlyTerminationPct,
  }
}

async function requireContract(db: Db, buildingId: string, contractId: string | undefined) {
  const id = requireUuid(contractId, 'contract')
  const contract = await getContract(db, { buildingId, contractId: id })
  if (!contract) throw new NotFoundError('contract')
  return contract
}

/**
 * What the contract form needs: the building's tenants and contacts for the selects, known carrier
 * names, and (when editing) the contract with its timeline as of today.
 */
export async function getContractForm({
  db,
  actor,
  buildingId,
  contractId,
  today = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  contractId?: string
  today?: IsoDate
}) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const contract = contractId === undefined ? null : await requireContract(db, buildingId, contractId)
  const [carrierNames, tenants, contacts] = await Promise.all([
    listCarrierNames(db),
    listTenantChoices(db, { buildingId }),
    listContactChoices(db, { buildingId }),
  ])
  return {
    building: { id: building.id, name: building.name },
    contract,
    timeline: contract ? contractTimeline(contract, today) : null,
    carrierNames,
    tenants,
    contacts,
  }
}

export async function createContract({
  db,
  actor,
  buildingId,
  input,
  today = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  input: unknown
  today?: IsoDate
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const values = parseContractInput(input, today)
  try {
    return await db.transaction(async (tx) => {
      await checkContractChoices(tx, buildingId, values)
      const carrier = await findOrInsertCarrier(tx, { name: values.carrier })
      const row = await insertContract(tx, { buildingId, ...contractValues(values, carrier.id) })
      const after = { ...row, carrierName: carrier.name }
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'contract',
        entityId: row.id,
        action: 'create',
        summary: `contract ${carrier.name} ${row.contractNumber} created`,
        after,
      })
      return after
    })
  } catch (error) {
    return rethrowContractError(error)
  }
}

export async function editContract({
  db,
  actor,
  buildingId,
  contractId,
  input,
  today = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  contractId: string | undefined
  input: unknown
  today?: IsoDate
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(contractId, 'contract')
  const values = parseContractInput(input, today)
  try {
    return await db.transaction(async (tx) => {
      if (!(await lockContract(tx, { buildingId, contractId: id }))) throw new NotFoundError('contract')
      const before = await requireContract(tx, buildingId, id)
      await checkContractChoices(tx, buildingId, values)
      const carrier = await findOrInsertCarrier(tx, { name: values.carrier })
      const row = await updateContract(tx, { buildingId, contractId: id }, contractValues(values, carrier.id))
      if (!row) throw new NotFoundError('contract')
      const after = { ...row, carrierName: carrier.name }
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'contract',
        entityId: id,
        action: 'update',
        summary: `contract ${carrier.name} ${row.contractNumber} updated`,
        before,
        after,
      })
      return after
    })
  } catch (error) {
    return rethrowContractError(error)
  }
}

/** The confirmation page: the contract and how many services still run under it. */
export async function getContractDeletion({ db, actor, buildingId, contractId }: { db: Db; actor: Actor; buildingId: string; contractId: string | undefined }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const contract = await requireContract(db, buildingId, contractId)
  const serviceCount = await countServicesOfContract(db, { buildingId, contractId: contract.id })
  return { building: { id: building.id, name: building.name }, contract, serviceCount }
}

/** Deletes a contract that no longer carries services; one that does is refused and nothing changes. */
export async function removeContract({ db, actor, buildingId, contractId }: { db: Db; actor: Actor; buildingId: string; contractId: string | undefined }) {
  await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(contractId, 'contract')
  try {
    await db.transaction(async (tx) => {
      // The lock makes a concurrent new service under this contract wait until we are done.
      if (!(await lockContract(tx, { buildingId, contractId: id }))) throw new NotFoundError('contract')
      const before = await requireContract(tx, buildingId, id)
      const serviceCount = await countServicesOfContract(tx, { buildingId, contractId: id })
      if (serviceCount > 0) throw new ValidationError({ _form: { key: 'contract.hasServices', params: { count: serviceCount } } })
      if (!(await deleteContract(tx, { buildingId, contractId: id }))) throw new NotFoundError('contract')
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'contract',
        entityId: id,
        action: 'delete',
        summary: `contract ${before.carrierName} ${before.contractNumber} deleted`,
        before,
      })
    })
  } catch (error) {
    return rethrowContractError(error)
  }
}
