// The numbers inventory of one building, for its facility managers: add blocks, find numbers,
// allocate them to tenants and release them again, edit one number.
import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import { isDataKind, numberStatuses, numberUses } from '#app/domain/enums.ts'
import {
  collapseToRanges,
  e164Value,
  expandRange,
  formatNational,
  numberSearchPattern,
  offsetNumber,
  parseNumberRange,
  type E164,
  type NumberRange,
} from '#app/domain/numbers/index.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import {
  closeOpenAllocations,
  getNumberDetail,
  getServiceChoice,
  getTenantChoice,
  insertNumberAllocations,
  insertNumberRange,
  insertNumberRows,
  listNumberAllocationHistory,
  listNumbers,
  listServiceChoices,
  listTenantChoices,
  lockNumbersById,
  lockNumbersInSpan,
  setNumberHolder,
  updateNumberAttributes,
} from '#db/queries/numbers.ts'
import { recordAudit } from './audit.server.ts'
import { registerConstraintMessages, rethrowAsValidation } from './db-errors.server.ts'
import { requireManagedBuilding, requireUuid } from './scope.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'

registerConstraintMessages({
  uq_numbers_service_e164: ['range', 'range.overlap'],
  // Two holdings of one number at once: someone else allocated it in the meantime.
  ex_number_allocations_no_overlap: ['_form', 'error.conflict'],
})

/** Rows per page of the numbers list. */
export const numbersPageSize = 100

// ---------------------------------------------------------------------------------------------
// Input

const requiredUuid = z.string('field.required').trim().min(1, 'field.required').pipe(z.uuid('field.invalidChoice'))
const optionalUuid = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .pipe(z.uuid('field.invalidChoice').nullable())
const yesNo = z.enum(['yes', 'no'], 'field.invalidChoice').transform((v) => v === 'yes')

const rangeField = z.string('range.empty').transform((value, ctx): NumberRange => {
  const parsed = parseNumberRange(value)
  if (parsed.ok) return parsed.value
  ctx.addIssue({ code: 'custom', message: parsed.error })
  return z.NEVER
})

export const addNumbersInput = z.object({
  serviceId: requiredUuid,
  range: rangeField,
  billed: yesNo.default(true),
  use: z.enum(numberUses, 'field.invalidChoice').default('tenant'),
  tenantId: optionalUuid,
})

/** A form field that may be absent, one value or repeated. */
const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== ''))

export const bulkInput = z.object({
  intent: z.enum(['allocate', 'release'], 'field.invalidChoice'),
  /** Ticked rows. */
  numberId: stringList,
  /** 'page' = every row shown on the page (listed in pageNumberId). */
  scope: z.string().optional(),
  pageNumberId: stringList,
  /** Alternative selection: a block in any notation. */
  range: z.string().optional().default(''),
  tenantId: z.string().optional().default(''),
})

export const numberDetailsInput = z.object({
  billed: yesNo,
  use: z.enum(numberUses, 'field.invalidChoice'),
  status: z.enum(numberStatuses, 'field.invalidChoice'),
})

