// Plain description of a building's inventory, used by the demo seed and the large-building generator.
import type { ContactRole, CriticalUse, Locale, NumberUse, ServiceKind, UserRole } from '#app/domain/enums.ts'

export interface InventoryData {
  building: { name: string; street: string; postcode: string; city: string }
  tenants: { key: string; legalName: string; kvkNumber: string; unit: string; moveIn: string; moveOut?: string }[]
  contacts: { key: string; tenantKey: string | null; name: string; email: string; phone?: string; roles: ContactRole[]; locale: Locale }[]
  contracts: {
    key: string
    carrier: string
    contractNumber: string
    holderTenantKey: string | null
    signedByContactKey: string | null
    startDate: string
    initialTermMonths: number
    renewalTermMonths: number
    noticeDays: number
    monthlyFeeCents: number
    earlyTerminationPct: number
  }[]
  services: {
    key: string
    contractKey: string
    kind: ServiceKind
    carrierRef: string
    mainNumber?: string
    dedicatedTenantKey?: string
    criticalUse?: CriticalUse
  }[]
  /** Blocks of numbers; `holders` allocates consecutive sub-blocks to tenants, the rest stays unallocated. */
  ranges: {
    serviceKey: string
    first: string
    count: number
    use?: NumberUse
    holders?: { offset: number; count: number; tenantKey: string }[]
    /** Offsets within the block that are active but billed to nobody. */
    unbilledOffsets?: number[]
  }[]
  users: { email: string; name: string; role: UserRole; tenantKey?: string; manages?: boolean; sharedWith?: boolean }[]
}
