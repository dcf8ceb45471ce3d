// The building file: one JSON document describing a whole building inventory, for import, export,
// the CLI and sales previews. Documented in docs/building-file.md; JSON Schema in public/schemas/.
import { z } from 'zod'
import { isIsoDate } from '../dates.ts'
import { contactRoles, criticalUses, isDataKind, locales, numberStatuses, numberUses, serviceKinds } from '../enums.ts'
import { e164Value, expandRange, maxRangeCount, offsetNumber, parseDutchNumber, type E164 } from '../numbers/index.ts'
import { normalizeKvk, normalizePostcode } from '../registry.ts'
import type { Inventory, InventoryNumber } from './types.ts'

export const buildingFileFormat = 'sharedline.building' as const

/** Largest building file accepted from a browser upload (the 400-tenant, 20,000-number file is ~1 MB). */
export const maxBuildingFileBytes = 5 * 1024 * 1024

/** A key chosen by the author of the file; other entries refer to it. */
export const keySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'Use 1–100 letters, digits, "_", ".", ":" or "-", starting with a letter or digit')
  .meta({ description: 'Key of an entry, unique within its list; other entries refer to it.' })

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, 'Use a calendar date as YYYY-MM-DD')
  .meta({ description: 'Calendar date, YYYY-MM-DD.', format: 'date' })

/** A Dutch phone number in any common notation; normalised to E.164. */
export const phoneNumberSchema = z
  .string()
  .transform((value, ctx) => {
    const parsed = parseDutchNumber(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `Not a valid Dutch phone number: "${value}"` })
      return z.NEVER
    }
    return parsed.value
  })
  .meta({ description: 'Dutch phone number, E.164 (`+31205551000`) or national notation (`020 555 1000`).', examples: ['+31205551000'] })