/** Filters of the list come from a shareable URL: anything unrecognised is ignored, never an error. */
export const numberListQuery = z.object({
  q: z.string().trim().max(60).catch('').default(''),
  service: z.uuid().optional().catch(undefined),
  tenant: z.union([z.literal('none'), z.uuid()]).optional().catch(undefined),
  billed: z.enum(['yes', 'no']).optional().catch(undefined),
  use: z.enum(numberUses).optional().catch(undefined),
  status: z.enum(numberStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})
export type NumberListQuery = z.output<typeof numberListQuery>

// ---------------------------------------------------------------------------------------------
// Helpers


/** Whether a tenant has moved out by `asOf` (it may then no longer receive numbers). */
export function isMovedOut(tenant: { moveOut: string | null }, asOf: IsoDate): boolean {
  return tenant.moveOut !== null && tenant.moveOut <= asOf
}

/** A tenant of the building that may receive numbers (present on asOf), else a field error. */
async function requireReceivingTenant(db: Db, buildingId: string, tenantId: string, asOf: IsoDate) {
  const tenant = await getTenantChoice(db, { buildingId, tenantId })
  if (!tenant) throw new ValidationError({ tenantId: 'field.invalidChoice' })
  if (isMovedOut(tenant, asOf)) throw new ValidationError({ tenantId: 'numbers.tenantMovedOut' })
  return tenant
}

/** "020 555 1000 – 020 555 1009, 020 555 1020" for audit summaries; long lists are cut short. */
export function describeNumbers(e164s: readonly E164[], maxRuns = 5): string {
  const runs = collapseToRanges(e164s)
  const text = runs.slice(0, maxRuns).map((r) => {
    const last = offsetNumber(r.first, r.count - 1) ?? r.first
    return r.count === 1 ? formatNational(r.first) : `${formatNational(r.first)} – ${formatNational(last)}`
  })
  if (runs.length > maxRuns) text.push(`… (${runs.length - maxRuns} more runs)`)
  return text.join(', ')
}

const plural = (n: number) => `${n} number${n === 1 ? '' : 's'}`

// ---------------------------------------------------------------------------------------------
// Use cases

/** What the "add numbers" form offers: the building's voice services and its present tenants. */
export async function getNumberFormChoices({ db, actor, buildingId, asOf = todayInNetherlands() }: { db: Db; actor: Actor; buildingId: string; asOf?: IsoDate }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const [services, tenants] = await Promise.all([listServiceChoices(db, buildingId), listTenantChoices(db, buildingId)])
  return {
    building: { id: building.id, name: building.name },
    services: services.filter((s) => !isDataKind(s.kind)),
    tenants: tenants.filter((t) => !isMovedOut(t, asOf)).map((t) => ({ id: t.id, legalName: t.legalName })),
  }
}

/**
 * Adds a block of numbers (any notation) to a voice service: the range, every number and, when a
 * tenant is given, their holdings, with one audit entry, all in one transaction. A block that
 * overlaps numbers already in the building is refused by the database and nothing changes.
 */
export async function addNumberBlock({
  db,
  actor,
  buildingId,
  input,
  asOf = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  input: unknown
  asOf?: IsoDate
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const values = parseInput(addNumbersInput, input)
  const service = await getServiceChoice(db, { buildingId, serviceId: values.serviceId })
  if (!service) throw new ValidationError({ serviceId: 'field.invalidChoice' })
  if (isDataKind(service.kind)) throw new ValidationError({ serviceId: 'numbers.dataService' })
  const tenant = values.tenantId ? await requireReceivingTenant(db, buildingId, values.tenantId, asOf) : null

  const e164s = expandRange(values.range)
  const first = values.range.first
  const last = e164s.at(-1) ?? first
  try {
    return await db.transaction(async (tx) => {
      const range = await insertNumberRange(tx, {
        buildingId,
        serviceId: service.id,
        firstE164: first,
        firstValue: e164Value(first),
        count: e164s.length,
      })
      const rows = await insertNumberRows(
        tx,
        e164s.map((e164) => ({
          buildingId,
          rangeId: range.id,
          serviceId: service.id,
          e164,
          billed: values.billed,
          use: values.use,
          tenantId: tenant?.id ?? null,
        })),
      )
      if (tenant) await insertNumberAllocations(tx, rows.map((r) => ({ buildingId, numberId: r.id, tenantId: tenant.id })))
      const span = e164s.length === 1 ? formatNational(first) : `${formatNational(first)} – ${formatNational(last)}`
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'number_range',
        entityId: range.id,
        action: 'create',
        summary: `added ${plural(e164s.length)} ${span} on ${service.carrierRef}${tenant ? `, allocated to ${tenant.legalName}` : ''}`,
        after: {
          rangeId: range.id,
          serviceId: service.id,
          carrierRef: service.carrierRef,
          first,
          last,
          count: e164s.length,
          billed: values.billed,
          use: values.use,
          tenantId: tenant?.id ?? null,
          tenantName: tenant?.legalName ?? null,
        },
      })
      return { rangeId: range.id, serviceId: service.id, first, last, count: e164s.length }
    })
  } catch (error) {
    return rethrowAsValidation(error)
  }
}

/**
 * One page of the building's numbers, filtered on the server: a number in any notation (prefix or
 * digits anywhere), service, holder (or 'none'), billed, use and status; sorted by number.
 */
export async function listBuildingNumbers({
  db,
  actor,
  buildingId,
  query,
  asOf = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  /** The URL's search parameters as a plain object. */
  query: unknown
  asOf?: IsoDate
}) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const filter = numberListQuery.parse(query ?? {})
  const search = numberSearchPattern(filter.q)
  // Text without any digit cannot match a number: say so instead of showing everything.
  const searchInvalid = filter.q !== '' && search === null
  const limit = numbersPageSize
  const offset = (filter.page - 1) * limit
  const [services, tenants, list] = await Promise.all([
    listServiceChoices(db, buildingId),
    listTenantChoices(db, buildingId),
    searchInvalid
      ? Promise.resolve({ rows: [], total: 0 })
      : listNumbers(
          db,
          {
            buildingId,
            search,
            ...(filter.service ? { serviceId: filter.service } : {}),
            ...(filter.tenant ? { tenant: filter.tenant } : {}),
            ...(filter.billed ? { billed: filter.billed === 'yes' } : {}),
            ...(filter.use ? { use: filter.use } : {}),
            ...(filter.status ? { status: filter.status } : {}),
          },
          { limit, offset },
        ),
  ])
  return {
    building: { id: building.id, name: building.name },
    filter,
    searchInvalid,
    page: filter.page,
    pageSize: limit,
    total: list.total,
    rows: list.rows,
    services: services.filter((s) => !isDataKind(s.kind)),
    tenants: tenants.map((t) => ({ id: t.id, legalName: t.legalName, movedOut: isMovedOut(t, asOf) })),
  }
}

