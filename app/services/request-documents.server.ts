// The documents of a migration request: the porting authorisation (volmacht) the requesting company
// signs for the receiving carrier, and one notice letter per affected company. Who may download what
// follows the status page (getRequestView): the facility manager of the building everything, a tenant
// user only its own company's documents; anything else does not exist (404). A document that cannot
// be made now (a blocked plan, a request that ended) is refused with a message saying why.
import type { Actor } from '#app/domain/actor.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import type { ContactRole, Locale } from '#app/domain/enums.ts'
import { computeImpact, type ImpactReport, type MigrationRequest } from '#app/domain/impact/index.ts'
import { parseRequestFile, resolveRequest } from '#app/domain/impact/request-file.ts'
import { collapseToRanges } from '#app/domain/numbers/index.ts'
import type { RequestState } from '#app/domain/requests/lifecycle.ts'
import { createTranslator, type MessageKey, type Translator } from '#app/i18n/index.ts'
import type { NoticeLetter } from '#app/pdf/notice-letter.server.ts'
import type { PortingAuthorisation } from '#app/pdf/porting-authorisation.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { getContactOfTenant, listContacts } from '#db/queries/contacts.ts'
import { listManagerRecipients } from '#db/queries/outbox.ts'
import { listLiveNumbersOfTenant } from '#db/queries/request-documents.ts'
import { getMigrationRequest, getSnapshot, listConsentTasks } from '#db/queries/requests.ts'
import { getTenantInBuilding, listTenantNames } from '#db/queries/tenants.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import { requireUuid, resolveBuildingScope } from './scope.server.ts'

/** A document's data, or why it cannot be made now (in the viewer's language). */
export type DocumentResult<T> = { ok: true; document: T } | { ok: false; message: string }

/** Which request's document, asked by whom; `locale` is the viewer's language. */
export interface DocumentQuery {
  db: Db
  actor: Actor
  buildingId: string
  requestId: string
  locale: Locale
  now?: Date
}

const endedStates: readonly RequestState[] = ['rejected', 'cancelled', 'withdrawn']

/** The request, only under its own building and for an actor who may see that building. */
async function requestInBuilding(db: Db, actor: Actor, buildingId: string, requestId: string) {
  const id = requireUuid(requestId, 'request')
  const row = await getMigrationRequest(db, id)
  if (!row || row.buildingId !== buildingId) throw new NotFoundError('request')
  const scope = await resolveBuildingScope(db, actor, row.buildingId)
  return { row, scope }
}

type RequestRow = Awaited<ReturnType<typeof requestInBuilding>>['row']

/**
 * The request's full impact: the snapshot taken at submission, or for a draft (whose plan may have
 * changed since an earlier submission) the impact it would have today. Null when it no longer resolves.
 */
async function impactOf(db: Db, row: RequestRow): Promise<(ImpactReport & { request: MigrationRequest }) | null> {
  let report = row.state === 'draft' ? null : ((await getSnapshot(db, row.id)) as ImpactReport | null)
  if (!report) {
    const parsed = parseRequestFile(row.request)
    if (!parsed.ok) return null
    const inventory = await loadBuildingInventory(db, row.buildingId)
    const resolved = resolveRequest(parsed.value, inventory)
    if (!resolved.ok) return null
    report = computeImpact(inventory, resolved.value, todayInNetherlands())
  }
  return report.request.type === 'migration' ? (report as ImpactReport & { request: MigrationRequest }) : null
}

function refused<T>(message: string): DocumentResult<T> {
  return { ok: false, message }
}

function endedMessage(t: Translator, state: RequestState): string {
  return t.t('docl.refused.ended', { state: t.t(`reqs.state.${state}` as MessageKey) })
}

/** The blocking findings of a report, named as the impact page names them. */
function blockingReasons(report: ImpactReport, t: Translator): string {
  const codes = new Set(report.outcome.findings.filter((f) => f.severity === 'blocking').map((f) => f.code))
  return [...codes].map((code) => t.t(`impact.finding.${code}` as MessageKey)).join('; ')
}

/**
 * The porting authorisation of a request, in the viewer's language, for the facility manager and the
 * requesting company's users. The subscriber is the requesting company: it signs for the numbers it
 * asked to move. The facility manager's copy lists every number that moves (the receiving carrier
 * ports whole blocks); the requester's copy lists its own numbers and says how many others go along.
 */
