// The impact screens of a stored building: a tenant's migration (facility managers for any tenant,
// tenant users for their own company, sales users for the prospect the share names) and a tenant's
// move-out (facility managers). Everything the browser gets is built here for the viewer: the
// redacted report, the redacted picture, labels of what the viewer may see and the form's choices
// for one tenant. The inventory itself never leaves the server.
import type { Actor } from '#app/domain/actor.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import { servicesHiddenFrom } from '#app/domain/impact/blast-radius.ts'
import { pageReport } from '#app/domain/impact/page-report.ts'
import { reportLabels, requestChoices, type ImpactOutcome, type RequestChoices, type TenantOption } from '#app/domain/impact/screen.ts'
import type { Inventory } from '#app/domain/impact/types.ts'
import type { RequestFileInput } from '#app/domain/impact/request-file.ts'
import { collapseToRanges, formatNational, offsetNumber } from '#app/domain/numbers/index.ts'
import { ForbiddenError, InputProblemsError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { listCarrierNames } from '#db/queries/contracts.ts'
import { listNumbersById } from '#db/queries/numbers.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import {
  migrationRequest,
  moveOutRequest,
  problemsAsFieldErrors,
  readMigrationForm,
  readMoveOutForm,
  wantsReport,
  type FieldErrors,
  type FormFields,
} from './impact-form.server.ts'
import { computeImpactWithPicture } from './impact.server.ts'
import { requireManagedBuilding, resolveBuildingScope, isUuid, type BuildingScope } from './scope.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'


export function tenantOptions(inventory: Inventory, today: IsoDate): TenantOption[] {
  return inventory.tenants
    .map((t) => ({ id: t.id, legalName: t.legalName, movedOut: t.moveOut !== null && t.moveOut <= today }))
    .sort((a, b) => a.legalName.localeCompare(b.legalName) || a.id.localeCompare(b.id))
}

/** The tenant the form names, when it is one of the building's; a name that is not gives a field error. */
export function pickedTenant(fields: FormFields, inventory: Inventory): { tenant: Inventory['tenants'][number] | null; error: FieldErrors } {
  const id = (fields.get('tenant') ?? '').trim()
  if (id === '') return { tenant: null, error: {} }
  const tenant = inventory.tenants.find((t) => t.id === id) ?? null
  return { tenant, error: tenant ? {} : { tenant: { key: 'field.invalidChoice' } } }
}

/** Runs a checked request on the stored building; problems the request file still has become field errors. */
async function runRequest(args: { db: Db; actor: Actor; buildingId: string; request: unknown; inventory: Inventory; scope: BuildingScope; movedPage: number }): Promise<{ outcome: ImpactOutcome | null; errors: FieldErrors }> {
  try {
    const result = await computeImpactWithPicture(args)
    const hidden = result.viewer ? servicesHiddenFrom(result.inventory, result.viewer.selfTenantId) : new Set<string>()
    return { outcome: { report: pageReport(result.report, { movedPage: args.movedPage }), picture: result.picture, labels: reportLabels(result.inventory, hidden) }, errors: {} }
  } catch (error) {
    if (error instanceof InputProblemsError) return { outcome: null, errors: problemsAsFieldErrors(error.problems) }
    throw error
  }
}

/** A building as counts only: what a sales user sees without a named prospect. */
function buildingCounts(inventory: Inventory) {
  return { tenants: inventory.tenants.length, numbers: inventory.numbers.length, services: inventory.services.length }
}

/**
 * What the migration form stands for, for the actor: the building, the viewer's view, the tenant
 * (picked by a facility manager; fixed for a tenant user and a sales user's prospect), its choices,
 * the form's values and, when it is to be computed and has no problems, the request file.
 */
async function migrationFormFor({ db, actor, buildingId, fields, today }: { db: Db; actor: Actor; buildingId: string; fields: FormFields; today: IsoDate }) {
  const scope = await resolveBuildingScope(db, actor, buildingId)
  const building = { id: scope.building.id, name: scope.building.name }
  const inventory = await loadBuildingInventory(db, buildingId)
  if (scope.access === 'counts' && scope.prospectTenantId === null) return { counts: true as const, scope, building, inventory }
  const view = scope.access === 'manage' ? ('full' as const) : scope.access === 'tenant' ? ('tenant' as const) : ('sales' as const)
  const fixedId = scope.access === 'tenant' ? scope.tenantId : scope.prospectTenantId
  const picked = fixedId !== null ? { tenant: inventory.tenants.find((t) => t.id === fixedId) ?? null, error: {} } : pickedTenant(fields, inventory)
  const tenant = picked.tenant
  const choices: RequestChoices | null = tenant ? requestChoices(inventory, tenant.id) : null
  const values = readMigrationForm(fields, tenant?.id ?? null, choices, today)
  let errors: FieldErrors = { ...picked.error }
  let request: RequestFileInput | null = null
  if (wantsReport(fields) && Object.keys(errors).length === 0) {
    const checked = migrationRequest(values, choices ?? { numbers: [], voiceServices: [], dataServices: [], contacts: [] }, today)
    errors = checked.errors
    request = checked.request
  }
  return { counts: false as const, scope, building, inventory, view, tenant, choices, values, errors, request }
}

/**
 * The migration impact screen. Facility managers pick any tenant; a tenant user's own company and
 * a sales user's prospect are fixed. A sales share without a prospect gets the building's counts
 * and no form. Nothing is computed until the form is sent with `run=1` and has no problems.
 */
