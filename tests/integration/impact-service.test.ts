import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { inventoryFromFile, parseBuildingFile } from '#app/domain/impact/building-file.ts'
import { computeImpact } from '#app/domain/impact/index.ts'
import { parseRequestFile, resolveRequest } from '#app/domain/impact/request-file.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { importBuildingFile, loadBuildingInventory } from '#app/services/building-file.server.ts'
import { computeImpactForRequest, previewImpactOfFile } from '#app/services/impact.server.ts'
import { removeTenant } from '#app/services/tenants.server.ts'
import type { InputProblemsError } from '#app/services/input-problems.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, buildingShares, contacts, tenants } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertTenant, insertUser, shareBuilding } from '#tests/support/factories.ts'
import { refusedProblems } from '#tests/support/factories-tenants.ts'

const demoFile = JSON.parse(fs.readFileSync('tests/fixtures/demo-building.json', 'utf8')) as unknown
const demoRequest = JSON.parse(fs.readFileSync('tests/fixtures/demo-request.json', 'utf8')) as Record<string, unknown>

let db: Db
let manager: Actor
let sales: Actor
let tenantUser: Actor
let buildingId: string
/** Database ids of the demo tenants t1 (Bakkerij Van Dijk) and t2, and t1's signatory. */
let t1: string
let t2: string
let t1Signatory: string

beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
  sales = await insertUser(db, { role: 'sales' })
  ;({ buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile }))
  const byKvk = async (kvk: string) => (await db.select({ id: tenants.id }).from(tenants).where(and(eq(tenants.buildingId, buildingId), eq(tenants.kvkNumber, kvk))))[0]!.id
  const file = demoFile as { tenants: { id: string; kvkNumber: string }[] }
  t1 = await byKvk(file.tenants.find((t) => t.id === 't1')!.kvkNumber)
  t2 = await byKvk(file.tenants.find((t) => t.id === 't2')!.kvkNumber)
  t1Signatory = (await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, t1), eq(contacts.email, 'anna@bakkerij-van-dijk-b-v.example'))))[0]!.id
  tenantUser = await insertUser(db, { role: 'tenant', tenantId: t1 })
  await shareBuilding(db, buildingId, sales)
})

const request = (overrides: Record<string, unknown> = {}) => ({ ...demoRequest, tenant: t1, signatory: t1Signatory, ...overrides })

/** Every identifier of tenants other than `self` that must never reach a tenant or sales viewer. */
async function foreignIdentifiers(self: string) {
  const inventory = await loadBuildingInventory(db, buildingId)
  const out: string[] = []
  for (const t of inventory.tenants) if (t.id !== self) out.push(t.id, t.legalName, t.kvkNumber)
  for (const c of inventory.contacts) if (c.tenantId !== null && c.tenantId !== self) out.push(c.name, c.email)
  for (const n of inventory.numbers) if (n.tenantId !== null && n.tenantId !== self) out.push(n.e164, formatNational(n.e164))
  return out
}

