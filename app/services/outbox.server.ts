// The in-app outbox: every mail queued for a building, with its delivery state. Without SMTP_URL this
// is where mail stays; with it, a facility manager sees what went out, what waits and what failed,
// and puts a failed mail back in the queue.
import type { Actor } from '#app/domain/actor.ts'
import { env } from '#app/server/env.server.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { maxMailAttempts } from '#app/server/mail.server.ts'
import type { Db } from '#db/client.ts'
import { countOutbox, getOutboxMail, listOutbox, requeueFailedMail } from '#db/queries/outbox.ts'
import { recordAudit } from './audit.server.ts'
import { pageFromUrl } from './pagination.ts'
import { requireManagedBuilding, requireUuid } from './scope.server.ts'

export const outboxPageSize = 25

/** The building's mail, newest first, a page at a time, and whether mail is delivered at all. */
export async function listBuildingOutbox({ db, actor, buildingId, url }: { db: Db; actor: Actor; buildingId: string; url: URL }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const page = pageFromUrl(url, outboxPageSize)
  const [rows, total] = await Promise.all([listOutbox(db, { buildingId, limit: page.limit, offset: page.offset }), countOutbox(db, buildingId)])
  return {
    building: { id: building.id, name: building.name },
    smtpConfigured: Boolean(env().SMTP_URL),
    maxAttempts: maxMailAttempts,
    page: page.page,
    pageSize: page.pageSize,
    total,
    mails: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
  }
}

/**
 * Puts a failed mail back in the queue, due now: the worker makes one more attempt at its next
 * round (and marks it failed again if that fails too). Audited.
 */
export async function retryOutboxMail({ db, actor, buildingId, mailId, now = new Date() }: { db: Db; actor: Actor; buildingId: string; mailId: string; now?: Date }) {
  await requireManagedBuilding(db, actor, buildingId)
  const id = requireUuid(mailId, 'mail')
  return db.transaction(async (tx) => {
    const mail = await requeueFailedMail(tx, { buildingId, id, at: now })
    if (!mail) {
      if (!(await getOutboxMail(tx, { buildingId, id }))) throw new NotFoundError('mail')
      throw new ValidationError({ _form: 'schedule.outbox.notFailed' })
    }
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'outbox_mail',
      entityId: id,
      action: 'update',
      summary: `mail "${mail.subject}" to ${mail.toEmail} queued again after ${mail.attempts} failed attempts`,
      before: { status: 'failed', attempts: mail.attempts, lastError: mail.lastError },
      after: { status: 'pending', nextAttemptAt: mail.nextAttemptAt },
    })
    return mail
  })
}
