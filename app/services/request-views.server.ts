// What people see of migration requests: the facility manager's list per building, a tenant's own
// requests and the consent tasks put to it, and the status page of one request with its timeline.
// Each viewer gets the impact report redacted for its role: a tenant asked for consent sees its own
// numbers, who is leaving and when, and nothing of third companies.
import type { Actor } from '#app/domain/actor.ts'
import { servicesHiddenFrom } from '#app/domain/impact/blast-radius.ts'
import { computeImpact, redactReport, type ImpactReport, type Inventory, type Viewer } from '#app/domain/impact/index.ts'
import { pageReport } from '#app/domain/impact/page-report.ts'
import { parseRequestFile, resolveRequest, type RequestFile } from '#app/domain/impact/request-file.ts'
import { reportLabels, type ImpactOutcome } from '#app/domain/impact/screen.ts'
import { allowedActions, isOpen, openStates, requestStates, type RequestAction, type RequestState } from '#app/domain/requests/lifecycle.ts'
import type { ConsentView, RequestViewer, TimelineEntry } from '#app/domain/requests/views.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { listTenantNames } from '#db/queries/tenants.ts'
import { getMigrationRequest, getSnapshot, listConsentTasks, listRequestEvents, listRequestsOfBuilding, listRequestsOfTenant, countRequestsOfBuilding } from '#db/queries/requests.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import { pageFromUrl } from './pagination.ts'
import { blastRadiusOf } from './impact.server.ts'
import { requireManagedBuilding, requireOwnTenant, requireUuid, resolveBuildingScope } from './scope.server.ts'

/** One row of a request list. */
export interface RequestListItem {
  id: string
  buildingId: string
  tenantId: string
  requesterName: string
  state: RequestState
  portDate: string | null
  targetCarrier: string | null
  numbers: number
  updatedAt: Date
  /** Set on a tenant's list: how the tenant stands to the request. */
  relation?: 'own' | 'consent'
  /** The tenant's own consent task, if it was asked. */
  consent?: 'pending' | 'given' | 'refused'
}

function summaryOf(request: unknown): { portDate: string | null; targetCarrier: string | null; numbers: number } {
  const parsed = parseRequestFile(request)
  if (!parsed.ok || parsed.value.type !== 'migration') return { portDate: null, targetCarrier: null, numbers: 0 }
  return { portDate: parsed.value.portDate, targetCarrier: parsed.value.targetCarrier, numbers: parsed.value.numbers.reduce((sum, e) => sum + e.length, 0) }
}

export interface RequestListFilter {
  /** '' = any, 'open' = any open state, or one state. */
  state: '' | 'open' | RequestState
  page: number
  pageSize: number
}

/** The list's filter from the URL: an unknown state is ignored rather than refused. */
export function readRequestListFilter(url: URL): RequestListFilter {
  const raw = url.searchParams.get('state') ?? ''
  const state = raw === 'open' || (requestStates as readonly string[]).includes(raw) ? (raw as RequestListFilter['state']) : ''
  const { page, pageSize } = pageFromUrl(url, 50)
  return { state, page, pageSize }
}

/** The facility manager's list page: the building, one page of requests, the filter. */
export async function listBuildingRequestsPage({ db, actor, buildingId, filter }: { db: Db; actor: Actor; buildingId: string; filter: RequestListFilter }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const states: RequestState[] | undefined = filter.state === 'open' ? [...openStates] : filter.state === '' ? undefined : [filter.state]
  const { items, total } = await listBuildingRequests({ db, actor, buildingId, ...(states ? { states } : {}), limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize })
  return { building: { id: building.id, name: building.name }, items, total, filter, page: filter.page, pageSize: filter.pageSize, states: requestStates }
}

/** The facility manager's list of a building's requests, newest first, optionally of some states. */
export async function listBuildingRequests({ db, actor, buildingId, states, limit = 50, offset = 0 }: { db: Db; actor: Actor; buildingId: string; states?: RequestState[]; limit?: number; offset?: number }) {
  await requireManagedBuilding(db, actor, buildingId)
  const [rows, total] = await Promise.all([listRequestsOfBuilding(db, { buildingId, states, limit, offset }), countRequestsOfBuilding(db, { buildingId, states })])
  const items: RequestListItem[] = rows.map((r) => ({ id: r.id, buildingId: r.buildingId, tenantId: r.tenantId, requesterName: r.tenantName, state: r.state, updatedAt: r.updatedAt, ...summaryOf(r.request) }))
  return { items, total }
}

