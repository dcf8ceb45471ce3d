import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { buildingManagers, users } from '../schema/auth.ts'
import { outbox } from '../schema/outbox.ts'
import { contacts, tenants } from '../schema/tenants.ts'

export type NewOutboxMail = typeof outbox.$inferInsert

/** Queues mail; a row whose `dedupeKey` was queued before is skipped (a reminder job run twice mails once). */
export async function insertOutboxMail(db: Db, rows: NewOutboxMail[]): Promise<number> {
  if (rows.length === 0) return 0
  const inserted = await db.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.dedupeKey }).returning({ id: outbox.id })
  return inserted.length
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

/** Claimed mail is not due again until `until`: no other worker takes it while this one sends. */
export async function leaseMail(db: Db, ids: string[], until: Date) {
  if (ids.length > 0) await db.update(outbox).set({ nextAttemptAt: until }).where(inArray(outbox.id, ids))
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

/** The facility managers of a building, as mail recipients. */
export async function listManagerRecipients(db: Db, buildingId: string) {
  return db
    .select({ email: users.email, locale: users.locale })
    .from(buildingManagers)
    .innerJoin(users, eq(users.id, buildingManagers.userId))
    .where(eq(buildingManagers.buildingId, buildingId))
    .orderBy(asc(users.email))
}

/**
 * The contacts a tenant is mailed at: its primary contacts, or all its contacts when none is marked
 * primary. Each in the language the contact reads.
 */
export async function listTenantRecipients(db: Db, buildingId: string, tenantIds: string[]) {
  if (tenantIds.length === 0) return []
  const rows = await db
    .select({ tenantId: contacts.tenantId, email: contacts.email, locale: contacts.locale, roles: contacts.roles, tenantName: tenants.legalName })
    .from(contacts)
    .innerJoin(tenants, and(eq(tenants.buildingId, contacts.buildingId), eq(tenants.id, contacts.tenantId)))
    .where(and(eq(contacts.buildingId, buildingId), inArray(contacts.tenantId, tenantIds)))
    .orderBy(asc(contacts.email))
  return rows.filter((r) => r.roles.includes('primary') || !rows.some((o) => o.tenantId === r.tenantId && o.roles.includes('primary')))
}


// The in-app outbox page: its count and "retry now".

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