describe('impact of a request on a stored building', () => {
  it('gives the facility manager the same verdict and moved set as the building file gives the engine', async () => {
    const { report, viewer } = await computeImpactForRequest({ db, actor: manager, buildingId, request: request() })
    expect(viewer).toBeNull()
    const file = parseBuildingFile(demoFile)
    const req = parseRequestFile(demoRequest)
    if (!file.ok || !req.ok) throw new Error('fixtures invalid')
    const inventory = inventoryFromFile(file.value)
    const resolved = resolveRequest(req.value, inventory)
    if (!resolved.ok) throw new Error('request invalid')
    const fromFile = computeImpact(inventory, resolved.value, '2026-11-23')
    expect(report.verdict).toBe(fromFile.verdict)
    expect(report.chosen).toBe(fromFile.chosen)
    expect(report.alternatives).toEqual(fromFile.alternatives)
    expect(report.outcome.moved.map((m) => m.e164)).toEqual(fromFile.outcome.moved.map((m) => m.e164))
    expect(report.outcome.findings.map((f) => f.code)).toEqual(fromFile.outcome.findings.map((f) => f.code))
  })

  it('a tenant user gets its own migration with other tenants as anonymous counts only', async () => {
    const { report, viewer } = await computeImpactForRequest({ db, actor: tenantUser, buildingId, request: request() })
    expect(viewer).toEqual({ view: 'tenant', selfTenantId: t1 })
    expect(report.view).toBe('tenant')
    expect(report.outcome.counts.otherTenants).toBeGreaterThan(0)
    const raw = JSON.stringify(report)
    for (const identifier of await foreignIdentifiers(t1)) expect(raw).not.toContain(identifier)
    expect(raw).toContain('+31205551001')
  })

  it('a tenant user cannot evaluate another tenant or a move-out', async () => {
    expect(await refusedProblems(computeImpactForRequest({ db, actor: tenantUser, buildingId, request: request({ tenant: t2 }) }))).toEqual([
      { path: '$.tenant', message: 'You can evaluate migrations of your own company only' },
    ])
    const moveOut = { type: 'move_out', tenant: t1, moveOutDate: '2027-01-29', keepNumbers: true }
    expect((await refusedProblems(computeImpactForRequest({ db, actor: tenantUser, buildingId, request: moveOut }))).map((p) => p.path)).toEqual(['$.type'])
  })

  it('a tenant user asking about a number that is not its own gets the same refusal whether the number exists or not, and nothing is computed', async () => {
    const inventory = await loadBuildingInventory(db, buildingId)
    const othersNumber = inventory.numbers.find((n) => n.tenantId === t2)!.e164
    const unknown = '+31205559999'
    expect(inventory.numbers.some((n) => n.e164 === unknown)).toBe(false)
    const othersLine = inventory.services.find((s) => s.dedicatedTenantId !== null && s.dedicatedTenantId !== t1)!.id
    const found = await refusedProblems(
      computeImpactForRequest({ db, actor: tenantUser, buildingId, request: request({ numbers: ['+31205551001', othersNumber, unknown], dataServices: [othersLine] }) }),
    )
    expect(found).toEqual([
      { path: '$.numbers[1]', message: 'Only numbers your company holds can be requested' },
      { path: '$.numbers[2]', message: 'Only numbers your company holds can be requested' },
      { path: '$.dataServices[0]', message: 'Only data lines of your company can be requested' },
    ])
  })

  it('a sales user without a named prospect may not run a preview; with one sees the prospect and anonymised others', async () => {
    await expect(computeImpactForRequest({ db, actor: sales, buildingId, request: request() })).rejects.toBeInstanceOf(ForbiddenError)
    await db.update(buildingShares).set({ prospectTenantId: t1 }).where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.userId, sales.id)))
    const { report } = await computeImpactForRequest({ db, actor: sales, buildingId, request: request() })
    expect(report.view).toBe('sales')
    expect(report.tenants.filter((t) => !t.self).every((t) => t.anonymous && /^Tenant \d+$/.test(t.name))).toBe(true)
    const raw = JSON.stringify(report)
    for (const identifier of await foreignIdentifiers(t1)) expect(raw).not.toContain(identifier)
    expect(await refusedProblems(computeImpactForRequest({ db, actor: sales, buildingId, request: request({ tenant: t2 }) }))).toHaveLength(1)
  })

  it('deleting the prospect tenant keeps the share with counts only, and the change is in the audit log', async () => {
    const otherSales = await insertUser(db, { role: 'sales' })
    await shareBuilding(db, buildingId, otherSales)
    const prospect = await insertTenant(db, buildingId)
    const shareOf = async () => (await db.select().from(buildingShares).where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.userId, otherSales.id))))[0]
    await db.update(buildingShares).set({ prospectTenantId: prospect.id }).where(and(eq(buildingShares.buildingId, buildingId), eq(buildingShares.userId, otherSales.id)))
    await removeTenant({ db, actor: manager, buildingId, tenantId: prospect.id })
    expect(await shareOf()).toMatchObject({ userId: otherSales.id, prospectTenantId: null })
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityType, 'building_share'), eq(auditLog.entityId, otherSales.id)))
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ['update', { userId: otherSales.id, prospectTenantId: prospect.id }, { userId: otherSales.id, prospectTenantId: null }],
    ])
    await expect(computeImpactForRequest({ db, actor: otherSales, buildingId, request: request() })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('a building the actor does not manage or share is not found', async () => {
    const stranger = await insertUser(db, { role: 'facility_manager' })
    await expect(computeImpactForRequest({ db, actor: stranger, buildingId, request: request() })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('an invalid request lists its problems with JSON paths; an unknown tenant is a problem of the request', async () => {
    const found = await refusedProblems(computeImpactForRequest({ db, actor: manager, buildingId, request: request({ portDate: '2027-02-30', numbers: ['not a number'] }) }))
    expect(found.map((p) => p.path).sort()).toEqual(['$.numbers[0]', '$.portDate'])
    const unknown = await refusedProblems(computeImpactForRequest({ db, actor: manager, buildingId, request: request({ tenant: '00000000-0000-4000-8000-000000000000' }) }))
    expect(unknown.map((p) => p.path)).toEqual(['$.tenant'])
  })

  it('a sales user can preview an uploaded building file and sees all of it; a tenant user may not', () => {
    const { report } = previewImpactOfFile({ actor: sales, building: demoFile, request: demoRequest })
    expect(report.view).toBe('full')
    expect(report.tenants.some((t) => t.name === 'Bakkerij Van Dijk B.V.')).toBe(true)
    expect(() => previewImpactOfFile({ actor: tenantUser, building: demoFile, request: demoRequest })).toThrow(ForbiddenError)
    try {
      previewImpactOfFile({ actor: sales, building: { format: 'sharedline.building' }, request: { type: 'migration' } })
      expect.unreachable()
    } catch (error) {
      const paths = (error as InputProblemsError).problems.map((p) => p.path)
      expect(paths).toEqual(expect.arrayContaining(['$.building.version', '$.request.tenant', '$.request.portDate']))
    }
  })
})
