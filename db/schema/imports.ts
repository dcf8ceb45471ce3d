import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { importKinds } from '#app/domain/imports/types.ts'
import { importStates, openImportStates } from '#app/domain/imports/jobs.ts'
import { buildings } from './buildings.ts'
import { carriers } from './contracts.ts'
import { numberStatus } from './enums.ts'

export const importKind = pgEnum('import_kind', importKinds)
export const importState = pgEnum('import_state', importStates)

/** How a carrier's export of one kind is laid out: saved when a facility manager maps its columns. */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid().primaryKey().defaultRandom(),
    carrierId: uuid()
      .notNull()
      .references(() => carriers.id, { onDelete: 'cascade' }),
    kind: importKind().notNull(),
    /** Delimiter, encoding, header row (FileFormat). */
    format: jsonb().notNull(),
    /** The column names of the file the mapping was made on; a file with other names gets a guess instead. */
    headers: jsonb().notNull(),
    /** Field → column index (ColumnMapping). */
    mapping: jsonb().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('uq_import_mappings_carrier_kind').on(t.carrierId, t.kind)],
)

/** One carrier file being imported into a building: its stored file, mapping, progress and dry run. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    kind: importKind().notNull(),
    carrierId: uuid().references(() => carriers.id, { onDelete: 'set null' }),
    fileName: text().notNull(),
    fileBytes: bigint({ mode: 'number' }).notNull(),
    /** Name of the stored upload in the import folder (never a path from the user). */
    storedFile: text().notNull(),
    format: jsonb().notNull(),
    headers: jsonb().notNull(),
    /** The first records of the file, shown on the mapping step. */
    preview: jsonb().notNull(),
    mapping: jsonb(),
    state: importState().notNull().default('mapping'),
    /** Inventory: numbers the file does not name are marked disconnected on apply. */
    markMissing: boolean().notNull().default(true),
    /** The user chose to apply without the rows that could not be read. */
    excludeBadRows: boolean().notNull().default(false),
    rowsDone: integer().notNull().default(0),
    bytesDone: bigint({ mode: 'number' }).notNull().default(0),
    badRows: integer().notNull().default(0),
    phaseStartedAt: timestamp({ withTimezone: true }),
    /** A worker owns the job until then; a worker that died lets it lapse and the job runs again. */
    leaseUntil: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    /** The dry run (DryRun), then after apply what was changed. */
    summary: jsonb(),
    error: text(),
    createdBy: uuid(),
    createdByEmail: text().notNull(),
    /** Who asked for the apply: the audit entry of the merge names them. */
    appliedBy: uuid(),
    appliedByEmail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('ix_import_jobs_building_created').on(t.buildingId, t.createdAt),
    index('ix_import_jobs_working').on(t.state, t.leaseUntil),
    // One open import per building: a second one is refused until the first is applied or cancelled.
    uniqueIndex('uq_import_jobs_one_open_per_building')
      .on(t.buildingId)
      .where(sql.raw(`state in (${openImportStates.map((s) => `'${s}'`).join(', ')})`)),
    check('ck_import_jobs_progress', sql`${t.rowsDone} >= 0 and ${t.bytesDone} >= 0 and ${t.badRows} >= 0`),
  ],
)

/**
 * Staging: the rows of a carrier file, read and normalised, one per number (blocks expanded) or per
 * service-only invoice line. Loaded with COPY. Logged on purpose: after a crash PostgreSQL empties an
 * unlogged table, and an import waiting to be applied would then merge an empty file. No foreign
 * key and no index on purpose: a million-row COPY would otherwise run a key check and an index insert
 * per row, and the set-based checks and merge read it whole with hash joins. The app deletes a job's
 * rows when the job ends (and orphans of deleted buildings in its hourly round).
 */
export const importRows = pgTable('import_rows', {
  jobId: uuid().notNull(),
  /** Line of the file the row came from (1 = first line, header included). */
  line: integer().notNull(),
  e164: text(),
  serviceRef: text(),
  status: numberStatus(),
  /** Invoice: the line's amount, on the row of its first number only. */
  amountCents: bigint({ mode: 'number' }),
  description: text(),
  /**
   * Set when the line is in the error report: the row is left out of the merge, but its number still
   * counts as named by the file (a typo in a status must not get the number marked missing).
   */
  problem: text(),
})

/** Rows of a carrier file that could not be read: the downloadable error report. */
export const importErrors = pgTable(
  'import_errors',
  {
    jobId: uuid()
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    line: integer().notNull(),
    /** RowProblem message key, or `row.duplicate`. */
    problem: text().notNull(),
    detail: text().notNull().default(''),
    /** The record as read, cells joined by the file's delimiter. */
    raw: text().notNull().default(''),
  },
  (t) => [index('ix_import_errors_job_line').on(t.jobId, t.line)],
)

/**
 * What an applied import changed, number by number: the detail behind its audit entry. Like the audit
 * log it has no foreign key: a first load writes a million rows, and a key check per row doubled the
 * time of that insert. Deleting a building deletes its rows explicitly.
 */
export const importChanges = pgTable(
  'import_changes',
  {
    jobId: uuid().notNull(),
    buildingId: uuid().notNull(),
    e164: text().notNull(),
    /** new, serviceChanged, statusChanged, missing, nowBilled, nowUnbilled */
    change: text().notNull(),
    before: text(),
    after: text(),
  },
  (t) => [index('ix_import_changes_job').on(t.jobId)],
)

/**
 * The lines of the building's applied invoices, per number (blocks expanded) or per service: what the
 * reconciliation compares with the inventory. Only the latest applied invoice of a building counts.
 */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    jobId: uuid()
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    line: integer().notNull(),
    e164: text(),
    serviceRef: text(),
    amountCents: bigint({ mode: 'number' }),
    description: text(),
  },
  (t) => [index('ix_invoice_lines_building_e164').on(t.buildingId, t.e164), index('ix_invoice_lines_job').on(t.jobId)],
)

export type ImportJob = typeof importJobs.$inferSelect
export type ImportMapping = typeof importMappings.$inferSelect

/**
 * A difference the facility manager has put to the carrier (reconciliation action "flag for the
 * carrier"): a number or a service to be checked on the carrier's side. Open until resolved.
 */
export const carrierFlags = pgTable(
  'carrier_flags',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    /** The reconciliation category the difference was found in. */
    category: text().notNull(),
    e164: text(),
    serviceRef: text(),
    note: text().notNull().default(''),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('ix_carrier_flags_building').on(t.buildingId),
    uniqueIndex('uq_carrier_flags_open').on(t.buildingId, t.category, sql`coalesce(${t.e164}, '')`, sql`coalesce(${t.serviceRef}, '')`).where(sql`resolved_at is null`),
    check('ck_carrier_flags_subject', sql`${t.e164} is not null or ${t.serviceRef} is not null`),
  ],
)
