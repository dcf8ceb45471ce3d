// Building files in and out of the database, and the engine's inventory of a stored building.
import type { Actor } from '#app/domain/actor.ts'
import { centsToDecimal } from '#app/domain/money.ts'
import {
  buildingFileFormat,
  maxBuildingFileBytes,
  compareBlocks,
  describeBlock,
  expandNumbers,
  parseBuildingFile,
  type BuildingFile,
  type BuildingFileInput,
  type FileProblem,
} from '#app/domain/impact/building-file.ts'
import type { Inventory } from '#app/domain/impact/types.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import type { InventoryData } from '#db/inventory-data.ts'
import { loadInventory } from '#db/load-inventory.ts'
import { getBuildingInventoryRows, type BuildingInventoryRows } from '#db/queries/inventory.ts'
import { InputProblemsError, rethrowAsProblems } from './input-problems.server.ts'
import { requireManagedBuilding, requirePermission } from './scope.server.ts'

/** The engine's inventory of a stored building; ids are database ids. */
export async function loadBuildingInventory(db: Db, buildingId: string): Promise<Inventory> {
  const rows = await getBuildingInventoryRows(db, buildingId)
  if (!rows) throw new NotFoundError('building')
  return inventoryFromRows(rows)
}

export function inventoryFromRows(rows: BuildingInventoryRows): Inventory {
  return {
    building: rows.building,
    tenants: rows.tenants,
    contacts: rows.contacts.map(({ locale: _locale, ...c }) => c),
    contracts: rows.contracts,
    services: rows.services,
    numbers: rows.numbers.map(({ rangeId: _rangeId, ...n }) => n),
  }
}

/**
 * The building as a building file. Keys are derived from the data (`tenant-<kvk>`, `contact-1`,
 * `contract-1`, `service-1`, in a fixed order), so exporting an imported export gives the same file.
 */
export async function exportBuildingFile({ db, actor, buildingId }: { db: Db; actor: Actor; buildingId: string }): Promise<BuildingFileInput> {
  await requireManagedBuilding(db, actor, buildingId)
  const rows = await getBuildingInventoryRows(db, buildingId)
  if (!rows) throw new NotFoundError('building')
  return buildingFileFromRows(rows)
}

export function buildingFileFromRows(rows: BuildingInventoryRows): BuildingFileInput {
  const tenantKey = new Map(rows.tenants.map((t) => [t.id, `tenant-${t.kvkNumber}`]))
  const contactRows = [...rows.contacts].sort(
    (a, b) =>
      (tenantKey.get(a.tenantId ?? '') ?? '').localeCompare(tenantKey.get(b.tenantId ?? '') ?? '') ||
      a.name.localeCompare(b.name) ||
      a.email.localeCompare(b.email),
  )
  const contactKey = new Map(contactRows.map((c, i) => [c.id, `contact-${i + 1}`]))
  const contractKey = new Map(rows.contracts.map((c, i) => [c.id, `contract-${i + 1}`]))
  const serviceKey = new Map(rows.services.map((s, i) => [s.id, `service-${i + 1}`]))
  const key = (map: Map<string, string>, id: string | null) => (id === null ? null : (map.get(id) ?? null))

  const numbersByRange = new Map<string, BuildingInventoryRows['numbers']>()
  for (const n of rows.numbers) numbersByRange.set(n.rangeId, [...(numbersByRange.get(n.rangeId) ?? []), n])
  const blocks = rows.ranges
    .map((r) => {
      const numbers = numbersByRange.get(r.id) ?? []
      if (numbers.length === 0) return null
      return describeBlock(
        serviceKey.get(r.serviceId)!,
        numbers.map((n) => ({ ...n, tenantId: key(tenantKey, n.tenantId) })),
      )
    })
    .filter((b) => b !== null)
    .sort(compareBlocks)

  return {
    format: buildingFileFormat,
    version: 1,
    building: rows.building,
    tenants: rows.tenants.map((t) => ({ id: tenantKey.get(t.id)!, legalName: t.legalName, kvkNumber: t.kvkNumber, unit: t.unit, moveIn: t.moveIn, moveOut: t.moveOut })),
    contacts: contactRows.map((c) => ({
      id: contactKey.get(c.id)!,
      tenant: key(tenantKey, c.tenantId),
      name: c.name,
      email: c.email,
      phone: c.phone,
      roles: [...c.roles].sort(),
      locale: c.locale,
    })),
    contracts: rows.contracts.map((c) => ({
      id: contractKey.get(c.id)!,
      carrier: c.carrier,
      contractNumber: c.contractNumber,
      holder: key(tenantKey, c.holderTenantId),
      signedBy: key(contactKey, c.signedByContactId),
      startDate: c.startDate,
      initialTermMonths: c.initialTermMonths,
      renewalTermMonths: c.renewalTermMonths,
      noticeDays: c.noticeDays,
      monthlyFee: centsToDecimal(c.monthlyFeeCents),
      earlyTerminationPct: c.earlyTerminationPct,
    })),
    services: rows.services.map((s) => ({
      id: serviceKey.get(s.id)!,
      contract: contractKey.get(s.contractId)!,
      kind: s.kind,
      carrierRef: s.carrierRef,
      mainNumber: s.mainNumber,
      dedicatedTenant: key(tenantKey, s.dedicatedTenantId),
      criticalUse: s.criticalUse,
    })),
    numbers: blocks,
  }
}