/**
 * A tenant user's requests: its company's own, and those of other companies that asked it for
 * consent (shown with the requester's name, which the consent task reveals anyway).
 */
export async function listMyRequests({ db, actor }: { db: Db; actor: Actor }) {
  const tenantId = requireOwnTenant(actor)
  const rows = await listRequestsOfTenant(db, tenantId)
  const items: RequestListItem[] = rows.map((r) => ({
    id: r.id,
    buildingId: r.buildingId,
    tenantId: r.tenantId,
    requesterName: r.tenantName,
    state: r.state,
    updatedAt: r.updatedAt,
    relation: r.tenantId === tenantId ? 'own' : 'consent',
    ...(r.consentState ? { consent: r.consentState } : {}),
    ...summaryOf(r.request),
  }))
  return items
}

/**
 * The inventory as it was for the snapshot: numbers keep the holder the snapshot recorded, so a
 * completed request still shows each tenant its own numbers after they have left the building.
 */
function asSnapshotSaw(inventory: Inventory, report: ImpactReport): Inventory {
  const holders = new Map(report.outcome.moved.map((m) => [m.e164, m.tenantId]))
  return { ...inventory, numbers: inventory.numbers.map((n) => (holders.has(n.e164) ? { ...n, tenantId: holders.get(n.e164) ?? null } : n)) }
}

/**
 * The report as the viewer may see it: the snapshot taken at submission, or for a draft the impact it
 * would have today (null when the draft no longer resolves), with its picture and labels.
 */
function viewedReport(snapshot: ImpactReport | null, file: RequestFile | null, inventory: Inventory, viewer: Viewer | null) {
  let full = snapshot
  let saw = inventory
  if (full) saw = asSnapshotSaw(inventory, full)
  else if (file) {
    const resolved = resolveRequest(file, inventory)
    if (!resolved.ok) return null
    full = computeImpact(inventory, resolved.value, todayInNetherlands())
  }
  if (!full) return null
  const report = viewer ? redactReport(full, saw, viewer) : full
  const hidden = viewer ? servicesHiddenFrom(saw, viewer.selfTenantId) : new Set<string>()
  return { report, picture: blastRadiusOf(saw, full, viewer), labels: reportLabels(saw, hidden) }
}

/** The same, ready for the page (one page of the moved numbers). */
function outcomeFor(snapshot: ImpactReport | null, file: RequestFile | null, inventory: Inventory, viewer: Viewer | null, movedPage: number): ImpactOutcome | null {
  const viewed = viewedReport(snapshot, file, inventory, viewer)
  return viewed ? { report: pageReport(viewed.report, { movedPage }), picture: viewed.picture, labels: viewed.labels } : null
}

/** A request as the actor may see it, and how: facility manager, requester, or a tenant asked for consent. */
async function requestForViewer(db: Db, actor: Actor, requestId: string) {
  const id = requireUuid(requestId, 'request')
  const row = await getMigrationRequest(db, id)
  if (!row) throw new NotFoundError('request')
  const scope = await resolveBuildingScope(db, actor, row.buildingId)
  const tasks = await listConsentTasks(db, id)
  let viewer: RequestViewer
  if (scope.access === 'manage') viewer = 'facility_manager'
  else if (scope.access === 'tenant' && scope.tenantId === row.tenantId) viewer = 'requester'
  else if (scope.access === 'tenant' && tasks.some((t) => t.tenantId === scope.tenantId)) viewer = 'consenter'
  else throw new NotFoundError('request')
  const self = viewer === 'facility_manager' ? null : scope.tenantId
  const parsed = parseRequestFile(row.request)
  return { id, row, scope, tasks, viewer, self, file: parsed.ok ? parsed.value : null }
}

/**
 * The impact report of a request for a document (PDF): in full, redacted exactly as the status
 * page redacts it for this viewer. Null report when a draft no longer resolves.
 */