export async function getPortingAuthorisation({ db, actor, buildingId, requestId, locale, now = new Date() }: DocumentQuery): Promise<DocumentResult<PortingAuthorisation>> {
  const { row, scope } = await requestInBuilding(db, actor, buildingId, requestId)
  const requesterCopy = scope.access === 'tenant' && scope.tenantId === row.tenantId
  if (scope.access !== 'manage' && !requesterCopy) throw new NotFoundError('request')
  const t = createTranslator(locale)
  if (endedStates.includes(row.state)) return refused(endedMessage(t, row.state))
  const report = await impactOf(db, row)
  if (!report) return refused(t.t('docl.refused.unresolved'))
  if (report.verdict === 'blocked') return refused(t.t('docl.refused.blocked', { reasons: blockingReasons(report, t) }))

  const request = report.request
  const subscriberId = row.tenantId
  const [subscriber, signatory] = await Promise.all([
    getTenantInBuilding(db, { buildingId: row.buildingId, tenantId: subscriberId }),
    request.signatoryContactId ? getContactOfTenant(db, { tenantId: subscriberId, contactId: request.signatoryContactId }) : null,
  ])
  if (!subscriber) throw new NotFoundError('tenant')

  const { moved, services, contracts } = report.outcome
  const own = moved.filter((m) => m.tenantId === subscriberId)
  const others = moved.filter((m) => m.tenantId !== subscriberId)
  // The same rule as redactReport: a tenant sees its own numbers, and of the others only how many.
  const ownLines = new Set(own.map((m) => m.serviceId))
  const lines = services.filter((s) => (requesterCopy ? ownLines.has(s.serviceId) || (s.leaves && s.dedicatedTenantId === subscriberId) : s.movedNumbers > 0 || s.leaves))
  const lineContracts = new Set(lines.map((s) => s.contractId))
  const shownContracts = requesterCopy ? contracts.filter((c) => lineContracts.has(c.contractId)) : contracts
  const holders = [...new Set(shownContracts.map((c) => c.holderTenantId).filter((h) => h !== subscriberId))]
  const holderNames = await listTenantNames(db, row.buildingId, holders.filter((h): h is string => h !== null))
  const holderName = (h: string | null) => (h === null ? scope.building.name : requesterCopy ? t.t('docl.auth.holderOther') : (holderNames.get(h) ?? t.t('docl.auth.holderOther')))

  return {
    ok: true,
    document: {
      requestId: row.id,
      locale,
      generatedAt: now,
      today: todayInNetherlands(now),
      building: { name: scope.building.name },
      subscriber: { legalName: subscriber.legalName, kvkNumber: subscriber.kvkNumber, unit: subscriber.unit, street: scope.building.street, postcode: scope.building.postcode, city: scope.building.city },
      receivingCarrier: request.targetCarrier,
      portDate: request.portDate,
      installDate: request.installDate,
      mechanism: report.chosen,
      // A migration ports its numbers: they are kept.
      keepNumbers: true,
      numbers: {
        ranges: collapseToRanges((requesterCopy ? own : moved).map((m) => m.e164)),
        own: own.length,
        others: requesterCopy ? 0 : others.length,
        otherCompanies: requesterCopy ? 0 : new Set(others.map((m) => m.tenantId).filter((id) => id !== null)).size,
        hidden: requesterCopy ? others.length : 0,
      },
      lines: lines.map((s) => ({ kind: s.kind, carrierRef: s.carrierRef })),
      contracts: shownContracts.map((c) => ({ carrier: c.carrier, contractNumber: c.contractNumber, ends: c.ends, endDate: c.endDate, feeCents: c.ends ? c.feeCents : 0, remainingMonths: c.remainingMonths, initialTermEnd: c.initialTermEnd })),
      signatory: signatory ? { name: signatory.name, roles: signatoryRoles(signatory.roles) } : null,
      contractHolder: holders.length > 0 ? holders.map(holderName).join(', ') : null,
    },
  }
}

/** The role a signatory signs in: authorised signatory, which the plan's checks require. */
function signatoryRoles(roles: ContactRole[]): ContactRole[] {
  return roles.includes('authorized_signatory') ? ['authorized_signatory'] : roles
}

/** The companies a request affects: the requester and every company moved along (by numbers or a line of its own). */
function affectedTenants(report: ImpactReport, requesterId: string): Set<string> {
  const ids = new Set([requesterId, ...report.outcome.dragged.map((d) => d.tenantId)])
  for (const m of report.outcome.moved) if (m.tenantId) ids.add(m.tenantId)
  return ids
}