/** Each block of a valid file with its numbers, defaults and parts applied (by `expandNumbers`). */
function blocksWithNumbers(file: BuildingFile) {
  const all = expandNumbers(file)
  let start = 0
  return file.numbers.map((block) => {
    const numbers = all.slice(start, start + block.count)
    start += block.count
    return { block, numbers }
  })
}

/** A valid building file in the shape the loader writes. */
function inventoryDataFromFile(file: BuildingFile): InventoryData {
  return {
    building: file.building,
    tenants: file.tenants.map((t) => ({ key: t.id, legalName: t.legalName, kvkNumber: t.kvkNumber, unit: t.unit, moveIn: t.moveIn, ...(t.moveOut ? { moveOut: t.moveOut } : {}) })),
    contacts: file.contacts.map((c) => ({ key: c.id, tenantKey: c.tenant, name: c.name, email: c.email, ...(c.phone ? { phone: c.phone } : {}), roles: c.roles, locale: c.locale })),
    contracts: file.contracts.map((c) => ({
      key: c.id,
      carrier: c.carrier,
      contractNumber: c.contractNumber,
      holderTenantKey: c.holder,
      signedByContactKey: c.signedBy,
      startDate: c.startDate,
      initialTermMonths: c.initialTermMonths,
      renewalTermMonths: c.renewalTermMonths,
      noticeDays: c.noticeDays,
      monthlyFeeCents: c.monthlyFee,
      earlyTerminationPct: c.earlyTerminationPct,
    })),
    services: file.services.map((s) => ({
      key: s.id,
      contractKey: s.contract,
      kind: s.kind,
      carrierRef: s.carrierRef,
      ...(s.mainNumber ? { mainNumber: s.mainNumber } : {}),
      ...(s.dedicatedTenant ? { dedicatedTenantKey: s.dedicatedTenant } : {}),
      ...(s.criticalUse ? { criticalUse: s.criticalUse } : {}),
    })),
    ranges: blocksWithNumbers(file).map(({ block, numbers }) => ({
      serviceKey: block.service,
      first: block.first,
      count: block.count,
      perNumber: numbers.map((n) => ({ tenantKey: n.tenantId, billed: n.billed, use: n.use, status: n.status })),
    })),
    users: [],
  }
}

/**
 * Creates a new building from a building file, managed by the importing facility manager. Any
 * problem in the file is reported with its JSON path and nothing is written.
 */
export async function importBuildingFile({ db, actor, json }: { db: Db; actor: Actor; json: unknown }) {
  requirePermission(actor, 'building:create')
  const parsed = parseBuildingFile(json)
  if (!parsed.ok) throw new InputProblemsError(parsed.problems)
  const result = await loadInventory(db, inventoryDataFromFile(parsed.value), {
    passwordHash: '',
    source: `Imported from a building file by ${actor.email}`,
    actor,
  }).catch(rethrowAsProblems)
  return { buildingId: result.buildingId, tenants: result.tenants, numbers: result.numbers }
}


export type UploadedImport =
  | { ok: true; buildingId: string }
  | { ok: false; fileName: string; problems: FileProblem[]; error?: 'missing' | 'tooLarge' }

/** The import page: the uploaded file is read, validated and loaded, or its problems are returned. */
export async function importUploadedBuildingFile({ db, actor, formData }: { db: Db; actor: Actor; formData: FormData }): Promise<UploadedImport> {
  requirePermission(actor, 'building:create')
  const file = formData.get('file')
  if (!(file instanceof File) || file.size === 0) return { ok: false, fileName: '', problems: [], error: 'missing' }
  if (file.size > maxBuildingFileBytes) return { ok: false, fileName: file.name, problems: [], error: 'tooLarge' }
  let json: unknown
  try {
    json = JSON.parse(await file.text())
  } catch (error) {
    return { ok: false, fileName: file.name, problems: [{ path: '$', message: `Not valid JSON (${(error as Error).message})` }] }
  }
  try {
    const { buildingId } = await importBuildingFile({ db, actor, json })
    return { ok: true, buildingId }
  } catch (error) {
    if (error instanceof InputProblemsError) return { ok: false, fileName: file.name, problems: error.problems }
    throw error
  }
}
