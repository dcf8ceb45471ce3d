// Impact use cases: evaluate a request on a stored building (scoped like every other screen), or
// on an uploaded building file that is never stored. The report is redacted here for tenant and
// sales viewers; the inventory itself never leaves the server.
import type { Actor } from '#app/domain/actor.ts'
import { inventoryFromFile, parseBuildingFile, type FileProblem } from '#app/domain/impact/building-file.ts'
import { capBlastRadius, computeBlastRadius, redactBlastRadius, servicesHiddenFrom, type BlastRadius } from '#app/domain/impact/blast-radius.ts'
import { computeImpact, isLive, redactReport, tenantAliases, type ImpactReport, type Inventory, type Viewer } from '#app/domain/impact/index.ts'
import { parseRequestFile, resolveRequest, type RequestFile } from '#app/domain/impact/request-file.ts'
import { ForbiddenError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import { InputProblemsError } from './input-problems.server.ts'
import { requirePermission, resolveBuildingScope, type BuildingScope } from './scope.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'

export interface ImpactResult {
  report: ImpactReport
  /** Server-side only: the full inventory the report was computed from (for pictures and PDFs). */
  inventory: Inventory
  /** null = the viewer sees everything. */
  viewer: Viewer | null
  /** `file`: an uploaded building file, not stored. */
  scope: { access: BuildingScope['access'] | 'file'; tenantId: string | null; prospectTenantId: string | null; buildingId: string | null; buildingName: string }
}

const today = todayInNetherlands

function parsedRequest(json: unknown): RequestFile {
  const parsed = parseRequestFile(json)
  if (!parsed.ok) throw new InputProblemsError(parsed.problems)
  return parsed.value
}

/**
 * Who the actor may evaluate a request for, and how the result is shown: a facility manager any
 * tenant and anything; a tenant user only its own migrations; a sales user only the prospect the
 * share names (without a prospect: forbidden, counts only).
 */
function viewerFor(scope: BuildingScope, request: RequestFile): Viewer | null {
  if (scope.access === 'manage') return null
  const self = scope.access === 'tenant' ? scope.tenantId : scope.prospectTenantId
  if (self === null) throw new ForbiddenError('no prospect tenant named on this share')
  const problems: FileProblem[] = []
  if (request.type !== 'migration') problems.push({ path: '$.type', message: 'Only the facility manager can evaluate a move-out' })
  if (request.tenant !== self) {
    problems.push({
      path: '$.tenant',
      message: scope.access === 'tenant' ? 'You can evaluate migrations of your own company only' : 'You can evaluate the prospect named on the share only',
    })
  }
  if (problems.length > 0) throw new InputProblemsError(problems)
  return { view: scope.access === 'tenant' ? 'tenant' : 'sales', selfTenantId: self }
}

/**
 * A tenant or sales viewer may ask only about the own company's live numbers and data lines. Anything
 * else is refused with one message, whether it does not exist or belongs to someone else, so a viewer
 * cannot map other companies' numbers by trying them. Nothing is computed then.
 */
export function requireOwnSubjects(file: RequestFile, inventory: Inventory, viewer: Viewer): void {
  if (file.type !== 'migration') return
  const own = new Set(
    inventory.numbers.filter((n) => n.tenantId === viewer.selfTenantId && isLive(n)).map((n) => n.e164),
  )
  const ownData = new Set(inventory.services.filter((s) => s.dedicatedTenantId === viewer.selfTenantId).map((s) => s.id))
  const whose = viewer.view === 'tenant' ? 'your company' : 'the prospect'
  const problems: FileProblem[] = []
  file.numbers.forEach((entry, i) => {
    if (!entry.every((e164) => own.has(e164))) problems.push({ path: `$.numbers[${i}]`, message: `Only numbers ${whose} holds can be requested` })
  })
  file.dataServices.forEach((id, i) => {
    if (!ownData.has(id)) problems.push({ path: `$.dataServices[${i}]`, message: `Only data lines of ${whose} can be requested` })
  })
  if (problems.length > 0) throw new InputProblemsError(problems)
}

interface StoredRequestArgs {
  db: Db
  actor: Actor
  buildingId: string
  request: unknown
  asOf?: string
}

/** Scope, request, inventory, engine: the full report and the result as the actor may see it. */
/** What a screen that has already resolved the scope and loaded the inventory may hand over. */
interface Loaded {
  inventory?: Inventory
  scope?: BuildingScope
}

async function evaluateStored({ db, actor, buildingId, request, asOf, inventory, scope: knownScope }: StoredRequestArgs & Loaded) {
  const scope = knownScope ?? (await resolveBuildingScope(db, actor, buildingId))
  const file = parsedRequest(request)
  const viewer = viewerFor(scope, file)
  const loaded = inventory ?? (await loadBuildingInventory(db, buildingId))
  if (viewer) requireOwnSubjects(file, loaded, viewer)
  const resolved = resolveRequest(file, loaded)
  if (!resolved.ok) throw new InputProblemsError(resolved.problems)
  const full = computeImpact(loaded, resolved.value, asOf ?? file.asOf ?? today())
  const result: ImpactResult = {
    report: viewer ? redactReport(full, loaded, viewer) : full,
    inventory: loaded,
    viewer,
    scope: { access: scope.access, tenantId: scope.tenantId, prospectTenantId: scope.prospectTenantId, buildingId, buildingName: scope.building.name },
  }
  return { result, full }
}

/** The impact of a request (request-file JSON) on a stored building, as the actor may see it. */
export async function computeImpactForRequest(args: StoredRequestArgs): Promise<ImpactResult> {
  return (await evaluateStored(args)).result
}

/**
 * The same, with the blast-radius picture redacted like the report (the impact screens). A screen
 * that has resolved the actor's scope and loaded the inventory already passes both along.
 */
export async function computeImpactWithPicture(args: StoredRequestArgs & Loaded): Promise<ImpactResult & { picture: BlastRadius }> {
  const { result, full } = await evaluateStored(args)
  return { ...result, picture: blastRadiusOf(result.inventory, full, result.viewer) }
}

/**
 * The picture of a full report: as it is for a viewer who sees everything, otherwise with other
 * companies anonymised by the report's own aliases and their dedicated services left out.
 */
export function blastRadiusOf(inventory: Inventory, full: ImpactReport, viewer: Viewer | null): BlastRadius {
  const picture = computeBlastRadius(inventory, full)
  if (!viewer) return capBlastRadius(picture)
  return capBlastRadius(
    redactBlastRadius(picture, {
      view: viewer.view,
      selfTenantId: viewer.selfTenantId,
      aliases: tenantAliases(full, viewer.selfTenantId),
      hiddenServiceIds: servicesHiddenFrom(inventory, viewer.selfTenantId),
    }),
  )
}

/**
 * Evaluates an uploaded building file and request without storing anything. The uploader sees the
 * whole file: it is their own data.
 */
export function previewImpactOfFile({ actor, building, request, asOf }: { actor: Actor; building: unknown; request: unknown; asOf?: string }): ImpactResult {
  requirePermission(actor, 'impact:preview-file')
  const parsedBuilding = parseBuildingFile(building)
  const problems: FileProblem[] = parsedBuilding.ok ? [] : parsedBuilding.problems.map((p) => ({ ...p, path: `$.building${p.path.slice(1)}` }))
  const parsedReq = parseRequestFile(request)
  if (!parsedReq.ok) problems.push(...parsedReq.problems.map((p) => ({ ...p, path: `$.request${p.path.slice(1)}` })))
  if (!parsedBuilding.ok || !parsedReq.ok) throw new InputProblemsError(problems)
  const inventory = inventoryFromFile(parsedBuilding.value)
  const resolved = resolveRequest(parsedReq.value, inventory)
  if (!resolved.ok) throw new InputProblemsError(resolved.problems.map((p) => ({ ...p, path: `$.request${p.path.slice(1)}` })))
  const report = computeImpact(inventory, resolved.value, asOf ?? parsedReq.value.asOf ?? today())
  return {
    report,
    inventory,
    viewer: null,
    scope: { access: 'file', tenantId: null, prospectTenantId: null, buildingId: null, buildingName: inventory.building.name },
  }
}