type BulkSelection = { ids: string[]; range: NumberRange | null }

/** Ticked rows (or the whole page) and/or a typed block; malformed ids are simply not found. */
function bulkSelection(values: z.output<typeof bulkInput>): BulkSelection {
  const raw = [...values.numberId, ...(values.scope === 'page' ? values.pageNumberId : [])]
  const ids = [...new Set(raw.map((id) => requireUuid(id, 'number')))]
  let range: NumberRange | null = null
  if (values.range.trim() !== '') {
    const parsed = parseNumberRange(values.range)
    if (!parsed.ok) throw new ValidationError({ range: parsed.error })
    range = parsed.value
  }
  if (ids.length === 0 && !range) throw new ValidationError({ _form: 'numbers.nothingSelected' })
  return { ids, range }
}

/** Locks the selected numbers; a ticked id outside the building is NotFound, an empty block a field error. */
async function lockSelection(tx: Db, buildingId: string, selection: BulkSelection) {
  const byId = await lockNumbersById(tx, { buildingId, ids: selection.ids })
  if (byId.length !== selection.ids.length) throw new NotFoundError('number')
  const out = new Map(byId.map((n) => [n.id, n]))
  if (selection.range) {
    const last = offsetNumber(selection.range.first, selection.range.count - 1) ?? selection.range.first
    const inSpan = await lockNumbersInSpan(tx, { buildingId, first: selection.range.first, last })
    if (inSpan.length === 0) throw new ValidationError({ range: 'numbers.rangeNoMatch' })
    for (const n of inSpan) out.set(n.id, n)
  }
  return [...out.values()].sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0))
}

export interface BulkResult {
  intent: 'allocate' | 'release'
  /** Numbers whose holder changed. */
  changed: number
  /** Selected numbers that already were as asked. */
  unchanged: number
  tenantName: string | null
}

/**
 * Allocates the selected numbers to one present tenant of the building: all or nothing. A number
 * another tenant holds refuses the whole batch; one the tenant already holds is left as it is.
 */
export async function allocateNumbers({
  db,
  actor,
  buildingId,
  input,
  asOf = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  input: unknown
  asOf?: IsoDate
}): Promise<BulkResult> {
  await requireManagedBuilding(db, actor, buildingId)
  const values = parseInput(bulkInput, { ...(input as object), intent: 'allocate' })
  const selection = bulkSelection(values)
  if (values.tenantId.trim() === '') throw new ValidationError({ tenantId: 'field.required' })
  if (!z.uuid().safeParse(values.tenantId.trim()).success) throw new ValidationError({ tenantId: 'field.invalidChoice' })
  const tenant = await requireReceivingTenant(db, buildingId, values.tenantId.trim(), asOf)
  try {
    return await db.transaction(async (tx) => {
      const selected = await lockSelection(tx, buildingId, selection)
      const heldByOther = selected.filter((n) => n.tenantId !== null && n.tenantId !== tenant.id)
      if (heldByOther.length > 0) {
        throw new ValidationError({ _form: { key: 'numbers.heldByOther', params: { count: heldByOther.length } } })
      }
      const free = selected.filter((n) => n.tenantId === null)
      const result = { intent: 'allocate' as const, changed: free.length, unchanged: selected.length - free.length, tenantName: tenant.legalName }
      if (free.length === 0) return result
      const ids = free.map((n) => n.id)
      await setNumberHolder(tx, { buildingId, ids, tenantId: tenant.id })
      await insertNumberAllocations(tx, ids.map((numberId) => ({ buildingId, numberId, tenantId: tenant.id })))
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'number',
        entityId: free.length === 1 ? free[0]!.id : null,
        action: 'allocate',
        summary: `allocated ${plural(free.length)} to ${tenant.legalName}: ${describeNumbers(free.map((n) => n.e164))}`,
        before: { numbers: free.map((n) => ({ id: n.id, e164: n.e164, tenantId: null })) },
        after: { tenantId: tenant.id, tenantName: tenant.legalName, numbers: free.map((n) => ({ id: n.id, e164: n.e164, tenantId: tenant.id })) },
      })
      return result
    })
  } catch (error) {
    return rethrowAsValidation(error)
  }
}

