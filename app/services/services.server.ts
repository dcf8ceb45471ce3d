import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { criticalUses, isDataKind, serviceKinds } from '#app/domain/enums.ts'
import { parseDutchNumber } from '#app/domain/numbers/index.ts'
import type { MessageKey } from '#app/i18n/index.ts'
import { NotFoundError, ValidationError, type FieldMessage } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import { getContract, listContractChoices, listTenantChoices, tenantIsInBuilding } from '#db/queries/contracts.ts'
import {
  countNumbersOnService,
  deleteService,
  getService,
  insertService,
  listServiceNumbers,
  lockService,
  numberIsOnService,
  updateService,
} from '#db/queries/services.ts'
import { recordAudit } from './audit.server.ts'
import { pgError, registerConstraintMessages, rethrowAsValidation } from './db-errors.server.ts'
import { isUuid, requireManagedBuilding, requireUuid } from './scope.server.ts'

// Constraints only a service write can break.
registerConstraintMessages({
  ck_services_carrier_ref: ['carrierRef', 'field.required'],
  ck_services_data_no_main_number: ['mainNumber', 'service.dataNoMainNumber'],
  uq_services_building_carrier_ref: ['carrierRef', 'service.carrierRefTaken'],
})

/**
 * Foreign keys that also fire from other features (deleting a number, tenant or contract), where
 * they mean something else: mapped here for service writes only.
 */
const serviceWriteConstraints: Record<string, [field: string, key: MessageKey]> = {
  fk_services_contract: ['contractId', 'field.invalidChoice'],
  fk_services_dedicated_tenant: ['dedicatedTenantId', 'field.invalidChoice'],
  fk_services_main_number: ['mainNumber', 'service.mainNumberNotOnService'],
}

function rethrowServiceError(error: unknown): never {
  const pg = pgError(error)
  const known = pg?.code.startsWith('23') && pg.constraint ? serviceWriteConstraints[pg.constraint] : undefined
  if (known) throw new ValidationError({ [known[0]]: known[1] })
  return rethrowAsValidation(error)
}

/** Up to this many numbers the main number is picked from a list; beyond, it is typed. */
export const mainNumberChoiceLimit = 1000

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isUuid(v), 'field.invalidChoice')

const serviceFields = {
  contractId: z.string().trim().min(1, 'field.required').refine(isUuid, 'field.invalidChoice'),
  kind: z.enum(serviceKinds, 'field.invalidChoice'),
  carrierRef: z.string().trim().min(1, 'field.required').max(100, 'field.tooLong'),
  dedicatedTenantId: optionalId,
  criticalUse: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.enum(criticalUses, 'field.invalidChoice').nullable()),
}

/** A new service carries no numbers yet, so it has no main number. */
export const newServiceInput = z.object(serviceFields)

export const serviceInput = z.object({
  ...serviceFields,
  /** E.164 from the select, or typed in any Dutch notation when the list would be too long. */
  mainNumber: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null
      const parsed = parseDutchNumber(v)
      if (parsed.ok) return parsed.value
      ctx.addIssue({ code: 'custom', message: parsed.error })
      return z.NEVER
    }),
})

type ServiceFields = z.output<typeof newServiceInput>

async function requireService(db: Db, buildingId: string, serviceId: string | undefined) {
  const id = requireUuid(serviceId, 'service')
  const service = await getService(db, { buildingId, serviceId: id })
  if (!service) throw new NotFoundError('service')
  return service
}

/** The selects hold ids of this building only; anything else is refused on its field. */
async function choiceProblems(db: Db, buildingId: string, values: ServiceFields) {
  const fields: Record<string, FieldMessage | MessageKey> = {}
  if (!(await getContract(db, { buildingId, contractId: values.contractId }))) fields.contractId = 'field.invalidChoice'
  if (values.dedicatedTenantId && !(await tenantIsInBuilding(db, { buildingId, tenantId: values.dedicatedTenantId }))) {
    fields.dedicatedTenantId = 'field.invalidChoice'
  }
  return fields
}

function throwIfAny(fields: Record<string, FieldMessage | MessageKey>) {
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
}

/**
 * What the service form needs: the building's contracts and tenants, and when editing the service
 * with its numbers as main-number choices (or only their count when there are too many to list).
 */
