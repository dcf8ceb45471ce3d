// Mail about migration requests, queued in the outbox inside the transaction of the change it tells
// about (so it is never lost and never sent for a change that rolled back). Each recipient reads it in
// its own language and sees only what its role may see: a tenant that is moved along reads about its
// own numbers and who is leaving, the requester about its own numbers, the facility manager everything.
import type { ImpactReport } from '#app/domain/impact/index.ts'
import { plusDays, type IsoDate } from '#app/domain/dates.ts'
import type { Locale } from '#app/domain/enums.ts'
import { createTranslator, type MessageKey, type Params } from '#app/i18n/index.ts'
import { appUrl } from '#app/server/env.server.ts'
import type { Db } from '#db/client.ts'
import { getBuilding } from '#db/queries/buildings.ts'
import { insertOutboxMail, listManagerRecipients, listTenantRecipients, type NewOutboxMail } from '#db/queries/outbox.ts'
import { listTenantNames } from '#db/queries/tenants.ts'
import { getMigrationRequest, getSnapshot, listRequestsWithPortDate } from '#db/queries/requests.ts'

export const requestMailEvents = [
  'submitted',
  'consent_requested',
  'consent_given',
  'consent_refused',
  'approved',
  'scheduled',
  'completed',
  'rejected',
  'cancelled',
  'withdrawn',
  'port_tomorrow',
] as const
export type RequestMailEvent = (typeof requestMailEvents)[number]

/** Who hears of each event: the building's facility managers, the requesting tenant, the tenants moved along. */
const audiences: Record<RequestMailEvent, { managers: boolean; requester: boolean; dragged: boolean }> = {
  submitted: { managers: true, requester: false, dragged: false },
  consent_requested: { managers: false, requester: false, dragged: true },
  consent_given: { managers: true, requester: true, dragged: false },
  consent_refused: { managers: true, requester: true, dragged: false },
  approved: { managers: false, requester: true, dragged: true },
  scheduled: { managers: false, requester: true, dragged: true },
  completed: { managers: false, requester: true, dragged: true },
  rejected: { managers: false, requester: true, dragged: true },
  cancelled: { managers: false, requester: true, dragged: true },
  withdrawn: { managers: true, requester: false, dragged: true },
  port_tomorrow: { managers: true, requester: true, dragged: true },
}

/** Events whose mail lists the recipient's own numbers concerned. */
const listsNumbers = new Set<RequestMailEvent>(['consent_requested', 'approved', 'scheduled', 'completed', 'port_tomorrow'])

/** How many numbers a mail lists before it says "and N more". */
const listedNumbers = 25

export interface RequestMailFacts {
  /** The tenant that answered a consent task. */
  consentTenantId?: string
  /** How many consents are given so far. */
  given?: number
  reason?: string | null
  /** Completion: numbers that did not move. */
  notMoved?: readonly string[]
  /** Completion date, else the port date. */
  date?: IsoDate
  /** Set for reminders, so a job run twice queues the mail once. */
  dedupe?: string
}

interface Recipient {
  email: string
  locale: Locale
  /** The tenant the recipient speaks for; null = a facility manager. */
  tenantId: string | null
}

