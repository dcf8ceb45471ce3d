import { and, asc, desc, eq, lte, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { outbox } from '../schema/outbox.ts'

export type NewOutboxMail = typeof outbox.$inferInsert

export async function insertOutboxMail(db: Db, rows: NewOutboxMail[]) {
  if (rows.length > 0) await db.insert(outbox).values(rows)
}

/** Due pending mail, locked for this transaction; rows another worker holds are skipped. */
export async function claimDueMail(db: Db, now: Date, limit: number) {
  return db
    .select({ id: outbox.id, toEmail: outbox.toEmail, subject: outbox.subject, body: outbox.body, attempts: outbox.attempts })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true })
}

export async function markMailSent(db: Db, id: string, at: Date) {
  await db.update(outbox).set({ status: 'sent', sentAt: at, attempts: sql`${outbox.attempts} + 1`, lastError: null }).where(eq(outbox.id, id))
}

export async function markMailAttemptFailed(db: Db, id: string, values: { attempts: number; nextAttemptAt: Date; lastError: string; status: 'pending' | 'failed' }) {
  await db.update(outbox).set(values).where(eq(outbox.id, id))
}

export async function listOutbox(db: Db, params: { buildingId: string; limit: number; offset: number }) {
  return db
    .select({
      id: outbox.id,
      event: outbox.event,
      toEmail: outbox.toEmail,
      subject: outbox.subject,
      body: outbox.body,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.buildingId, params.buildingId))
    .orderBy(desc(outbox.createdAt))
    .limit(params.limit)
    .offset(params.offset)
}
