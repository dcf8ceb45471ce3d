import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { buildings } from './buildings.ts'
import { numberStatus, numberUse } from './enums.ts'
import { services } from './services.ts'
import { tenants } from './tenants.ts'

/**
 * A block of consecutive numbers as entered (a single number is a block of one).
 * An exclusion constraint (custom migration) keeps blocks of one building from overlapping.
 */
export const numberRanges = pgTable(
  'number_ranges',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    serviceId: uuid().notNull(),
    /** First number, E.164. */
    firstE164: text().notNull(),
    /** The digits of the first number as an integer, for overlap checks. */
    firstValue: bigint({ mode: 'number' }).notNull(),
    count: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_number_ranges_building_id').on(t.buildingId, t.id),
    foreignKey({
      name: 'fk_number_ranges_service',
      columns: [t.buildingId, t.serviceId],
      foreignColumns: [services.buildingId, services.id],
    }).onDelete('cascade'),
    check('ck_number_ranges_count', sql`${t.count} between 1 and 10000`),
    check('ck_number_ranges_first', sql`${t.firstE164} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
)

/** One telephone number in the building's inventory. */
export const numbers = pgTable(
  'numbers',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    rangeId: uuid().notNull(),
    /** The service (line, trunk) that carries the number. */
    serviceId: uuid().notNull(),
    e164: text().notNull(),
    /** The tenant currently holding the number; null = unallocated. History in number_allocations. */
    tenantId: uuid(),
    /** Whether anyone is billed for the number (carriers keep unbilled numbers "active"). */
    billed: boolean().notNull().default(true),
    use: numberUse().notNull().default('tenant'),
    status: numberStatus().notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_numbers_building_e164').on(t.buildingId, t.e164),
    unique('uq_numbers_building_id').on(t.buildingId, t.id),
    unique('uq_numbers_service_e164').on(t.serviceId, t.e164),
    foreignKey({
      name: 'fk_numbers_range',
      columns: [t.buildingId, t.rangeId],
      foreignColumns: [numberRanges.buildingId, numberRanges.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'fk_numbers_service',
      columns: [t.buildingId, t.serviceId],
      foreignColumns: [services.buildingId, services.id],
    }),
    foreignKey({
      name: 'fk_numbers_tenant',
      columns: [t.buildingId, t.tenantId],
      foreignColumns: [tenants.buildingId, tenants.id],
    }),
    index('ix_numbers_service').on(t.serviceId),
    index('ix_numbers_tenant').on(t.tenantId),
    index('ix_numbers_range').on(t.rangeId),
    check('ck_numbers_e164', sql`${t.e164} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
)

/**
 * Who held a number when. valid_to null = still held. An exclusion constraint (custom migration)
 * forbids two overlapping holdings of one number.
 */
export const numberAllocations = pgTable(
  'number_allocations',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    numberId: uuid().notNull(),
    tenantId: uuid().notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: 'fk_number_allocations_number',
      columns: [t.buildingId, t.numberId],
      foreignColumns: [numbers.buildingId, numbers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'fk_number_allocations_tenant',
      columns: [t.buildingId, t.tenantId],
      foreignColumns: [tenants.buildingId, tenants.id],
    }).onDelete('cascade'),
    index('ix_number_allocations_number').on(t.numberId),
    index('ix_number_allocations_tenant').on(t.tenantId),
    check('ck_number_allocations_period', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
)

export type NumberRange = typeof numberRanges.$inferSelect
export type PhoneNumber = typeof numbers.$inferSelect
export type NumberAllocation = typeof numberAllocations.$inferSelect