/** Queues the mails of one event of a request. Call inside the transaction that made the change. */
export async function queueRequestMails(tx: Db, requestId: string, event: RequestMailEvent, facts: RequestMailFacts = {}) {
  const request = await getMigrationRequest(tx, requestId)
  const snapshot = (await getSnapshot(tx, requestId)) as ImpactReport | null
  if (!request || !snapshot || snapshot.request.type !== 'migration') return 0
  const building = await getBuilding(tx, request.buildingId)
  if (!building) return 0
  const audience = audiences[event]
  const dragged = snapshot.outcome.dragged.map((d) => d.tenantId)
  const tenantIds = [...(audience.requester ? [request.tenantId] : []), ...(audience.dragged ? dragged : [])]
  const [managers, tenantRecipients, names] = await Promise.all([
    listManagerRecipients(tx, request.buildingId),
    listTenantRecipients(tx, request.buildingId, tenantIds),
    listTenantNames(tx, request.buildingId, [request.tenantId, ...(facts.consentTenantId ? [facts.consentTenantId] : [])]),
  ])
  const recipients: Recipient[] = [
    ...(audience.managers ? managers.map((m) => ({ email: m.email, locale: m.locale ?? ('nl' as const), tenantId: null })) : []),
    ...tenantRecipients.map((c) => ({ email: c.email, locale: c.locale, tenantId: c.tenantId })),
  ]
  const failed = new Set(facts.notMoved ?? [])
  const moved = snapshot.outcome.moved.filter((m) => event !== 'completed' || !failed.has(m.e164))
  const holder = new Map(snapshot.outcome.moved.map((m) => [m.e164, m.tenantId]))
  /** Numbers that did not move, as the recipient may know of them: a company hears of its own only. */
  const failedFor = (tenantId: string | null) => (tenantId === null ? failed.size : [...failed].filter((n) => holder.get(n) === tenantId).length)
  const consenting = snapshot.outcome.dragged.length
  const fmEmail = managers[0]?.email ?? null
  const link = `${appUrl()}/buildings/${request.buildingId}/requests/${requestId}`

  const rows: NewOutboxMail[] = recipients.map((r) => {
    const tr = createTranslator(r.locale)
    const own = r.tenantId === null ? moved.map((m) => m.e164) : moved.filter((m) => m.tenantId === r.tenantId).map((m) => m.e164)
    const consentTenant = facts.consentTenantId
      ? r.tenantId === null
        ? (names.get(facts.consentTenantId) ?? '—')
        : tr.t('mail.an_affected_company')
      : ''
    const params: Params = {
      building: building.name,
      requester: names.get(request.tenantId) ?? '—',
      carrier: snapshot.request.type === 'migration' ? snapshot.request.targetCarrier : '',
      date: tr.date(facts.date ?? (snapshot.request.type === 'migration' ? snapshot.request.portDate : null)),
      count: event === 'consent_requested' || listsNumbers.has(event) ? own.length : snapshot.outcome.moved.length,
      dragged: consenting,
      tenant: consentTenant,
      given: facts.given ?? 0,
      total: consenting,
      reason: facts.reason ?? '',
      failed: failedFor(r.tenantId),
    }
    const bodyKey = event === 'completed' && failedFor(r.tenantId) > 0 ? 'mail.body.request.completed_partial' : (`mail.body.request.${event}` as MessageKey)
    const lines = [tr.t(bodyKey, params)]
    if (listsNumbers.has(event) && own.length > 0) {
      lines.push('', tr.t('mail.your_numbers', { count: own.length }), ...own.slice(0, listedNumbers).map((n) => `  ${tr.phone(n)}`))
      if (own.length > listedNumbers) lines.push(`  ${tr.t('mail.more_numbers', { count: own.length - listedNumbers })}`)
    }
    lines.push('', tr.t('mail.open_request', { link }))
    if (r.tenantId !== null && fmEmail) lines.push(tr.t('mail.contact_fm', { email: fmEmail }))
    lines.push('', '--', tr.t('mail.footer', { building: building.name }))
    return {
      buildingId: request.buildingId,
      event: `request.${event}`,
      toEmail: r.email,
      locale: r.locale,
      subject: tr.t(`mail.subject.request.${event}` as MessageKey, params),
      body: lines.join('\n'),
      // Per company and address: one person can be the contact of two companies, each with its own numbers.
      dedupeKey: facts.dedupe ? `${facts.dedupe}:${r.tenantId ?? 'fm'}:${r.email}` : null,
    }
  })
  return insertOutboxMail(tx, rows)
}

/**
 * "Port date tomorrow": one reminder per approved or scheduled request whose port date is the day
 * after `today`, to the requester, the tenants moved along and the facility managers. Safe to run
 * as often as you like: each mail is queued once.
 */
export async function queuePortDateReminders({ db, today }: { db: Db; today: IsoDate }) {
  const tomorrow = plusDays(today, 1)
  const due = await listRequestsWithPortDate(db, tomorrow)
  let queued = 0
  for (const r of due) {
    queued += await db.transaction((tx) => queueRequestMails(tx, r.id, 'port_tomorrow', { dedupe: `port-tomorrow:${r.id}:${tomorrow}` }))
  }
  return { requests: due.length, queued }
}
