// The request format: what a migration or move-out asks for, as JSON (CLI, API, shareable URLs).
// Documented in docs/building-file.md next to the building file.
import { z } from 'zod'
import { isDataKind } from '../enums.ts'
import { expandRange, maxRangeCount, offsetNumber, parseNumberRange } from '../numbers/index.ts'
import { isoDateSchema, jsonPath, keySchema, problemsOf, type FileProblem, type Parsed } from './building-file.ts'
import { requestMechanisms, type ImpactRequest, type Inventory } from './types.ts'

export const requestFileFormat = 'sharedline.request' as const

/** One requested number or block: `"+31205551003"`, `"020-5551010 t/m 020-5551019"` or `{ "first": …, "count": … }`. */
const requestedNumbersSchema = z
  .union([z.string(), z.strictObject({ first: z.string(), count: z.int().min(1) })])
  .transform((value, ctx) => {
    const text = typeof value === 'string' ? value : `${value.first}, ${value.count}`
    const parsed = parseNumberRange(text)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `Not a Dutch number or block of numbers: "${typeof value === 'string' ? value : value.first}" (${parsed.error})` })
      return z.NEVER
    }
    return expandRange(parsed.value)
  })
  .meta({
    description: 'A number in any Dutch notation, a block ("020-5551010 t/m 020-5551019", "+31205551000, 10 numbers") or { first, count }.',
    examples: ['+31205551003', '020-5551010 t/m 020-5551019'],
  })

const common = {
  $schema: z.string().optional(),
  format: z.literal(requestFileFormat).optional(),
  version: z.literal(1).optional(),
  asOf: isoDateSchema.optional().meta({ description: 'Evaluate as of this date (default: today).' }),
  tenant: keySchema.meta({ description: 'Key (or id) of the requesting tenant.' }),
}

export const migrationRequestSchema = z
  .strictObject({
    ...common,
    type: z.literal('migration'),
    numbers: z
      .array(requestedNumbersSchema)
      .max(1_000, 'Request at most 1,000 numbers or blocks; use blocks for long runs')
      .default([])
      .refine((entries) => entries.reduce((sum, e) => sum + e.length, 0) <= maxRangeCount, `A request may hold at most ${maxRangeCount} numbers`),
    dataServices: z.array(keySchema).max(100).default([]).meta({ description: 'Keys of data services (fibre, DSL, ethernet) that move along.' }),
    mechanism: z.enum(requestMechanisms).default('auto'),
    portDate: isoDateSchema,
    installDate: isoDateSchema.optional().meta({ description: 'Installation date of the new service (default: the port date).' }),
    cutoverDate: isoDateSchema.nullable().default(null).meta({ description: 'When data services switch (default: the port date).' }),
    signatory: keySchema.nullable().default(null).meta({ description: 'Key of the contact who signs the request.' }),
    targetCarrier: z.string().trim().min(1, 'Name the carrier the numbers go to'),
  })
  .refine((r) => r.numbers.length > 0 || r.dataServices.length > 0, { message: 'Request at least one number or data service', path: ['numbers'] })

export const moveOutRequestSchema = z.strictObject({
  ...common,
  type: z.literal('move_out'),
  moveOutDate: isoDateSchema,
  keepNumbers: z.boolean().default(true).meta({ description: 'true: the tenant ports its numbers out; false: it releases them to the building.' }),
})

export const requestFileSchema = z
  .discriminatedUnion('type', [migrationRequestSchema, moveOutRequestSchema])
  .meta({ title: 'Sharedline impact request', description: 'A migration (numbers to another provider) or a move-out.' })

export type RequestFileInput = z.input<typeof requestFileSchema>
export type RequestFile = z.output<typeof requestFileSchema>

export function parseRequestFile(json: unknown): Parsed<RequestFile> {
  const result = requestFileSchema.safeParse(json)
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) }
}

/** The engine's request, after checking the references the engine cannot report as findings. */
export function resolveRequest(file: RequestFile, inventory: Inventory): Parsed<ImpactRequest> {
  const problems: FileProblem[] = []
  if (!inventory.tenants.some((t) => t.id === file.tenant)) problems.push({ path: jsonPath(['tenant']), message: `No tenant with key "${file.tenant}" in the building` })
  if (file.type === 'move_out') {
    if (problems.length > 0) return { ok: false, problems }
    return { ok: true, value: { type: 'move_out', tenantId: file.tenant, moveOutDate: file.moveOutDate, keepNumbers: file.keepNumbers } }
  }
  const services = new Map(inventory.services.map((s) => [s.id, s]))
  file.dataServices.forEach((id, i) => {
    const service = services.get(id)
    if (!service) problems.push({ path: jsonPath(['dataServices', i]), message: `No service with key "${id}" in the building` })
    else if (!isDataKind(service.kind)) problems.push({ path: jsonPath(['dataServices', i]), message: `Service "${id}" is not a data service (${service.kind}); request its numbers instead` })
  })
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    value: {
      type: 'migration',
      tenantId: file.tenant,
      numbers: file.numbers.flat(),
      dataServiceIds: file.dataServices,
      mechanism: file.mechanism,
      portDate: file.portDate,
      installDate: file.installDate ?? file.portDate,
      cutoverDate: file.cutoverDate,
      signatoryContactId: file.signatory,
      targetCarrier: file.targetCarrier,
    },
  }
}

/**
 * Numbers written as blocks: runs of consecutive numbers, in the given order, become `{ first, count }`,
 * so a stored request of 8,000 numbers stays one entry and parses back to the same list.
 */
function asBlocks(numbers: readonly string[]): (string | { first: string; count: number })[] {
  const runs: { first: string; count: number }[] = []
  for (const n of numbers) {
    const last = runs.at(-1)
    if (last && offsetNumber(last.first, last.count) === n) last.count++
    else runs.push({ first: n, count: 1 })
  }
  return runs.map((r) => (r.count === 1 ? r.first : r))
}

/** The request as a file again (for shareable URLs and the API's echo). */
export function requestToFile(request: ImpactRequest, asOf?: string): RequestFileInput {
  const base = { format: requestFileFormat as typeof requestFileFormat, version: 1 as const, ...(asOf ? { asOf } : {}), tenant: request.tenantId }
  if (request.type === 'move_out') return { ...base, type: 'move_out', moveOutDate: request.moveOutDate, keepNumbers: request.keepNumbers }
  return {
    ...base,
    type: 'migration',
    numbers: asBlocks(request.numbers),
    dataServices: request.dataServiceIds,
    mechanism: request.mechanism,
    portDate: request.portDate,
    installDate: request.installDate,
    cutoverDate: request.cutoverDate,
    signatory: request.signatoryContactId,
    targetCarrier: request.targetCarrier,
  }
}
