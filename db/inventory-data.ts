// Plain description of a building's inventory, used by the demo seed and the large-building generator.
import type { ContactRole, CriticalUse, Locale, NumberStatus, NumberUse, ServiceKind, UserRole } from '#app/domain/enums.ts'
import { describeBlock, type BuildingFileInput } from '#app/domain/impact/building-file.ts'
import { centsToDecimal } from '#app/domain/money.ts'
import { expandRange } from '#app/domain/numbers/index.ts'

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
    /** Every number's own attributes, in block order; when given, replaces holders, unbilledOffsets and use. */
    perNumber?: { tenantKey: string | null; billed: boolean; use: NumberUse; status: NumberStatus }[]
  }[]
  /** `prospectTenantKey`: with `sharedWith`, the tenant the sales user's share names as prospect. */
  users: { email: string; name: string; role: UserRole; tenantKey?: string; manages?: boolean; sharedWith?: boolean; prospectTenantKey?: string }[]
}

/** The same building as a building file (keys kept), e.g. for fixtures and the engine benchmark. */
export function inventoryDataToBuildingFile(data: InventoryData): BuildingFileInput {
  return {
    format: 'sharedline.building',
    version: 1,
    building: data.building,
    tenants: data.tenants.map((t) => ({ id: t.key, legalName: t.legalName, kvkNumber: t.kvkNumber, unit: t.unit, moveIn: t.moveIn, moveOut: t.moveOut ?? null })),
    contacts: data.contacts.map((c) => ({ id: c.key, tenant: c.tenantKey, name: c.name, email: c.email, phone: c.phone ?? null, roles: c.roles, locale: c.locale })),
    contracts: data.contracts.map((c) => ({
      id: c.key,
      carrier: c.carrier,
      contractNumber: c.contractNumber,
      holder: c.holderTenantKey,
      signedBy: c.signedByContactKey,
      startDate: c.startDate,
      initialTermMonths: c.initialTermMonths,
      renewalTermMonths: c.renewalTermMonths,
      noticeDays: c.noticeDays,
      monthlyFee: centsToDecimal(c.monthlyFeeCents),
      earlyTerminationPct: c.earlyTerminationPct,
    })),
    services: data.services.map((s) => ({
      id: s.key,
      contract: s.contractKey,
      kind: s.kind,
      carrierRef: s.carrierRef,
      mainNumber: s.mainNumber ?? null,
      dedicatedTenant: s.dedicatedTenantKey ?? null,
      criticalUse: s.criticalUse ?? null,
    })),
    numbers: data.ranges.map((r) => {
      const unbilled = new Set(r.unbilledOffsets ?? [])
      const holderAt = new Array<string | null>(r.count).fill(null)
      for (const h of r.holders ?? []) for (let i = h.offset; i < h.offset + h.count; i++) holderAt[i] = h.tenantKey
      const numbers = expandRange({ first: r.first, count: r.count }).map((e164, i) => ({
        e164,
        tenantId: holderAt[i] ?? null,
        billed: !unbilled.has(i),
        use: r.use ?? 'tenant',
        status: 'active' as const,
      }))
      return describeBlock(r.serviceKey, numbers)
    }),
  }
}
