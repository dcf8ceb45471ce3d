// Deadlines: what a facility manager has to act on, on the dashboard and as a daily digest mail per
// building. What is due is decided in app/domain/deadlines; this loads the facts and delivers them.
import type { Actor } from '#app/domain/actor.ts'
import { daysUntil, deadlineTitle, digestDueToday, dueDeadlines, type Deadline, type ScheduleFacts } from '#app/domain/deadlines.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import { createTranslator, type Translator } from '#app/i18n/index.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { appUrl } from '#app/server/env.server.ts'
import type { HourlyJob } from '#app/server/jobs.server.ts'
import type { Db } from '#db/client.ts'
import { listBuildingsForUser } from '#db/queries/buildings.ts'
import { listDrafts, listManagedBuildings, listOpenRequestDates, listRunningContracts } from '#db/queries/deadlines.ts'
import { insertOutboxMail, listManagerRecipients, type NewOutboxMail } from '#db/queries/outbox.ts'
import { queuePortDateReminders } from './notifications.server.ts'
import { requirePermission } from './scope.server.ts'

/** The facts the deadline rules need, for a set of buildings. */
export async function loadScheduleFacts(db: Db, buildingIds: string[]): Promise<ScheduleFacts> {
  const [contracts, requests, drafts] = await Promise.all([listRunningContracts(db, buildingIds), listOpenRequestDates(db, buildingIds), listDrafts(db, buildingIds)])
  return {
    contracts,
    requests,
    drafts: drafts.map((d) => ({ id: d.id, buildingId: d.buildingId, requesterName: d.requesterName, lastChanged: todayInNetherlands(d.updatedAt) })),
  }
}

/** Where a deadline is dealt with: the contract's edit page or the request's status page. */
export function deadlinePath(d: Deadline): string {
  return d.kind === 'notice' ? `/buildings/${d.buildingId}/contracts/${d.contractId}/edit` : `/buildings/${d.buildingId}/requests/${d.requestId}`
}

/** One deadline as a line of text: "Give notice by 12 May 2026: KPN MC-1". */
export function describeDeadline(t: Translator, d: Deadline): string {
  return t.t('schedule.item', { what: t.t(`schedule.kind.${d.kind}`), date: t.date(d.date), title: deadlineTitle(d) })
}

/** The deadlines of every building the facility manager looks after, soonest first. */
export async function listDeadlines({ db, actor, today }: { db: Db; actor: Actor; today: IsoDate }) {
  requirePermission(actor, 'building:manage')
  const buildings = await listBuildingsForUser(db, actor.id, 'managed')
  const names = new Map(buildings.map((b) => [b.id, b.name]))
  const due = dueDeadlines(await loadScheduleFacts(db, [...names.keys()]), today)
  return due.map((d) => ({ ...d, title: deadlineTitle(d), buildingName: names.get(d.buildingId) ?? '', path: deadlinePath(d), daysLeft: daysUntil(today, d.date) }))
}

/**
 * Queues one digest mail per facility manager for each building whose digest is due today (Mondays,
 * and days a notice deadline reaches a reminder moment; see `digestDueToday`), in the manager's
 * language. Keyed by building, day and address: running it twice on a day mails once.
 */
export async function queueDeadlineDigests({ db, today }: { db: Db; today: IsoDate }) {
  const buildings = await listManagedBuildings(db)
  const due = dueDeadlines(await loadScheduleFacts(db, buildings.map((b) => b.id)), today)
  let queued = 0
  let withDeadlines = 0
  for (const building of buildings) {
    const own = due.filter((d) => d.buildingId === building.id)
    if (!digestDueToday(own, today)) continue
    withDeadlines++
    const managers = await listManagerRecipients(db, building.id)
    const rows: NewOutboxMail[] = managers.map((m) => {
      const locale = m.locale ?? 'nl'
      const t = createTranslator(locale)
      const params = { building: building.name, count: own.length }
      const lines = [t.t('mail.body.deadlines', params), '', ...own.flatMap((d) => [`- ${describeDeadline(t, d)}`, `  ${appUrl()}${deadlinePath(d)}`])]
      lines.push('', '--', t.t('schedule.mail.footer', params))
      return {
        buildingId: building.id,
        event: 'deadlines.digest',
        toEmail: m.email,
        locale,
        subject: t.t('mail.subject.deadlines', params),
        body: lines.join('\n'),
        dedupeKey: `deadlines:${building.id}:${today}:${m.email}`,
      }
    })
    queued += await insertOutboxMail(db, rows)
  }
  return { buildings: withDeadlines, queued }
}

/** The mail the background jobs queue every hour (app/server/jobs.server.ts); each is queued once. */
export const hourlyMailJobs: HourlyJob[] = [
  { name: 'port date reminders', run: queuePortDateReminders },
  { name: 'deadline digests', run: queueDeadlineDigests },
]