export async function getImpactScreen({ db, actor, buildingId, fields, today = todayInNetherlands() }: { db: Db; actor: Actor; buildingId: string; fields: FormFields; today?: IsoDate }) {
  const form = await migrationFormFor({ db, actor, buildingId, fields, today })
  const { building, inventory } = form
  if (form.counts) return { mode: 'counts' as const, status: 200, building, counts: buildingCounts(inventory) }
  const { view, tenant, choices, values } = form
  let errors = form.errors
  let outcome: ImpactOutcome | null = null
  if (form.request) ({ outcome, errors } = await runRequest({ db, actor, buildingId, request: form.request, inventory, scope: form.scope, movedPage: Number(fields.get('page') ?? 1) }))
  return {
    mode: 'migration' as const,
    status: Object.keys(errors).length > 0 ? 400 : 200,
    view,
    building,
    tenants: view === 'full' ? tenantOptions(inventory, today) : null,
    tenant: tenant ? { id: tenant.id, legalName: tenant.legalName } : null,
    choices,
    carriers: await listCarrierNames(db),
    today,
    values,
    errors,
    outcome,
  }
}

/**
 * The impact screen's report as a document: the same form, the same checks, the report in full
 * (redacted for the viewer like the screen), its picture and labels. `errors` when the form does
 * not stand for a request that can be computed.
 */
export async function getImpactDocument({ db, actor, buildingId, fields, today = todayInNetherlands() }: { db: Db; actor: Actor; buildingId: string; fields: URLSearchParams; today?: IsoDate }) {
  // A document is always computed, whether or not the link carried `run=1`.
  const computed = new URLSearchParams(fields)
  computed.set('run', '1')
  const form = await migrationFormFor({ db, actor, buildingId, fields: computed, today })
  if (form.counts) throw new ForbiddenError('no prospect tenant named on this share')
  if (!form.request) return { building: form.building, errors: form.errors, viewed: null }
  try {
    const result = await computeImpactWithPicture({ db, actor, buildingId, request: form.request, inventory: form.inventory, scope: form.scope })
    const hidden = result.viewer ? servicesHiddenFrom(result.inventory, result.viewer.selfTenantId) : new Set<string>()
    const requesterName = form.view === 'full' ? (form.tenant?.legalName ?? '—') : (result.report.tenants.find((t) => t.self)?.name ?? form.tenant?.legalName ?? '—')
    return { building: form.building, errors: {}, requesterName, viewed: { report: result.report, picture: result.picture, labels: reportLabels(result.inventory, hidden) } }
  } catch (error) {
    if (error instanceof InputProblemsError) return { building: form.building, errors: problemsAsFieldErrors(error.problems), viewed: null }
    throw error
  }
}

/** The move-out screen (facility managers): a tenant, a date, keep or release its numbers. */
export async function getMoveOutScreen({ db, actor, buildingId, fields, today = todayInNetherlands() }: { db: Db; actor: Actor; buildingId: string; fields: FormFields; today?: IsoDate }) {
  const scope = await requireManagedBuilding(db, actor, buildingId)
  const { building } = scope
  const inventory = await loadBuildingInventory(db, buildingId)
  const picked = pickedTenant(fields, inventory)
  const values = readMoveOutForm(fields, picked.tenant, today)
  let errors: FieldErrors = { ...picked.error }
  let outcome: ImpactOutcome | null = null
  if (wantsReport(fields) && Object.keys(errors).length === 0) {
    const checked = moveOutRequest(values, today)
    errors = checked.errors
    if (checked.request) ({ outcome, errors } = await runRequest({ db, actor, buildingId, request: checked.request, inventory, scope, movedPage: Number(fields.get('page') ?? 1) }))
  }
  return {
    status: Object.keys(errors).length > 0 ? 400 : 200,
    building: { id: building.id, name: building.name },
    tenants: tenantOptions(inventory, today),
    today,
    values,
    errors,
    outcome,
  }
}

/**
 * Numbers ticked in the numbers list, sent to the impact screen: the query string that starts the
 * form from them (`tenant` when they all belong to one tenant, `numbers` as blocks). Null when the
 * query carries no such selection.
 */
export async function impactPrefillFromNumbers({ db, actor, buildingId, fields }: { db: Db; actor: Actor; buildingId: string; fields: FormFields }): Promise<string | null> {
  const typed = (fields.get('range') ?? '').trim()
  if (!fields.has('numberId') && fields.get('scope') !== 'page' && typed === '') return null
  await requireManagedBuilding(db, actor, buildingId)
  const ids = [...fields.getAll('numberId'), ...(fields.get('scope') === 'page' ? fields.getAll('pageNumberId') : [])].filter(isUuid)
  const rows = await listNumbersById(db, { buildingId, ids: [...new Set(ids)] })
  const blocks = collapseToRanges(rows.map((r) => r.e164)).map((r) =>
    r.count === 1 ? formatNational(r.first) : `${formatNational(r.first)} t/m ${formatNational(offsetNumber(r.first, r.count - 1) ?? r.first)}`,
  )
  const holders = new Set(rows.map((r) => r.tenantId))
  const out = new URLSearchParams()
  const [holder] = holders
  if (holders.size === 1 && holder) out.set('tenant', holder)
  out.set('numbers', [...(typed ? [typed] : []), ...blocks].join('\n'))
  return out.toString()
}
