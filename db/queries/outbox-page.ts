// The in-app outbox page's reads and its "retry now"; the worker's queries are in outbox.ts.
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { outbox } from '../schema/outbox.ts'

export async function countOutbox(db: Db, buildingId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(outbox).where(eq(outbox.buildingId, buildingId))
  return row?.n ?? 0
}

export async function getOutboxMail(db: Db, params: { buildingId: string; id: string }) {
  const [row] = await db
    .select({ id: outbox.id, toEmail: outbox.toEmail, subject: outbox.subject, status: outbox.status, attempts: outbox.attempts })
    .from(outbox)
    .where(and(eq(outbox.buildingId, params.buildingId), eq(outbox.id, params.id)))
  return row ?? null
}

/** Puts a failed mail back in the queue, due at `at`; null when it is not (or no longer) failed. */
export async function requeueFailedMail(db: Db, params: { buildingId: string; id: string; at: Date }) {
  const [row] = await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: params.at })
    .where(and(eq(outbox.buildingId, params.buildingId), eq(outbox.id, params.id), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id, toEmail: outbox.toEmail, subject: outbox.subject, attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt })
  return row ?? null
}
