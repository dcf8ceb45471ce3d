// The impact engine's input and output. Plain data: the page, the API, the CLI and the PDFs all
// render the same ImpactReport. Identifiers are opaque strings (database ids or building-file keys).
import type { Termination } from '../contracts/index.ts'
import type { IsoDate } from '../dates.ts'
import type { ContactRole, CriticalUse, NumberStatus, NumberUse, ServiceKind } from '../enums.ts'
import type { E164 } from '../numbers/index.ts'

/** A building's whole inventory, one entry per number (ranges already expanded). */
export interface Inventory {
  building: { name: string; street: string; postcode: string; city: string }
  tenants: InventoryTenant[]
  contacts: InventoryContact[]
  contracts: InventoryContract[]
  services: InventoryService[]
  numbers: InventoryNumber[]
}

export interface InventoryTenant {
  id: string
  legalName: string
  kvkNumber: string
  unit: string
  moveIn: IsoDate
  moveOut: IsoDate | null
}

export interface InventoryContact {
  id: string
  /** null = a contact of the building itself. */
  tenantId: string | null
  name: string
  email: string
  phone: E164 | null
  roles: ContactRole[]
}

export interface InventoryContract {
  id: string
  carrier: string
  contractNumber: string
  /** null = held by the building owner / facility manager. */
  holderTenantId: string | null
  signedByContactId: string | null
  startDate: IsoDate
  initialTermMonths: number
  /** 0 = continues month to month after the initial term. */
  renewalTermMonths: number
  noticeDays: number
  monthlyFeeCents: number
  /** Share of the remaining monthly fees charged when ending during the initial term, 0–100. */
  earlyTerminationPct: number
}

export interface InventoryService {
  id: string
  contractId: string
  kind: ServiceKind
  carrierRef: string
  mainNumber: E164 | null
  dedicatedTenantId: string | null
  criticalUse: CriticalUse | null
}

export interface InventoryNumber {
  e164: E164
  serviceId: string
  tenantId: string | null
  billed: boolean
  use: NumberUse
  status: NumberStatus
}

export const mechanisms = ['port', 'line_migration', 'contract_takeover'] as const
export type Mechanism = (typeof mechanisms)[number]
export const requestMechanisms = ['auto', ...mechanisms] as const
export type RequestMechanism = (typeof requestMechanisms)[number]

/** A tenant moves numbers (and optionally data services) to another provider. */
export interface MigrationRequest {
  type: 'migration'
  tenantId: string
  /** Requested numbers, E.164, ranges already expanded, in the order given. */
  numbers: E164[]
  /** Data services (fibre, DSL, ethernet) to move along. */
  dataServiceIds: string[]
  mechanism: RequestMechanism
  portDate: IsoDate
  installDate: IsoDate
  /** When the data services switch; defaults to the port date. */
  cutoverDate: IsoDate | null
  signatoryContactId: string | null
  targetCarrier: string
}

/** A tenant leaves the building and ports its numbers out, or releases them to the building. */
export interface MoveOutRequest {
  type: 'move_out'
  tenantId: string
  moveOutDate: IsoDate
  keepNumbers: boolean
}

export type ImpactRequest = MigrationRequest | MoveOutRequest

export const severities = ['blocking', 'needs_consent', 'warning'] as const
export type Severity = (typeof severities)[number]

export const verdicts = ['ok', 'needs_consent', 'blocked'] as const
export type Verdict = (typeof verdicts)[number]

/** Stable codes; part of the public API. Add freely, never rename. */
export const findingCodes = [
  'UNKNOWN_NUMBER',
  'NUMBER_NOT_ACTIVE',
  'NOT_OWNER',
  'SERVICE_NOT_OWNER',
  'SIGNATORY_NOT_AUTHORIZED',
  'DRAGS_OTHER_TENANT',
  'DRAGS_UNALLOCATED',
  'DRAGS_UNBILLED',
  'CRITICAL_SERVICE',
  'MAIN_NUMBER_IN_BLOCK',
  'EARLY_TERMINATION_FEE',
  'NOTICE_PERIOD',
  'SERVICE_GAP',
  'DATA_VOICE_SPLIT',
  'NON_WORKING_DAY',
  'TENANT_MOVED_OUT',
  'CONTRACT_HOLDER_LEAVING',
  'SIGNATORY_LEAVING',
  'NUMBERS_RELEASED',
] as const
export type FindingCode = (typeof findingCodes)[number]

export type DateField = 'portDate' | 'installDate' | 'cutoverDate' | 'moveOutDate'

/** Facts a finding or step carries for its message; which keys appear depends on the code. */
export interface FindingData {
  count?: number
  amountCents?: number
  remainingMonths?: number
  initialTermEnd?: IsoDate
  earliestDate?: IsoDate
  noticeDays?: number
  workingDays?: number
  date?: IsoDate
  dateField?: DateField
  holiday?: { nl: string; en: string }
  criticalUse?: CriticalUse
  mainNumber?: E164
  suggestedMainNumber?: E164 | null
  contractId?: string
  /** Why the signatory is refused: none given, not a contact of the tenant, or without the role. */
  reason?: 'missing' | 'not_tenant_contact' | 'no_role' | 'other_tenant' | 'unallocated' | 'stays_behind' | 'other_date'
}