export async function getRequestDocument({ db, actor, requestId }: { db: Db; actor: Actor; requestId: string }) {
  const { id, row, scope, self, file } = await requestForViewer(db, actor, requestId)
  const [snapshot, names, inventory] = await Promise.all([getSnapshot(db, id) as Promise<ImpactReport | null>, listTenantNames(db, row.buildingId, [row.tenantId]), loadBuildingInventory(db, row.buildingId)])
  const viewed = viewedReport(snapshot, file, inventory, self ? { view: 'tenant', selfTenantId: self } : null)
  return { building: { id: scope.building.id, name: scope.building.name }, request: { id, state: row.state, requesterName: names.get(row.tenantId) ?? '—' }, viewed }
}

/** The status page of one request, for the facility manager, the requester, or a tenant asked for consent. */
export async function getRequestView({ db, actor, requestId, movedPage = 1 }: { db: Db; actor: Actor; requestId: string; movedPage?: number }) {
  const { id, row, scope, tasks, viewer, self, file } = await requestForViewer(db, actor, requestId)

  const [snapshot, events, names, inventory] = await Promise.all([
    getSnapshot(db, id) as Promise<ImpactReport | null>,
    listRequestEvents(db, id),
    listTenantNames(db, row.buildingId, [row.tenantId, ...tasks.map((t) => t.tenantId)]),
    loadBuildingInventory(db, row.buildingId),
  ])
  const outcome = outcomeFor(snapshot, file, inventory, self ? { view: 'tenant', selfTenantId: self } : null, movedPage)

  const role = viewer === 'facility_manager' ? 'facility_manager' : 'requester'
  const actions: RequestAction[] = viewer === 'consenter' ? [] : allowedActions(row.state, role)
  const ownTask = self ? tasks.find((t) => t.tenantId === self) : undefined
  const consents: ConsentView[] = tasks
    .filter((t) => viewer === 'facility_manager' || t.tenantId === self)
    .map((t) => ({ tenantId: t.tenantId, tenantName: names.get(t.tenantId) ?? '—', state: t.state, onBehalf: t.onBehalf, answeredAt: t.answeredAt }))
  const timeline: TimelineEntry[] = events.map((e) => ({
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    // The reason of a consent refusal is the refusing company's own words: for the manager and that company.
    reason: e.action.startsWith('consent_') && viewer !== 'facility_manager' && e.actorUserId !== actor.id ? null : e.reason,
    at: e.at,
    by: e.actorUserId === null ? 'system' : e.actorUserId === actor.id ? 'you' : byWhom(e.action),
  }))
  return {
    building: { id: scope.building.id, name: scope.building.name },
    viewer,
    request: {
      id: row.id,
      tenantId: row.tenantId,
      requesterName: names.get(row.tenantId) ?? '—',
      state: row.state,
      version: row.version,
      open: isOpen(row.state),
      createdAt: row.createdAt,
      submittedAt: row.submittedAt,
      installBeforePortAcknowledged: row.installBeforePortAcknowledged,
      file: file && file.type === 'migration' && viewer !== 'consenter' ? file : null,
      ...summaryOf(row.request),
      numbers: viewer === 'consenter' ? (snapshot?.outcome.moved.filter((m) => m.tenantId === self).length ?? 0) : summaryOf(row.request).numbers,
    },
    /** The impact at submission (a draft: as it would be today), redacted for the viewer. */
    snapshotTaken: snapshot !== null,
    outcome,
    consents,
    consentSummary: { total: tasks.length, given: tasks.filter((t) => t.state === 'given').length, refused: tasks.filter((t) => t.state === 'refused').length },
    /** The viewer's tenant may answer its consent task now. */
    canAnswerConsent: viewer === 'consenter' && row.state === 'awaiting_consent' && ownTask?.state === 'pending',
    actions,
    timeline,
  }
}

function byWhom(action: string): TimelineEntry['by'] {
  if (action === 'consent_given' || action === 'consent_refused') return 'affected_company'
  if (action === 'approve' || action === 'schedule' || action === 'complete' || action === 'reject' || action === 'cancel') return 'facility_manager'
  if (action === 'create' || action === 'submit' || action === 'withdraw') return 'requester'
  return 'someone'
}

export type RequestView = Awaited<ReturnType<typeof getRequestView>>
