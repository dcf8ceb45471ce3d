import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm'
import { batches } from '../batches.ts'
import type { Db } from '../client.ts'
import { auditLog } from '../schema/audit.ts'

export type NewAuditEntry = typeof auditLog.$inferInsert

/** Writes entries in batches, so recording one entry per number of a 20,000-number port stays under the parameter limit. */
export async function insertAuditEntries(db: Db, entries: NewAuditEntry[]): Promise<void> {
  for (const batch of batches(entries)) await db.insert(auditLog).values(batch)
}

export interface AuditFilter {
  buildingId: string
  entityType?: string
  action?: string
  actor?: string
  /** ISO dates, inclusive from, exclusive to. */
  from?: string
  to?: string
  text?: string
}

function auditWhere(f: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(auditLog.buildingId, f.buildingId)]
  if (f.entityType) parts.push(eq(auditLog.entityType, f.entityType))
  if (f.action) parts.push(eq(auditLog.action, f.action as NewAuditEntry['action']))
  if (f.actor) parts.push(ilike(auditLog.actorEmail, `%${escapeLike(f.actor)}%`))
  if (f.from) parts.push(gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)))
  if (f.to) parts.push(lt(auditLog.at, new Date(`${f.to}T00:00:00Z`)))
  if (f.text) parts.push(or(ilike(auditLog.summary, `%${escapeLike(f.text)}%`), eq(auditLog.entityId, f.text)))
  return and(...parts)
}

export async function listAuditEntries(db: Db, f: AuditFilter, page: { limit: number; offset: number }) {
  const where = auditWhere(f)
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorEmail: auditLog.actorEmail,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        action: auditLog.action,
        summary: auditLog.summary,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(auditLog).where(where),
  ])
  return { rows, total: total?.n ?? 0 }
}

export async function listAuditEntityTypes(db: Db, buildingId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ entityType: auditLog.entityType })
    .from(auditLog)
    .where(eq(auditLog.buildingId, buildingId))
    .orderBy(auditLog.entityType)
  return rows.map((r) => r.entityType)
}

/** Escapes % and _ so user text matches literally in LIKE. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