export async function getServiceForm({ db, actor, buildingId, serviceId }: { db: Db; actor: Actor; buildingId: string; serviceId?: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const service = serviceId === undefined ? null : await requireService(db, buildingId, serviceId)
  const [contracts, tenants] = await Promise.all([listContractChoices(db, { buildingId }), listTenantChoices(db, { buildingId })])
  let numbers: { count: number; choices: string[] | null } = { count: 0, choices: [] }
  if (service) {
    const count = await countNumbersOnService(db, { buildingId, serviceId: service.id })
    const choices =
      count <= mainNumberChoiceLimit
        ? (await listServiceNumbers(db, { buildingId, serviceId: service.id, limit: mainNumberChoiceLimit })).map((n) => n.e164)
        : null
    numbers = { count, choices }
  }
  return { building: { id: building.id, name: building.name }, service, contracts, tenants, numbers }
}

export async function createService({ db, actor, buildingId, input }: { db: Db; actor: Actor; buildingId: string; input: unknown }) {
  await requireManagedBuilding(db, actor, buildingId)
  const values = parseInput(newServiceInput, input)
  try {
    return await db.transaction(async (tx) => {
      throwIfAny(await choiceProblems(tx, buildingId, values))
      const after = await insertService(tx, { buildingId, ...values })
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'service',
        entityId: after.id,
        action: 'create',
        summary: `service ${after.kind} ${after.carrierRef} created`,
        after,
      })
      return after
    })
  } catch (error) {
    return rethrowServiceError(error)
  }
}

/**
 * Edits a service. The main number must be one of its own numbers; a service that carries numbers
 * cannot become a data service (fibre, DSL, Ethernet carry none).
 */
export async function editService({
  db,
  actor,
  buildingId,
  serviceId,
  input,
}: {
  db: Db
  actor: Actor
  buildingId: string
  serviceId: string | undefined
  input: unknown
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(serviceId, 'service')
  const values = parseInput(serviceInput, input)
  try {
    return await db.transaction(async (tx) => {
      // The lock keeps numbers from being added while we decide whether the kind may change.
      const before = await lockService(tx, { buildingId, serviceId: id })
      if (!before) throw new NotFoundError('service')
      const fields = await choiceProblems(tx, buildingId, values)
      const numberCount = await countNumbersOnService(tx, { buildingId, serviceId: id })
      if (isDataKind(values.kind) && numberCount > 0) {
        fields.kind = { key: 'service.dataKindHasNumbers', params: { count: numberCount } }
      }
      if (values.mainNumber !== null) {
        if (isDataKind(values.kind)) fields.mainNumber = 'service.dataNoMainNumber'
        else if (!(await numberIsOnService(tx, { buildingId, serviceId: id, e164: values.mainNumber }))) {
          fields.mainNumber = 'service.mainNumberNotOnService'
        }
      }
      throwIfAny(fields)
      const after = await updateService(tx, { buildingId, serviceId: id }, values)
      if (!after) throw new NotFoundError('service')
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'service',
        entityId: id,
        action: 'update',
        summary: `service ${after.kind} ${after.carrierRef} updated`,
        before,
        after,
      })
      return after
    })
  } catch (error) {
    return rethrowServiceError(error)
  }
}

/** The confirmation page: the service and how many numbers it still carries. */
export async function getServiceDeletion({ db, actor, buildingId, serviceId }: { db: Db; actor: Actor; buildingId: string; serviceId: string | undefined }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const service = await requireService(db, buildingId, serviceId)
  const numberCount = await countNumbersOnService(db, { buildingId, serviceId: service.id })
  return { building: { id: building.id, name: building.name }, service, numberCount }
}

/**
 * Deletes a service that carries no numbers. The database refuses the rest too (fk_numbers_service);
 * checking first, under a lock, lets the page say how many numbers are in the way.
 */
export async function removeService({ db, actor, buildingId, serviceId }: { db: Db; actor: Actor; buildingId: string; serviceId: string | undefined }) {
  await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(serviceId, 'service')
  try {
    await db.transaction(async (tx) => {
      const before = await lockService(tx, { buildingId, serviceId: id })
      if (!before) throw new NotFoundError('service')
      const numberCount = await countNumbersOnService(tx, { buildingId, serviceId: id })
      if (numberCount > 0) throw new ValidationError({ _form: { key: 'service.hasNumbers', params: { count: numberCount } } })
      if (!(await deleteService(tx, { buildingId, serviceId: id }))) throw new NotFoundError('service')
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'service',
        entityId: id,
        action: 'delete',
        summary: `service ${before.kind} ${before.carrierRef} deleted`,
        before,
      })
    })
  } catch (error) {
    return rethrowServiceError(error)
  }
}