/** Releases the selected numbers: no holder any more, and their open holdings end now. */
export async function releaseNumbers({ db, actor, buildingId, input }: { db: Db; actor: Actor; buildingId: string; input: unknown }): Promise<BulkResult> {
  await requireManagedBuilding(db, actor, buildingId)
  const values = parseInput(bulkInput, { ...(input as object), intent: 'release' })
  const selection = bulkSelection(values)
  try {
    return await db.transaction(async (tx) => {
      const selected = await lockSelection(tx, buildingId, selection)
      const held = selected.filter((n) => n.tenantId !== null)
      const result = { intent: 'release' as const, changed: held.length, unchanged: selected.length - held.length, tenantName: null }
      if (held.length === 0) return result
      const ids = held.map((n) => n.id)
      await setNumberHolder(tx, { buildingId, ids, tenantId: null })
      await closeOpenAllocations(tx, { buildingId, numberIds: ids })
      const holders = [...new Set(held.map((n) => n.tenantName ?? n.tenantId))].join(', ')
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'number',
        entityId: held.length === 1 ? held[0]!.id : null,
        action: 'release',
        summary: `released ${plural(held.length)} from ${holders}: ${describeNumbers(held.map((n) => n.e164))}`,
        before: { numbers: held.map((n) => ({ id: n.id, e164: n.e164, tenantId: n.tenantId, tenantName: n.tenantName })) },
        after: { numbers: held.map((n) => ({ id: n.id, e164: n.e164, tenantId: null })) },
      })
      return result
    })
  } catch (error) {
    return rethrowAsValidation(error)
  }
}

/** The list page's bulk form: `intent` chooses allocate or release. */
export async function changeNumberHolders(args: { db: Db; actor: Actor; buildingId: string; input: unknown; asOf?: IsoDate }): Promise<BulkResult> {
  const intent = (args.input as { intent?: unknown } | null)?.intent
  if (intent === 'allocate') return allocateNumbers(args)
  if (intent === 'release') return releaseNumbers(args)
  await requireManagedBuilding(args.db, args.actor, args.buildingId)
  throw new ValidationError({ _form: 'field.invalidChoice' })
}

/** One number: service, holder, attributes and who held it when. */
export async function getNumberDetails({ db, actor, buildingId, numberId }: { db: Db; actor: Actor; buildingId: string; numberId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(numberId, 'number')
  const [number, history] = await Promise.all([
    getNumberDetail(db, { buildingId, numberId: id }),
    listNumberAllocationHistory(db, { buildingId, numberId: id }),
  ])
  if (!number) throw new NotFoundError('number')
  return {
    building: { id: building.id, name: building.name },
    number: { ...number, createdAt: number.createdAt.toISOString(), updatedAt: number.updatedAt.toISOString() },
    history: history.map((h) => ({
      id: h.id,
      tenantId: h.tenantId,
      tenantName: h.tenantName,
      validFrom: h.validFrom.toISOString(),
      validTo: h.validTo ? h.validTo.toISOString() : null,
    })),
  }
}

/** Changes whether a number is billed, what it is used for and its status. */
export async function updateNumberDetails({
  db,
  actor,
  buildingId,
  numberId,
  input,
}: {
  db: Db
  actor: Actor
  buildingId: string
  numberId: string
  input: unknown
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(numberId, 'number')
  const values = parseInput(numberDetailsInput, input)
  try {
    return await db.transaction(async (tx) => {
      const before = await getNumberDetail(tx, { buildingId, numberId: id })
      if (!before) throw new NotFoundError('number')
      const changes = (['billed', 'use', 'status'] as const).filter((k) => before[k] !== values[k])
      if (changes.length === 0) return { changed: false as const }
      const after = await updateNumberAttributes(tx, { buildingId, numberId: id, values })
      if (!after) throw new NotFoundError('number')
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'number',
        entityId: id,
        action: 'update',
        summary: `number ${formatNational(before.e164)}: ${changes.map((k) => `${k} ${String(before[k])} → ${String(values[k])}`).join(', ')}`,
        before: { e164: before.e164, billed: before.billed, use: before.use, status: before.status },
        after,
      })
      return { changed: true as const }
    })
  } catch (error) {
    return rethrowAsValidation(error)
  }
}