export interface Finding {
  code: FindingCode
  severity: Severity
  numbers: E164[]
  tenants: string[]
  services: string[]
  data: FindingData
}

export type MoveReason = 'requested' | 'same_block' | 'same_service' | 'same_contract'

export interface MovedNumber {
  e164: E164
  serviceId: string
  tenantId: string | null
  reason: MoveReason
  use: NumberUse
  billed: boolean
}

export interface ServiceImpact {
  serviceId: string
  contractId: string
  kind: ServiceKind
  carrierRef: string
  mainNumber: E164 | null
  dedicatedTenantId: string | null
  criticalUse: CriticalUse | null
  movedNumbers: number
  totalNumbers: number
  /** The whole service goes to the new provider (all numbers move, or a data service is taken). */
  leaves: boolean
}

/**
 * A contract the move touches, with the termination terms of ending it on the end date (see
 * `terminationTerms`); `remainingMonths` and `feeCents` are 0 when the contract does not end.
 */
export interface ContractImpact extends Termination {
  contractId: string
  carrier: string
  contractNumber: string
  holderTenantId: string | null
  /** All its services leave: the contract ends on the end date. */
  ends: boolean
  /** Port date (migration) or move-out date. */
  endDate: IsoDate
}

export interface DraggedTenant {
  tenantId: string
  numbers: number
  services: number
  criticalNumbers: number
}

export const stepCodes = [
  'REMOVE_UNKNOWN_NUMBERS',
  'RESOLVE_OWNERSHIP',
  'RESOLVE_SERVICE_OWNERSHIP',
  'FIX_SIGNATORY',
  'TRANSFER_CONTRACT',
  'NAME_NEW_SIGNATORY',
  'CHANGE_MAIN_NUMBER',
  'SEPARATE_CRITICAL_LINE',
  'SETTLE_MOVED_OUT_TENANT',
  'DECIDE_UNALLOCATED',
  'DECIDE_RELEASED',
  'ASK_CONSENT',
  'MOVE_TO_WORKING_DAY',
  'GIVE_NOTICE',
  'MOVE_PORT_DATE_FOR_NOTICE',
  'BUDGET_FEE',
  'BOOK_INSTALLATION',
  'ALIGN_DATA_CUTOVER',
  'SUBMIT',
] as const
export type StepCode = (typeof stepCodes)[number]

export interface PlanStep {
  code: StepCode
  /** Do this on or before the date, when there is one. */
  byDate: IsoDate | null
  numbers: E164[]
  tenants: string[]
  services: string[]
  data: FindingData & { mechanism?: Mechanism | 'release'; targetCarrier?: string }
}

export interface MechanismOutcome {
  mechanism: Mechanism | 'release'
  verdict: Verdict
  findings: Finding[]
  moved: MovedNumber[]
  services: ServiceImpact[]
  contracts: ContractImpact[]
  dragged: DraggedTenant[]
  counts: OutcomeCounts
  plan: PlanStep[]
}

export interface OutcomeCounts {
  moved: number
  requested: number
  otherTenants: number
  otherTenantNumbers: number
  unallocated: number
  unbilled: number
  critical: number
  servicesLeaving: number
  contractsEnding: number
  feeCents: number
  /** Working days without service between port and installation. */
  gapWorkingDays: number
}

/** One mechanism at a glance: enough to compare, no numbers or names. */
export interface OutcomeSummary {
  mechanism: Mechanism
  verdict: Verdict
  counts: OutcomeCounts
  /** How often each finding code occurs, most severe first. */
  findings: { code: FindingCode; severity: Severity; count: number }[]
}

/** A tenant as the report names it; in anonymised views others become "Tenant 1", "Tenant 2". */
export interface ReportTenant {
  id: string
  name: string
  anonymous: boolean
  /** The requester, or the viewer's own tenant. */
  self: boolean
  /** 1-based number of an anonymised tenant ("Tenant 3"); 0 when named. */
  index: number
}

export interface ImpactReport {
  /** Format version of this report. */
  version: 1
  asOf: IsoDate
  request: ImpactRequest
  building: { name: string }
  tenants: ReportTenant[]
  /** The outcome the report recommends (the requested mechanism, or the best one for `auto`). */
  chosen: Mechanism | 'release'
  verdict: Verdict
  outcome: MechanismOutcome
  /**
   * Migration: all three mechanisms side by side, in the order port, line migration, takeover, as
   * verdicts, counts and finding tallies. The full detail is that of `outcome`; ask for a mechanism
   * explicitly to get its detail.
   */
  alternatives: OutcomeSummary[]
  /** Move-out with release: numbers that return to the building. */
  released: E164[]
  /** Set on anonymised views: what the viewer may see. */
  view: 'full' | 'tenant' | 'sales'
  /** Numbers and services hidden from this view, as counts. */
  hidden: { numbers: number; services: number }
}