/** Whom a letter says to call: the building's primary contact, else its technical one, else any; else a facility manager. */
async function facilityContactOf(db: Db, buildingId: string): Promise<NoticeLetter['facilityContact']> {
  const own = await listContacts(db, { buildingId, tenantId: null })
  const contact = own.find((c) => c.roles.includes('primary')) ?? own.find((c) => c.roles.includes('technical')) ?? own[0]
  if (contact) return { name: contact.name, phone: contact.phone, email: contact.email }
  const [manager] = await listManagerRecipients(db, buildingId)
  return manager ? { name: manager.email, phone: null, email: manager.email } : null
}

/**
 * The notice letter for one affected company, addressed to its primary contact (else its first
 * contact) and written in that contact's language, whoever downloads it. It names the company and the
 * requester only, and lists the company's own numbers only. The facility manager may download every
 * letter; a tenant user only its own company's, when its company may see the request.
 */
export async function getNoticeLetter({ db, actor, buildingId, requestId, tenantId, locale, now = new Date() }: DocumentQuery & { tenantId: string }): Promise<DocumentResult<NoticeLetter>> {
  const { row, scope } = await requestInBuilding(db, actor, buildingId, requestId)
  const self = requireUuid(tenantId, 'tenant')
  const tasks = await listConsentTasks(db, row.id)
  if (scope.access === 'tenant') {
    const seesRequest = scope.tenantId === row.tenantId || tasks.some((task) => task.tenantId === scope.tenantId)
    if (!seesRequest || scope.tenantId !== self) throw new NotFoundError('letter')
  } else if (scope.access !== 'manage') throw new NotFoundError('letter')
  // A refusal speaks the viewer's language; the letter itself its addressee's.
  const t = createTranslator(locale)
  const report = await impactOf(db, row)
  if (!report) return refused(t.t('docl.refused.unresolved'))
  if (!affectedTenants(report, row.tenantId).has(self)) throw new NotFoundError('letter')
  if (row.state === 'draft') return refused(t.t('docl.refused.lettersDraft'))
  if (row.state === 'completed') return refused(t.t('docl.refused.lettersCompleted'))
  if (endedStates.includes(row.state)) return refused(endedMessage(t, row.state))

  const isRequester = self === row.tenantId
  const [tenant, contacts, names, live, facilityContact] = await Promise.all([
    getTenantInBuilding(db, { buildingId: row.buildingId, tenantId: self }),
    listContacts(db, { buildingId: row.buildingId, tenantId: self }),
    listTenantNames(db, row.buildingId, [row.tenantId]),
    listLiveNumbersOfTenant(db, { buildingId: row.buildingId, tenantId: self }),
    facilityContactOf(db, row.buildingId),
  ])
  if (!tenant) throw new NotFoundError('letter')
  const addressee = contacts.find((c) => c.roles.includes('primary')) ?? contacts[0] ?? null
  const ownMoved = report.outcome.moved.filter((m) => m.tenantId === self).map((m) => m.e164)
  const moving = new Set(ownMoved)
  const task = tasks.find((c) => c.tenantId === self)
  const request = report.request
  return {
    ok: true,
    document: {
      requestId: row.id,
      locale: addressee?.locale ?? locale,
      generatedAt: now,
      today: todayInNetherlands(now),
      building: { name: scope.building.name, street: scope.building.street, postcode: scope.building.postcode, city: scope.building.city },
      recipient: { legalName: tenant.legalName, unit: tenant.unit, contactName: addressee?.name ?? null },
      requesterName: names.get(row.tenantId) ?? '—',
      isRequester,
      carrier: request.targetCarrier,
      portDate: request.portDate,
      installDate: request.installDate,
      state: row.state,
      consent: !isRequester && task ? { state: task.state, onBehalf: task.onBehalf, answeredOn: task.answeredAt ? (todayInNetherlands(task.answeredAt) as IsoDate) : null } : null,
      numbers: collapseToRanges(ownMoved),
      numberCount: ownMoved.length,
      keptNumbers: live.filter((n) => !moving.has(n)).length,
      leavingLines: report.outcome.services.filter((s) => s.leaves && s.dedicatedTenantId === self).map((s) => ({ kind: s.kind, carrierRef: s.carrierRef })),
      otherCompanies: isRequester ? report.outcome.dragged.length : 0,
      facilityContact,
    },
  }
}
