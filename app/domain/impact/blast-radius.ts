// The blast-radius picture of an impact report: master contract → services → tenants, what moves and
// what is safety-critical. Computed from the full inventory and the full report; for tenant and sales
// viewers it is then redacted with the same aliases as the report (`tenantAliases`), so a picture never
// names another company or shows a number — other tenants are "Tenant N" or plain counts.
import { isCriticalUse, type CriticalUse, type ServiceKind } from '../enums.ts'
import { isLive } from './engine.ts'
import type { ImpactReport, Inventory, Mechanism } from './types.ts'

/** Affected tenants drawn one by one per service; the rest of them become one counted row. */
export const maxTenantRowsPerService = 12

export interface TenantCount {
  tenants: number
  numbers: number
}

export interface BlastTenant {
  /** Inventory id; an alias (`other-3`) in a redacted picture. */
  id: string
  name: string
  /** "Tenant N" of an anonymised tenant; 0 when named. */
  index: number
  /** The requesting tenant, or the viewer's own company. */
  self: boolean
  /** Its numbers on this service that move. */
  movedNumbers: number
  /** Its live numbers on this service. */
  totalNumbers: number
  /** Moved numbers with a critical use (lift alarm, fire alarm, …). */
  criticalNumbers: number
  /** The service is dedicated to this tenant (a data line) and leaves with the move. */
  dedicated: boolean
}

export interface BlastService {
  id: string
  kind: ServiceKind
  carrierRef: string
  criticalUse: CriticalUse | null
  /** The whole service goes to the new provider. */
  leaves: boolean
  movedNumbers: number
  totalNumbers: number
  /** Critical uses among the moved numbers, and the line's own when a critical line leaves. */
  criticalUses: CriticalUse[]
  /** Affected tenants drawn one by one, the requester (or the viewer) first. */
  affected: BlastTenant[]
  /** Affected tenants not drawn one by one (beyond the cap, or other companies in a tenant's view). */
  moreAffected: TenantCount
  /** Moved numbers that no tenant holds. */
  unallocatedMoved: number
  /** Tenants on this service of which nothing moves. */
  unaffected: TenantCount
}

export interface BlastContract {
  id: string
  carrier: string
  contractNumber: string
  /** All its services leave: the contract ends. */
  ends: boolean
  feeCents: number
  services: BlastService[]
  /** Services dedicated to other companies, left out of a redacted picture. */
  hidden: { services: number; leaving: number }
}

export interface BlastRadius {
  view: ImpactReport['view']
  mechanism: Mechanism | 'release'
  contracts: BlastContract[]
  totals: {
    movedNumbers: number
    /** Tenants with something that moves, the requester included. */
    affectedTenants: number
    /** Tenants of the building of which nothing moves. */
    unaffectedTenants: number
    servicesLeaving: number
    criticalMoved: number
  }
}

interface Holding {
  total: number
  moved: number
  critical: number
  dedicated: boolean
}

/**
 * The picture of the report's chosen outcome, in full (facility managers, uploaded files), with every
 * affected tenant listed; `capBlastRadius` folds long lists into counts once the picture is redacted.
 */
