import fs from 'node:fs'
import { count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { exportBuildingFile, importBuildingFile, loadBuildingInventory } from '#app/services/building-file.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, buildingManagers, buildings, numbers, tenants } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertUser } from '#tests/support/factories.ts'
import { refusedProblems } from '#tests/support/factories-tenants.ts'

const demoFile = JSON.parse(fs.readFileSync('tests/fixtures/demo-building.json', 'utf8')) as Record<string, unknown>

let db: Db
let manager: Actor
let otherManager: Actor
let sales: Actor
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
  otherManager = await insertUser(db, { role: 'facility_manager' })
  sales = await insertUser(db, { role: 'sales' })
})

async function rowCounts() {
  const [b] = await db.select({ n: count() }).from(buildings)
  const [t] = await db.select({ n: count() }).from(tenants)
  const [n] = await db.select({ n: count() }).from(numbers)
  return { buildings: b!.n, tenants: t!.n, numbers: n!.n }
}

describe('building file import and export', () => {
  it('exporting an imported file and importing that export again gives the same file (lossless round trip)', async () => {
    const first = await importBuildingFile({ db, actor: manager, json: demoFile })
    expect(first.tenants).toBe(40)
    const exported = await exportBuildingFile({ db, actor: manager, buildingId: first.buildingId })
    const second = await importBuildingFile({ db, actor: manager, json: exported })
    const reExported = await exportBuildingFile({ db, actor: manager, buildingId: second.buildingId })
    expect(reExported).toEqual(exported)
  })

  it('the export keeps every number with its tenant, billing, use and service', async () => {
    const { buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile })
    const fromDb = await loadBuildingInventory(db, buildingId)
    const { inventoryFromFile, parseBuildingFile } = await import('#app/domain/impact/building-file.ts')
    const parsed = parseBuildingFile(demoFile)
    if (!parsed.ok) throw new Error('demo file invalid')
    const fromFile = inventoryFromFile(parsed.value)
    const kvkOfDbTenant = new Map(fromDb.tenants.map((t) => [t.id, t.kvkNumber]))
    const kvkOfFileTenant = new Map(fromFile.tenants.map((t) => [t.id, t.kvkNumber]))
    const refOfDbService = new Map(fromDb.services.map((s) => [s.id, s.carrierRef]))
    const refOfFileService = new Map(fromFile.services.map((s) => [s.id, s.carrierRef]))
    const describe = (n: (typeof fromDb.numbers)[number], kvk: Map<string, string>, ref: Map<string, string>) =>
      [n.e164, n.tenantId === null ? null : kvk.get(n.tenantId), ref.get(n.serviceId), n.billed, n.use, n.status].join('|')
    expect(fromDb.numbers.map((n) => describe(n, kvkOfDbTenant, refOfDbService)).sort()).toEqual(
      fromFile.numbers.map((n) => describe(n, kvkOfFileTenant, refOfFileService)).sort(),
    )
    expect(fromDb.numbers).toHaveLength(183)
  })

  it('the importing facility manager manages the new building and the import is in the audit log', async () => {
    const { buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile })
    const managers = await db.select({ userId: buildingManagers.userId }).from(buildingManagers).where(eq(buildingManagers.buildingId, buildingId))
    expect(managers.map((m) => m.userId)).toEqual([manager.id])
    const entries = await db.select().from(auditLog).where(eq(auditLog.buildingId, buildingId))
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actorUserId: manager.id, actorEmail: manager.email, entityType: 'building', action: 'create' })
  })

  it('an invalid file is refused with every problem and its JSON path, and nothing is written', async () => {
    const before = await rowCounts()
    const broken = structuredClone(demoFile) as { tenants: { kvkNumber: string }[]; services: { contract: string }[]; building: { postcode: string } }
    broken.tenants[1]!.kvkNumber = '123'
    broken.services[0]!.contract = 'no-such-contract'
    broken.building.postcode = '12345'
    const problems = await refusedProblems(importBuildingFile({ db, actor: manager, json: broken }))
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.tenants[1].kvkNumber', '$.building.postcode']))
    expect(await rowCounts()).toEqual(before)
  })

  it('a file whose references are broken names each dangling key', async () => {
    const broken = structuredClone(demoFile) as { services: { contract: string }[]; numbers: { service: string }[] }
    broken.services[0]!.contract = 'no-such-contract'
    broken.numbers[0]!.service = 'no-such-service'
    const problems = await refusedProblems(importBuildingFile({ db, actor: manager, json: broken }))
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '$.services[0].contract', message: 'No contract with key "no-such-contract"' },
        { path: '$.numbers[0].service', message: 'No service with key "no-such-service"' },
      ]),
    )
  })

  it('a file that breaks a database rule (contract start before 1980) is refused and nothing is written', async () => {
    const before = await rowCounts()
    const old = structuredClone(demoFile) as { contracts: { startDate: string }[] }
    old.contracts[0]!.startDate = '1975-01-01'
    const problems = await refusedProblems(importBuildingFile({ db, actor: manager, json: old }))
    expect(problems[0]!.path).toBe('$')
    expect(await rowCounts()).toEqual(before)
  })

  it('only facility managers import, and only managers of the building export it', async () => {
    await expect(importBuildingFile({ db, actor: sales, json: demoFile })).rejects.toBeInstanceOf(ForbiddenError)
    const { buildingId } = await importBuildingFile({ db, actor: manager, json: demoFile })
    await expect(exportBuildingFile({ db, actor: otherManager, buildingId })).rejects.toBeInstanceOf(NotFoundError)
    await expect(exportBuildingFile({ db, actor: sales, buildingId })).rejects.toBeInstanceOf(ForbiddenError)
  })
})
