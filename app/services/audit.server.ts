import type { AuditAction } from '#app/domain/enums.ts'
import type { Db } from '#db/client.ts'
import { insertAuditEntries } from '#db/queries/audit.ts'
import type { Actor } from '#app/domain/actor.ts'

export interface AuditRecord {
  buildingId: string | null
  entityType: string
  entityId: string | null
  action: AuditAction
  summary: string
  before?: unknown
  after?: unknown
}

/** Writes audit entries inside the caller's transaction, so a change and its record commit together. */
/** `actor.id` is null when the user behind a background step no longer exists. */
export async function recordAudit(tx: Db, actor: { id: Actor['id'] | null; email: Actor['email'] }, ...records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return
  await insertAuditEntries(
    tx,
    records.map((r) => ({
      actorUserId: actor.id,
      actorEmail: actor.email,
      buildingId: r.buildingId,
      entityType: r.entityType,
      entityId: r.entityId,
      action: r.action,
      summary: r.summary,
      before: jsonSafe(r.before),
      after: jsonSafe(r.after),
    })),
  )
}

function jsonSafe(value: unknown): unknown {
  if (value === undefined) return null
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'passwordHash' ? '[redacted]' : v)))
}
