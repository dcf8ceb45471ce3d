import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  date,
  foreignKey,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { buildings } from './buildings.ts'
import { contacts, tenants } from './tenants.ts'

/** A telecom carrier (KPN, Vodafone, ...). Shared by all buildings. */
export const carriers = pgTable(
  'carriers',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
  },
  (t) => [unique('uq_carriers_name').on(t.name)],
)

/** The master contract a building (or one tenant) holds with a carrier; it carries the services. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    carrierId: uuid()
      .notNull()
      .references(() => carriers.id, { onDelete: 'restrict' }),
    contractNumber: text().notNull(),
    /** The tenant that holds the contract; null when the building owner/facility manager holds it. */
    holderTenantId: uuid(),
    /** The contact who signed the contract. */
    signedByContactId: uuid(),
    startDate: date({ mode: 'string' }).notNull(),
    initialTermMonths: integer().notNull(),
    /** Months of each tacit renewal; 0 = continues month to month. */
    renewalTermMonths: integer().notNull().default(0),
    noticeDays: integer().notNull(),
    monthlyFeeCents: bigint({ mode: 'number' }).notNull(),
    /** Share of the remaining monthly fees charged when ending during the initial term. */
    earlyTerminationPct: integer().notNull().default(100),
    /** The day the contract ended because its last service left; null while it runs. */
    endedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_contracts_building_id').on(t.buildingId, t.id),
    unique('uq_contracts_building_carrier_number').on(t.buildingId, t.carrierId, t.contractNumber),
    foreignKey({
      name: 'fk_contracts_holder_tenant',
      columns: [t.buildingId, t.holderTenantId],
      foreignColumns: [tenants.buildingId, tenants.id],
    }),
    foreignKey({
      name: 'fk_contracts_signed_by',
      columns: [t.buildingId, t.signedByContactId],
      foreignColumns: [contacts.buildingId, contacts.id],
    }),
    check('ck_contracts_number', sql`length(trim(${t.contractNumber})) > 0`),
    check('ck_contracts_initial_term', sql`${t.initialTermMonths} between 1 and 240`),
    check('ck_contracts_renewal_term', sql`${t.renewalTermMonths} between 0 and 120`),
    check('ck_contracts_notice', sql`${t.noticeDays} between 0 and 730`),
    check('ck_contracts_fee', sql`${t.monthlyFeeCents} >= 0`),
    check('ck_contracts_etf_pct', sql`${t.earlyTerminationPct} between 0 and 100`),
    check('ck_contracts_start', sql`${t.startDate} >= date '1980-01-01'`),
  ],
)

export type Carrier = typeof carriers.$inferSelect
export type Contract = typeof contracts.$inferSelect
