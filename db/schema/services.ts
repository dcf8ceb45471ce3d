import { sql } from 'drizzle-orm'
import { check, date, foreignKey, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { buildings } from './buildings.ts'
import { contracts } from './contracts.ts'
import { criticalUse, serviceKind } from './enums.ts'
import { tenants } from './tenants.ts'

/** A line or access under a master contract: copper (WLR), ISDN, SIP trunk, hosted voice or data. */
export const services = pgTable(
  'services',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    contractId: uuid().notNull(),
    kind: serviceKind().notNull(),
    /** The carrier's own identifier of the line or access (line id, trunk id, circuit id). */
    carrierRef: text().notNull(),
    /**
     * The main number (hoofdnummer), E.164; must be a number on this service.
     * The composite FK to numbers(service_id, e164) lives in a custom migration.
     */
    mainNumber: text(),
    /** Set when only one tenant uses this service. */
    dedicatedTenantId: uuid(),
    /** Set when the service carries a safety or payment function (lift alarm, fire alarm, ...). */
    criticalUse: criticalUse(),
    /** The day the service left the contract (moved to another provider); null while it runs. */
    endedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_services_building_id').on(t.buildingId, t.id),
    unique('uq_services_building_carrier_ref').on(t.buildingId, t.carrierRef),
    foreignKey({
      name: 'fk_services_contract',
      columns: [t.buildingId, t.contractId],
      foreignColumns: [contracts.buildingId, contracts.id],
    }),
    foreignKey({
      name: 'fk_services_dedicated_tenant',
      columns: [t.buildingId, t.dedicatedTenantId],
      foreignColumns: [tenants.buildingId, tenants.id],
    }),
    index('ix_services_contract').on(t.contractId),
    check('ck_services_carrier_ref', sql`length(trim(${t.carrierRef})) > 0`),
    check(
      'ck_services_data_no_main_number',
      sql`${t.kind} not in ('fiber', 'dsl', 'ethernet') or ${t.mainNumber} is null`,
    ),
  ],
)

export type Service = typeof services.$inferSelect
