import { sql } from 'drizzle-orm'
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { buildings } from './buildings.ts'
import { consentState, requestState } from './enums.ts'
import { numbers } from './numbers.ts'
import { tenants } from './tenants.ts'

/**
 * A tenant's request to move numbers (and data lines) to another provider, from draft to completion.
 * `request` is the request file (ids of this building); `snapshot` the impact report at submission.
 */
export const migrationRequests = pgTable(
  'migration_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    /** The requesting tenant. */
    tenantId: uuid().notNull(),
    state: requestState().notNull().default('draft'),
    request: jsonb().notNull(),
    /** The full impact report computed when the request was submitted. */
    snapshot: jsonb(),
    /** Optimistic concurrency: every change increments it; a change based on an older version is refused. */
    version: integer().notNull().default(1),
    /** The requester confirmed the new line is installed before the numbers port (both run, and are paid, in between). */
    installBeforePortAcknowledged: boolean().notNull().default(false),
    /** The key of the form that created the draft: the same form sent twice creates one draft. */
    clientKey: uuid(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_migration_requests_building_id').on(t.buildingId, t.id),
    unique('uq_migration_requests_building_client_key').on(t.buildingId, t.clientKey),
    foreignKey({ name: 'fk_migration_requests_tenant', columns: [t.buildingId, t.tenantId], foreignColumns: [tenants.buildingId, tenants.id] }).onDelete('cascade'),
    index('ix_migration_requests_building_state').on(t.buildingId, t.state),
    check('ck_migration_requests_version', sql`${t.version} >= 1`),
  ],
)

/**
 * A number held by an open request (submitted until it ends). The unique key on (building, number)
 * is what makes double booking impossible: a second open request on the same number cannot insert it.
 */
export const requestNumbers = pgTable(
  'request_numbers',
  {
    buildingId: uuid().notNull(),
    requestId: uuid().notNull(),
    numberId: uuid().notNull(),
    e164: text().notNull(),
  },
  (t) => [
    unique('uq_request_numbers_building_number').on(t.buildingId, t.numberId),
    foreignKey({ name: 'fk_request_numbers_request', columns: [t.buildingId, t.requestId], foreignColumns: [migrationRequests.buildingId, migrationRequests.id] }).onDelete('cascade'),
    foreignKey({ name: 'fk_request_numbers_number', columns: [t.buildingId, t.numberId], foreignColumns: [numbers.buildingId, numbers.id] }).onDelete('cascade'),
    index('ix_request_numbers_request').on(t.requestId),
  ],
)

/** A dragged tenant's consent task; answered by one of its users or by the facility manager on its behalf. */
export const consentTasks = pgTable(
  'consent_tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid().notNull(),
    requestId: uuid().notNull(),
    tenantId: uuid().notNull(),
    state: consentState().notNull().default('pending'),
    answeredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Answered by the facility manager on the tenant's behalf. */
    onBehalf: boolean().notNull().default(false),
    reason: text(),
    answeredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_consent_tasks_request_tenant').on(t.requestId, t.tenantId),
    foreignKey({ name: 'fk_consent_tasks_request', columns: [t.buildingId, t.requestId], foreignColumns: [migrationRequests.buildingId, migrationRequests.id] }).onDelete('cascade'),
    foreignKey({ name: 'fk_consent_tasks_tenant', columns: [t.buildingId, t.tenantId], foreignColumns: [tenants.buildingId, tenants.id] }).onDelete('cascade'),
  ],
)

/** The request's public timeline: every transition with who, when and why. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Order of writing: steps taken in one transaction share their `at`, yet keep their order. */
    seq: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    buildingId: uuid().notNull(),
    requestId: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Lifecycle action (`submit`, `approve`, …) or event (`consent_given`, …). */
    action: text().notNull(),
    fromState: requestState(),
    toState: requestState(),
    reason: text(),
  },
  (t) => [
    foreignKey({ name: 'fk_request_events_request', columns: [t.buildingId, t.requestId], foreignColumns: [migrationRequests.buildingId, migrationRequests.id] }).onDelete('cascade'),
    index('ix_request_events_request_at').on(t.requestId, t.at),
  ],
)

export type MigrationRequestRow = typeof migrationRequests.$inferSelect
