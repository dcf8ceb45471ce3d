// The ImpactReport as a zod schema, so the API can describe its responses (OpenAPI, JSON Schema)
// from the same source as everything else. The compile-time check at the bottom fails the build
// when this schema and the ImpactReport type in types.ts drift apart.
import { z } from 'zod'
import { criticalUses, numberUses, serviceKinds } from '../enums.ts'
import { findingCodes, mechanisms, requestMechanisms, severities, stepCodes, verdicts, type ImpactReport } from './types.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'Calendar date, YYYY-MM-DD.', format: 'date' })
const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/).meta({ description: 'Phone number in E.164.', examples: ['+31205551000'] })
const id = z.string().meta({ description: 'Id of a tenant, contact, contract or service (database id, building-file key, or `other-N` for an anonymised tenant).' })
const cents = z.int().meta({ description: 'Amount in euro cents.' })
const outcomeMechanism = z.enum([...mechanisms, 'release'])

const migrationRequest = z.strictObject({
  type: z.literal('migration'),
  tenantId: id,
  numbers: z.array(e164),
  dataServiceIds: z.array(id),
  mechanism: z.enum(requestMechanisms),
  portDate: isoDate,
  installDate: isoDate,
  cutoverDate: isoDate.nullable(),
  signatoryContactId: id.nullable(),
  targetCarrier: z.string(),
})

const moveOutRequest = z.strictObject({
  type: z.literal('move_out'),
  tenantId: id,
  moveOutDate: isoDate,
  keepNumbers: z.boolean(),
})

const findingDataShape = {
  count: z.int().optional(),
  amountCents: cents.optional(),
  remainingMonths: z.int().optional(),
  initialTermEnd: isoDate.optional(),
  earliestDate: isoDate.optional(),
  noticeDays: z.int().optional(),
  workingDays: z.int().optional(),
  date: isoDate.optional(),
  dateField: z.enum(['portDate', 'installDate', 'cutoverDate', 'moveOutDate']).optional(),
  holiday: z.strictObject({ nl: z.string(), en: z.string() }).optional(),
  criticalUse: z.enum(criticalUses).optional(),
  mainNumber: e164.optional(),
  suggestedMainNumber: e164.nullable().optional(),
  contractId: id.optional(),
  reason: z.enum(['missing', 'not_tenant_contact', 'no_role', 'other_tenant', 'unallocated', 'stays_behind', 'other_date']).optional(),
}

const subjects = { numbers: z.array(e164), tenants: z.array(id), services: z.array(id) }

const finding = z.strictObject({
  code: z.enum(findingCodes),
  severity: z.enum(severities),
  ...subjects,
  data: z.strictObject(findingDataShape).meta({ description: 'Facts for the message; which keys appear depends on the code.' }),
})

const planStep = z.strictObject({
  code: z.enum(stepCodes),
  byDate: isoDate.nullable(),
  ...subjects,
  data: z.strictObject({ ...findingDataShape, mechanism: outcomeMechanism.optional(), targetCarrier: z.string().optional() }),
})

const movedNumber = z.strictObject({
  e164,
  serviceId: id,
  tenantId: id.nullable(),
  reason: z.enum(['requested', 'same_block', 'same_service', 'same_contract']),
  use: z.enum(numberUses),
  billed: z.boolean(),
})

const serviceImpact = z.strictObject({
  serviceId: id,
  contractId: id,
  kind: z.enum(serviceKinds),
  carrierRef: z.string(),
  mainNumber: e164.nullable(),
  dedicatedTenantId: id.nullable(),
  criticalUse: z.enum(criticalUses).nullable(),
  movedNumbers: z.int(),
  totalNumbers: z.int(),
  leaves: z.boolean(),
})

const contractImpact = z.strictObject({
  contractId: id,
  carrier: z.string(),
  contractNumber: z.string(),
  holderTenantId: id.nullable(),
  ends: z.boolean(),
  endDate: isoDate,
  initialTermEnd: isoDate,
  renewed: z.boolean(),
  effectiveNoticeDays: z.int(),
  earliestEnd: isoDate,
  noticeBy: isoDate,
  remainingMonths: z.int(),
  feeCents: cents,
})

const draggedTenant = z.strictObject({ tenantId: id, numbers: z.int(), services: z.int(), criticalNumbers: z.int() })

const outcomeCounts = z.strictObject({
  moved: z.int(),
  requested: z.int(),
  otherTenants: z.int(),
  otherTenantNumbers: z.int(),
  unallocated: z.int(),
  unbilled: z.int(),
  critical: z.int(),
  servicesLeaving: z.int(),
  contractsEnding: z.int(),
  feeCents: cents,
  gapWorkingDays: z.int(),
})

const mechanismOutcome = z.strictObject({
  mechanism: outcomeMechanism,
  verdict: z.enum(verdicts),
  findings: z.array(finding),
  moved: z.array(movedNumber),
  services: z.array(serviceImpact),
  contracts: z.array(contractImpact),
  dragged: z.array(draggedTenant),
  counts: outcomeCounts,
  plan: z.array(planStep),
})

const outcomeSummary = z
  .strictObject({
    mechanism: z.enum(mechanisms),
    verdict: z.enum(verdicts),
    counts: outcomeCounts,
    findings: z.array(z.strictObject({ code: z.enum(findingCodes), severity: z.enum(severities), count: z.int().min(1) })),
  })
  .meta({ description: 'One mechanism at a glance, for comparing; ask for the mechanism explicitly to get its detail.' })

const reportTenant = z.strictObject({
  id,
  name: z.string(),
  anonymous: z.boolean(),
  self: z.boolean(),
  index: z.int().min(0),
})

export const impactReportSchema = z
  .strictObject({
    version: z.literal(1),
    asOf: isoDate,
    request: z.discriminatedUnion('type', [migrationRequest, moveOutRequest]),
    building: z.strictObject({ name: z.string() }),
    tenants: z.array(reportTenant),
    chosen: outcomeMechanism,
    verdict: z.enum(verdicts),
    outcome: mechanismOutcome,
    alternatives: z.array(outcomeSummary),
    released: z.array(e164),
    view: z.enum(['full', 'tenant', 'sales']),
    hidden: z.strictObject({ numbers: z.int(), services: z.int() }),
  })
  .meta({
    title: 'Sharedline impact report',
    description: 'What a migration or move-out would do: the chosen mechanism, findings, moved numbers, contracts, dragged tenants and a step plan. Tenant and sales views anonymise other tenants.',
  })

// Compile-time: the schema's output type is exactly ImpactReport (intersections flattened first).
type Flatten<T> = T extends (infer U)[] ? Flatten<U>[] : T extends object ? { [K in keyof T]: Flatten<T[K]> } : T
type Same<A, B> = (<T>() => T extends Flatten<A> ? 1 : 2) extends <T>() => T extends Flatten<B> ? 1 : 2 ? true : false
const schemaMatchesType: Same<z.infer<typeof impactReportSchema>, ImpactReport> = true
void schemaMatchesType
