import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  capBlastRadius,
  computeBlastRadius,
  maxTenantRowsPerService,
  redactBlastRadius,
  servicesHiddenFrom,
  type BlastRadius,
} from '#app/domain/impact/blast-radius.ts'
import { inventoryFromFile, parseBuildingFile } from '#app/domain/impact/building-file.ts'
import { computeImpact, redactReport, tenantAliases, type Inventory, type Mechanism } from '#app/domain/impact/index.ts'
import { largeBuilding } from '#db/demo-data.ts'
import { inventoryDataToBuildingFile } from '#db/inventory-data.ts'

function inventoryOf(json: unknown): Inventory {
  const parsed = parseBuildingFile(json)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)))
  return inventoryFromFile(parsed.value)
}

const demo = inventoryOf(JSON.parse(fs.readFileSync('tests/fixtures/demo-building.json', 'utf8')))
const large = inventoryOf(inventoryDataToBuildingFile(largeBuilding({ tenants: 400, numbers: 20_000, seed: 42 })))

function migration(inventory: Inventory, tenantId: string, mechanism: Mechanism) {
  const numbers = inventory.numbers.filter((n) => n.tenantId === tenantId).map((n) => n.e164)
  const signatory = inventory.contacts.find((c) => c.tenantId === tenantId && c.roles.includes('authorized_signatory'))?.id ?? null
  return computeImpact(
    inventory,
    { type: 'migration', tenantId, numbers, dataServiceIds: [], mechanism, portDate: '2027-01-12', installDate: '2027-01-12', cutoverDate: null, signatoryContactId: signatory, targetCarrier: 'Vodafone' },
    '2026-11-23',
  )
}

const services = (p: BlastRadius) => p.contracts.flatMap((c) => c.services)

/** Every affected tenant of a service, drawn or counted. */
const affectedCount = (s: BlastRadius['contracts'][number]['services'][number]) => s.affected.length + s.moreAffected.tenants

describe('the blast-radius picture', () => {
  it('a port in the demo building draws the three companies of the block of ten and counts the other 23 on the trunk', () => {
    const report = migration(demo, 't1', 'port')
    const picture = capBlastRadius(computeBlastRadius(demo, report))
    const isdn = services(picture).find((s) => s.kind === 'isdn30')!
    expect(isdn.affected.map((t) => [t.id, t.self, t.movedNumbers, t.totalNumbers])).toEqual([
      ['t1', true, 3, 3],
      ['t2', false, 3, 3],
      ['t3', false, 3, 3],
    ])
    expect([isdn.unallocatedMoved, isdn.unaffected, isdn.movedNumbers, isdn.totalNumbers, isdn.leaves]).toEqual([1, { tenants: 23, numbers: 69 }, 10, 100, false])
    // What moves comes first; the untouched safety lines are still drawn, marked by their use.
    expect(services(picture)[0]!.id).toBe(isdn.id)
    expect(services(picture).filter((s) => s.criticalUse).map((s) => [s.criticalUse, s.criticalUses])).toEqual([
      ['lift_alarm', []],
      ['fire_alarm', []],
      ['intercom', []],
    ])
    expect(picture.totals).toEqual({ movedNumbers: 10, affectedTenants: 3, unaffectedTenants: 37, servicesLeaving: 0, criticalMoved: 0 })
  })

  it('a contract takeover marks every critical line that leaves and every dedicated data line', () => {
    const picture = capBlastRadius(computeBlastRadius(demo, migration(demo, 't1', 'contract_takeover')))
    expect(services(picture).every((s) => s.leaves)).toBe(true)
    expect(services(picture).flatMap((s) => s.criticalUses).sort()).toEqual(['fire_alarm', 'intercom', 'lift_alarm'])
    const fibre = services(picture).filter((s) => s.kind === 'fiber')
    expect(fibre.map((s) => s.affected.map((t) => [t.dedicated, t.movedNumbers]))).toEqual([[[true, 0]], [[true, 0]], [[true, 0]]])
    expect(picture.contracts[0]!.ends).toBe(true)
  })

  it('stays readable at 400 tenants: at most a dozen companies drawn per line, the rest counted', () => {
    const tenant = large.tenants[0]!.id
    for (const mechanism of ['port', 'line_migration', 'contract_takeover'] as const) {
      const full = computeBlastRadius(large, migration(large, tenant, mechanism))
      const picture = capBlastRadius(full)
      for (const [before, after] of services(full).map((s, i) => [s, services(picture)[i]!] as const)) {
        expect(after.affected.length).toBeLessThanOrEqual(maxTenantRowsPerService)
        expect(affectedCount(after)).toBe(before.affected.length)
        expect(after.moreAffected.numbers + after.affected.reduce((sum, t) => sum + t.movedNumbers, 0)).toBe(before.affected.reduce((sum, t) => sum + t.movedNumbers, 0))
      }
      const rows = services(picture).reduce((sum, s) => sum + s.affected.length + 3, 0)
      expect(rows).toBeLessThan(services(picture).length * (maxTenantRowsPerService + 4))
    }
    const takeover = capBlastRadius(computeBlastRadius(large, migration(large, tenant, 'contract_takeover')))
    expect(takeover.totals.unaffectedTenants).toBe(large.tenants.filter((t) => !large.numbers.some((n) => n.tenantId === t.id)).length)
  })

  it('for sales, other companies are "Tenant N" by the report’s own aliases, in alias order; for a tenant, only counts', () => {
    const report = migration(demo, 't1', 'line_migration')
    const aliases = tenantAliases(report, 't1')
    const hiddenServiceIds = servicesHiddenFrom(demo, 't1')
    const full = computeBlastRadius(demo, report)
    const sales = capBlastRadius(redactBlastRadius(full, { view: 'sales', selfTenantId: 't1', aliases, hiddenServiceIds }))
    const isdn = services(sales).find((s) => s.kind === 'isdn30')!
    expect(isdn.affected[0]).toMatchObject({ id: 't1', self: true, name: 'Bakkerij Van Dijk B.V.' })
    const others = isdn.affected.slice(1)
    expect(others.every((t) => t.name === `Tenant ${t.index}` && t.id === `other-${t.index}` && !t.self)).toBe(true)
    expect(others.map((t) => t.index)).toEqual([...others.map((t) => t.index)].sort((a, b) => a - b))
    expect(affectedCount(isdn)).toBe(26)
    // The redacted report uses the same aliases.
    const redacted = redactReport(report, demo, { view: 'sales', selfTenantId: 't1' })
    for (const t of others) expect(redacted.tenants.find((r) => r.id === t.id)?.name).toBe(t.name)

    const tenant = redactBlastRadius(full, { view: 'tenant', selfTenantId: 't1', aliases, hiddenServiceIds })
    const own = services(tenant).find((s) => s.kind === 'isdn30')!
    expect(own.affected.map((t) => t.id)).toEqual(['t1'])
    expect(own.moreAffected).toEqual({ tenants: 25, numbers: 75 })

    // Other companies' dedicated lines are left out, counted on their contract; nothing else names them.
    expect(services(tenant).some((s) => hiddenServiceIds.has(s.id))).toBe(false)
    expect(tenant.contracts[0]!.hidden).toEqual({ services: hiddenServiceIds.size, leaving: 0 })
    const text = JSON.stringify([sales, tenant])
    const secrets = demo.tenants.filter((t) => t.id !== 't1').flatMap((t) => [t.legalName, t.kvkNumber, `"${t.id}"`])
    secrets.push(...demo.numbers.map((n) => n.e164))
    expect(secrets.filter((s) => text.includes(s))).toEqual([])
  })
})
