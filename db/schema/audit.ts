import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { auditAction } from './enums.ts'

/**
 * Append-only record of every change: who, when, what, before/after.
 * A trigger (custom migration) refuses UPDATE and DELETE. No foreign keys, so history
 * outlives the rows it describes.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    /** The actor's e-mail at the time, kept readable after the user is gone. */
    actorEmail: text().notNull(),
    buildingId: uuid(),
    /** Table-like name of what changed: building, tenant, number, ... */
    entityType: text().notNull(),
    entityId: text(),
    action: auditAction().notNull(),
    /** One line for humans, e.g. "allocated 10 numbers to Acme BV". */
    summary: text().notNull().default(''),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index('ix_audit_log_building_at').on(t.buildingId, t.at), index('ix_audit_log_entity').on(t.entityType, t.entityId)],
)

export type AuditEntry = typeof auditLog.$inferSelect