export function computeBlastRadius(inventory: Inventory, report: ImpactReport): BlastRadius {
  const outcome = report.outcome
  const requester = report.request.tenantId
  const tenantName = new Map(inventory.tenants.map((t) => [t.id, t.legalName]))
  const serviceImpact = new Map(outcome.services.map((s) => [s.serviceId, s]))
  const contractImpact = new Map(outcome.contracts.map((c) => [c.contractId, c]))

  const holdings = new Map<string, Map<string, Holding>>()
  const totals = new Map<string, number>()
  const holding = (serviceId: string, tenantId: string) => {
    let perService = holdings.get(serviceId)
    if (!perService) holdings.set(serviceId, (perService = new Map()))
    let h = perService.get(tenantId)
    if (!h) perService.set(tenantId, (h = { total: 0, moved: 0, critical: 0, dedicated: false }))
    return h
  }
  for (const n of inventory.numbers) {
    if (!isLive(n)) continue
    totals.set(n.serviceId, (totals.get(n.serviceId) ?? 0) + 1)
    if (n.tenantId !== null) holding(n.serviceId, n.tenantId).total++
  }
  const movedOn = new Map<string, { count: number; unallocated: number; uses: Set<CriticalUse> }>()
  for (const m of outcome.moved) {
    let entry = movedOn.get(m.serviceId)
    if (!entry) movedOn.set(m.serviceId, (entry = { count: 0, unallocated: 0, uses: new Set() }))
    entry.count++
    if (isCriticalUse(m.use)) entry.uses.add(m.use)
    if (m.tenantId === null) {
      entry.unallocated++
      continue
    }
    const h = holding(m.serviceId, m.tenantId)
    h.moved++
    if (isCriticalUse(m.use)) h.critical++
  }

  const affectedTenants = new Set<string>()
  const contracts: BlastContract[] = inventory.contracts.map((contract) => {
    const impact = contractImpact.get(contract.id)
    const services = inventory.services
      .filter((s) => s.contractId === contract.id)
      .map((service): BlastService => {
        const leaves = serviceImpact.get(service.id)?.leaves ?? false
        if (service.dedicatedTenantId !== null) holding(service.id, service.dedicatedTenantId).dedicated = true
        const moved = movedOn.get(service.id)
        const affected: BlastTenant[] = []
        const unaffected: TenantCount = { tenants: 0, numbers: 0 }
        for (const [tenantId, h] of holdings.get(service.id) ?? []) {
          if (h.moved > 0 || (h.dedicated && leaves)) {
            affectedTenants.add(tenantId)
            affected.push({
              id: tenantId,
              name: tenantName.get(tenantId) ?? tenantId,
              index: 0,
              self: tenantId === requester,
              movedNumbers: h.moved,
              totalNumbers: h.total,
              criticalNumbers: h.critical,
              dedicated: h.dedicated,
            })
          } else {
            unaffected.tenants++
            unaffected.numbers += h.total
          }
        }
        affected.sort((a, b) => Number(b.self) - Number(a.self) || b.movedNumbers - a.movedNumbers || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        const uses = new Set(moved?.uses ?? [])
        if (leaves && service.criticalUse) uses.add(service.criticalUse)
        return {
          id: service.id,
          kind: service.kind,
          carrierRef: service.carrierRef,
          criticalUse: service.criticalUse,
          leaves,
          movedNumbers: moved?.count ?? 0,
          totalNumbers: totals.get(service.id) ?? 0,
          criticalUses: [...uses].sort(),
          affected,
          moreAffected: { tenants: 0, numbers: 0 },
          unallocatedMoved: moved?.unallocated ?? 0,
          unaffected,
        }
      })
    // What moves first, then the safety lines, then the rest in inventory order.
    const rank = (x: BlastService) => (x.leaves || x.movedNumbers > 0 ? 0 : x.criticalUse ? 1 : 2)
    services.sort((a, b) => rank(a) - rank(b))
    return {
      id: contract.id,
      carrier: contract.carrier,
      contractNumber: contract.contractNumber,
      ends: impact?.ends ?? false,
      feeCents: impact?.feeCents ?? 0,
      services,
      hidden: { services: 0, leaving: 0 },
    }
  })

  return {
    view: 'full',
    mechanism: outcome.mechanism,
    contracts,
    totals: {
      movedNumbers: outcome.moved.length,
      affectedTenants: affectedTenants.size,
      unaffectedTenants: inventory.tenants.filter((t) => !affectedTenants.has(t.id)).length,
      servicesLeaving: outcome.counts.servicesLeaving,
      criticalMoved: outcome.moved.filter((m) => isCriticalUse(m.use)).length,
    },
  }
}

/** At most `maxTenantRowsPerService` affected tenants drawn per service; the rest become one counted row. */
export function capBlastRadius(picture: BlastRadius): BlastRadius {
  return {
    ...picture,
    contracts: picture.contracts.map((c) => ({
      ...c,
      services: c.services.map((s) => {
        const rest = s.affected.slice(maxTenantRowsPerService)
        return {
          ...s,
          affected: s.affected.slice(0, maxTenantRowsPerService),
          moreAffected: { tenants: s.moreAffected.tenants + rest.length, numbers: s.moreAffected.numbers + rest.reduce((sum, t) => sum + t.movedNumbers, 0) },
        }
      }),
    })),
  }
}

export interface BlastRedaction {
  view: 'tenant' | 'sales'
  /** The viewer's own company (tenant user) or the share's prospect (sales). */
  selfTenantId: string
  /** `tenantAliases(fullReport, selfTenantId)`: the aliases the redacted report uses. */
  aliases: Map<string, string>
  /** Services dedicated to other companies: the viewer may not see them. */
  hiddenServiceIds: ReadonlySet<string>
}

/**
 * The picture as a tenant or sales user may see it: the own company by name, every other company
 * anonymised — "Tenant N" for sales, one counted row per service for a tenant — and other
 * companies' dedicated services only as a count per contract.
 */
export function redactBlastRadius(picture: BlastRadius, r: BlastRedaction): BlastRadius {
  const contracts = picture.contracts.map((contract): BlastContract => {
    const hidden = contract.services.filter((s) => r.hiddenServiceIds.has(s.id))
    const services = contract.services
      .filter((s) => !r.hiddenServiceIds.has(s.id))
      .map((service): BlastService => {
        const named: BlastTenant[] = []
        const folded: TenantCount = { ...service.moreAffected }
        for (const t of service.affected) {
          const alias = r.aliases.get(t.id)
          if (t.id === r.selfTenantId) named.push({ ...t, self: true })
          else if (r.view === 'sales' && alias) {
            const index = Number(alias.slice(alias.lastIndexOf('-') + 1))
            named.push({ ...t, id: alias, name: `Tenant ${index}`, index, self: false })
          } else {
            folded.tenants++
            folded.numbers += t.movedNumbers
          }
        }
        // By alias number: the order of the real names must not show through.
        named.sort((a, b) => Number(b.self) - Number(a.self) || a.index - b.index)
        return { ...service, affected: named, moreAffected: folded }
      })
    return {
      ...contract,
      services,
      hidden: { services: contract.hidden.services + hidden.length, leaving: contract.hidden.leaving + hidden.filter((s) => s.leaves).length },
    }
  })
  return { ...picture, view: r.view, contracts }
}

/** The services a tenant or sales viewer may not see: those dedicated to another company. */
export function servicesHiddenFrom(inventory: Inventory, selfTenantId: string): Set<string> {
  return new Set(inventory.services.filter((s) => s.dedicatedTenantId !== null && s.dedicatedTenantId !== selfTenantId).map((s) => s.id))
}