const euroSchema = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim()
    const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text)
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'Use an amount in euros with at most two decimals, e.g. "1845.00"' })
      return z.NEVER
    }
    return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  })
  .meta({ description: 'Amount in euros, exact, at most two decimals; preferably a string ("1845.00").', examples: ['1845.00'] })

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} is required`)

const numberAttributes = {
  tenant: keySchema.nullable().optional().meta({ description: 'Key of the tenant the numbers are allocated to; null or absent = unallocated.' }),
  billed: z.boolean().optional().meta({ description: 'Whether anyone is billed for the numbers (default true).' }),
  use: z.enum(numberUses).optional().meta({ description: 'What the numbers are used for (default "tenant").' }),
  status: z.enum(numberStatuses).optional().meta({ description: 'Carrier status (default "active").' }),
}

const buildingFileBase = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(buildingFileFormat),
    version: z.literal(1),
    building: z.strictObject({
      name: nonEmpty('The building name'),
      street: z.string().trim().default(''),
      postcode: z.string().transform((value, ctx) => {
        const normalized = normalizePostcode(value)
        if (normalized === null) {
          ctx.addIssue({ code: 'custom', message: `Not a Dutch postcode (1234 AB): "${value}"` })
          return z.NEVER
        }
        return normalized
      }),
      city: nonEmpty('The city'),
    }),
    tenants: z
      .array(
        z.strictObject({
          id: keySchema,
          legalName: nonEmpty('The company name'),
          kvkNumber: z.string().transform((value, ctx) => {
            const kvk = normalizeKvk(value)
            if (kvk === null) {
              ctx.addIssue({ code: 'custom', message: `A KvK number has eight digits: "${value}"` })
              return z.NEVER
            }
            return kvk
          }),
          unit: z.string().trim().default(''),
          moveIn: isoDateSchema,
          moveOut: isoDateSchema.nullable().default(null),
        }),
      )
      .default([]),
    contacts: z
      .array(
        z.strictObject({
          id: keySchema,
          tenant: keySchema.nullable().default(null).meta({ description: 'Key of the tenant; null = a contact of the building.' }),
          name: nonEmpty('The name'),
          email: z.email('Not a valid e-mail address'),
          phone: phoneNumberSchema.nullable().default(null),
          roles: z.array(z.enum(contactRoles)).default([]),
          locale: z.enum(locales).default('nl'),
        }),
      )
      .default([]),
    contracts: z
      .array(
        z.strictObject({
          id: keySchema,
          carrier: nonEmpty('The carrier'),
          contractNumber: nonEmpty('The contract number'),
          holder: keySchema.nullable().default(null).meta({ description: 'Key of the tenant holding the contract; null = the building owner.' }),
          signedBy: keySchema.nullable().default(null).meta({ description: 'Key of the contact who signed.' }),
          startDate: isoDateSchema,
          initialTermMonths: z.int().min(1).max(240),
          renewalTermMonths: z.int().min(0).max(120).default(0).meta({ description: '0 = continues month to month.' }),
          noticeDays: z.int().min(0).max(730),
          monthlyFee: euroSchema,
          earlyTerminationPct: z.int().min(0).max(100).default(100),
        }),
      )
      .default([]),
    services: z
      .array(
        z.strictObject({
          id: keySchema,
          contract: keySchema,
          kind: z.enum(serviceKinds),
          carrierRef: nonEmpty('The carrier reference'),
          mainNumber: phoneNumberSchema.nullable().default(null),
          dedicatedTenant: keySchema.nullable().default(null),
          criticalUse: z.enum(criticalUses).nullable().default(null),
        }),
      )
      .default([]),
    numbers: z
      .array(
        z.strictObject({
          service: keySchema,
          first: phoneNumberSchema,
          count: z.int().min(1).max(maxRangeCount).default(1),
          ...numberAttributes,
          parts: z
            .array(
              z.strictObject({
                offset: z.int().min(0).meta({ description: 'Position of the first number of the part in the block, from 0.' }),
                count: z.int().min(1).max(maxRangeCount).default(1),
                ...numberAttributes,
              }),
            )
            .default([])
            .meta({ description: 'Runs of numbers whose attributes differ from the block defaults.' }),
        }),
      )
      .default([])
      .meta({ description: 'Blocks of consecutive numbers (a single number is a block of one).' }),
  })

export type BuildingFileInput = z.input<typeof buildingFileBase>
export type BuildingFile = z.output<typeof buildingFileBase>

export const buildingFileSchema = buildingFileBase
  .superRefine((file, ctx) => checkReferences(file, ctx))
  .meta({ title: 'Sharedline building file', description: 'A building inventory: contract, services, numbers, tenants and contacts.' })

/** Most numbers one building file may describe (the generator's large building has 20,001). */
export const maxFileNumbers = 200_000

function checkReferences(file: BuildingFile, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message, input: undefined })
  const total = file.numbers.reduce((sum, block) => sum + block.count, 0)
  if (total > maxFileNumbers) {
    issue(['numbers'], `A building file may hold at most ${maxFileNumbers} numbers; this one has ${total}`)
    return
  }
  const keys = <T extends { id: string }>(list: T[], name: keyof BuildingFile) => {
    const seen = new Set<string>()
    list.forEach((entry, i) => {
      if (seen.has(entry.id)) issue([name, i, 'id'], `Duplicate key "${entry.id}"`)
      seen.add(entry.id)
    })
    return seen
  }
  const tenantKeys = keys(file.tenants, 'tenants')
  const contactKeys = keys(file.contacts, 'contacts')
  const contractKeys = keys(file.contracts, 'contracts')
  keys(file.services, 'services')
  const ref = (set: Set<string>, value: string | null | undefined, path: (string | number)[], what: string) => {
    if (value != null && !set.has(value)) issue(path, `No ${what} with key "${value}"`)
  }
  const kvks = new Map<string, number>()
  file.tenants.forEach((t, i) => {
    if (kvks.has(t.kvkNumber)) issue(['tenants', i, 'kvkNumber'], `KvK number ${t.kvkNumber} is already used by tenant ${kvks.get(t.kvkNumber)}`)
    kvks.set(t.kvkNumber, i)
    if (t.moveOut !== null && t.moveOut < t.moveIn) issue(['tenants', i, 'moveOut'], 'The move-out date lies before the move-in date')
  })
  file.contacts.forEach((c, i) => ref(tenantKeys, c.tenant, ['contacts', i, 'tenant'], 'tenant'))
  const contractNumbers = new Set<string>()
  file.contracts.forEach((c, i) => {
    ref(tenantKeys, c.holder, ['contracts', i, 'holder'], 'tenant')
    ref(contactKeys, c.signedBy, ['contracts', i, 'signedBy'], 'contact')
    const key = `${c.carrier}\u0000${c.contractNumber}`
    if (contractNumbers.has(key)) issue(['contracts', i, 'contractNumber'], `Contract ${c.contractNumber} of ${c.carrier} appears twice`)
    contractNumbers.add(key)
  })
  const serviceByKey = new Map(file.services.map((s) => [s.id, s]))
  const carrierRefs = new Set<string>()
  file.services.forEach((s, i) => {
    ref(contractKeys, s.contract, ['services', i, 'contract'], 'contract')
    ref(tenantKeys, s.dedicatedTenant, ['services', i, 'dedicatedTenant'], 'tenant')
    if (carrierRefs.has(s.carrierRef)) issue(['services', i, 'carrierRef'], `Carrier reference ${s.carrierRef} appears twice`)
    carrierRefs.add(s.carrierRef)
    if (isDataKind(s.kind) && s.mainNumber !== null) issue(['services', i, 'mainNumber'], 'A data service has no main number')
  })

  const numberService = new Map<E164, string>()
  file.numbers.forEach((block, i) => {
    const service = serviceByKey.get(block.service)
    if (!service) issue(['numbers', i, 'service'], `No service with key "${block.service}"`)
    else if (isDataKind(service.kind)) issue(['numbers', i, 'service'], `Service "${block.service}" is a data service and carries no numbers`)
    ref(tenantKeys, block.tenant, ['numbers', i, 'tenant'], 'tenant')
    if (offsetNumber(block.first, block.count - 1) === null) {
      issue(['numbers', i, 'count'], 'The block runs past the last number with this many digits')
      return
    }
    const covered = new Set<number>()
    block.parts.forEach((part, j) => {
      ref(tenantKeys, part.tenant, ['numbers', i, 'parts', j, 'tenant'], 'tenant')
      if (part.offset + part.count > block.count) issue(['numbers', i, 'parts', j], `The part runs past the end of the block of ${block.count}`)
      for (let k = part.offset; k < Math.min(part.offset + part.count, block.count); k++) {
        if (covered.has(k)) {
          issue(['numbers', i, 'parts', j], `Number ${k} of the block is already described by an earlier part`)
          break
        }
        covered.add(k)
      }
    })
    for (const e164 of expandRange(block)) {
      if (numberService.has(e164)) {
        issue(['numbers', i, 'first'], `Number ${e164} is already in an earlier block`)
        break
      }
      numberService.set(e164, block.service)
    }
  })
  file.services.forEach((s, i) => {
    if (s.mainNumber !== null && numberService.get(s.mainNumber) !== s.id) {
      issue(['services', i, 'mainNumber'], `The main number ${s.mainNumber} is not one of the numbers of service "${s.id}"`)
    }
  })
}

export interface FileProblem {
  /** JSON path of the offending value, e.g. `$.tenants[3].kvkNumber`. */
  path: string
  message: string
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path
    .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`))
    .join('')}`
}

export function problemsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): FileProblem[] {
  return error.issues.map((issue) => ({ path: jsonPath([...prefix, ...issue.path]), message: issue.message }))
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FileProblem[] }

export function parseBuildingFile(json: unknown): Parsed<BuildingFile> {
  const result = buildingFileSchema.safeParse(json)
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) }
}

/** The file's numbers one by one, with the block defaults and parts applied. */
export function expandNumbers(file: Pick<BuildingFile, 'numbers'>): InventoryNumber[] {
  const out: InventoryNumber[] = []
  for (const block of file.numbers) {
    const base = { tenant: block.tenant ?? null, billed: block.billed ?? true, use: block.use ?? 'tenant', status: block.status ?? 'active' }
    const attributes = Array.from({ length: block.count }, () => base)
    for (const part of block.parts) {
      for (let k = part.offset; k < part.offset + part.count && k < block.count; k++) {
        attributes[k] = {
          tenant: part.tenant === undefined ? base.tenant : part.tenant,
          billed: part.billed ?? base.billed,
          use: part.use ?? base.use,
          status: part.status ?? base.status,
        }
      }
    }
    expandRange(block).forEach((e164, k) => {
      const a = attributes[k]!
      out.push({ e164, serviceId: block.service, tenantId: a.tenant, billed: a.billed, use: a.use, status: a.status })
    })
  }
  return out
}

/** The engine's view of a (valid) building file: keys become ids. */
export function inventoryFromFile(file: BuildingFile): Inventory {
  return {
    building: { name: file.building.name, street: file.building.street, postcode: file.building.postcode, city: file.building.city },
    tenants: file.tenants.map((t) => ({ id: t.id, legalName: t.legalName, kvkNumber: t.kvkNumber, unit: t.unit, moveIn: t.moveIn, moveOut: t.moveOut })),
    contacts: file.contacts.map((c) => ({ id: c.id, tenantId: c.tenant, name: c.name, email: c.email, phone: c.phone, roles: c.roles })),
    contracts: file.contracts.map((c) => ({
      id: c.id,
      carrier: c.carrier,
      contractNumber: c.contractNumber,
      holderTenantId: c.holder,
      signedByContactId: c.signedBy,
      startDate: c.startDate,
      initialTermMonths: c.initialTermMonths,
      renewalTermMonths: c.renewalTermMonths,
      noticeDays: c.noticeDays,
      monthlyFeeCents: c.monthlyFee,
      earlyTerminationPct: c.earlyTerminationPct,
    })),
    services: file.services.map((s) => ({
      id: s.id,
      contractId: s.contract,
      kind: s.kind,
      carrierRef: s.carrierRef,
      mainNumber: s.mainNumber,
      dedicatedTenantId: s.dedicatedTenant,
      criticalUse: s.criticalUse,
    })),
    numbers: expandNumbers(file),
  }
}

type NumberAttributes = Pick<InventoryNumber, 'tenantId' | 'billed' | 'use' | 'status'>
const sameAttributes = (a: NumberAttributes, b: NumberAttributes) => a.tenantId === b.tenantId && a.billed === b.billed && a.use === b.use && a.status === b.status

/**
 * Describes one block for a file: defaults are the most common attributes, parts the runs that
 * differ. `numbers` are the block's numbers in order.
 */
export function describeBlock(service: string, numbers: (NumberAttributes & { e164: E164 })[]): BuildingFileInput['numbers'] extends (infer T)[] | undefined ? T : never {
  const tally = new Map<string, { attributes: NumberAttributes; count: number }>()
  for (const n of numbers) {
    const key = JSON.stringify([n.tenantId, n.billed, n.use, n.status])
    const entry = tally.get(key) ?? { attributes: n, count: 0 }
    entry.count++
    tally.set(key, entry)
  }
  const base = [...tally.values()].sort((a, b) => b.count - a.count)[0]!.attributes
  const parts: { offset: number; count: number; tenant?: string | null; billed?: boolean; use?: InventoryNumber['use']; status?: InventoryNumber['status'] }[] = []
  for (let k = 0; k < numbers.length; k++) {
    const n = numbers[k]!
    if (sameAttributes(n, base)) continue
    const last = parts.at(-1)
    const previous = numbers[k - 1]
    if (last && previous && last.offset + last.count === k && sameAttributes(previous, n)) {
      last.count++
      continue
    }
    parts.push({
      offset: k,
      count: 1,
      ...(n.tenantId !== base.tenantId ? { tenant: n.tenantId } : {}),
      ...(n.billed !== base.billed ? { billed: n.billed } : {}),
      ...(n.use !== base.use ? { use: n.use } : {}),
      ...(n.status !== base.status ? { status: n.status } : {}),
    })
  }
  return {
    service,
    first: numbers[0]!.e164,
    count: numbers.length,
    ...(base.tenantId !== null ? { tenant: base.tenantId } : {}),
    ...(base.billed ? {} : { billed: false }),
    ...(base.use !== 'tenant' ? { use: base.use } : {}),
    ...(base.status !== 'active' ? { status: base.status } : {}),
    ...(parts.length > 0 ? { parts } : {}),
  }
}

/** Sorts blocks by number so exported files are stable. */
export function compareBlocks(a: { first: E164 }, b: { first: E164 }): number {
  return e164Value(a.first) - e164Value(b.first)
}
