import { sql } from 'drizzle-orm'
import { check, date, foreignKey, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { buildings } from './buildings.ts'
import { contactRole, locale } from './enums.ts'

/** A company renting space in the building; it may hold numbers on the shared contract. */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    legalName: text().notNull(),
    /** Chamber of Commerce registration (KvK-nummer), eight digits. */
    kvkNumber: text().notNull(),
    unit: text().notNull().default(''),
    moveIn: date({ mode: 'string' }).notNull(),
    moveOut: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_tenants_building_id').on(t.buildingId, t.id),
    unique('uq_tenants_building_kvk').on(t.buildingId, t.kvkNumber),
    check('ck_tenants_kvk', sql`${t.kvkNumber} ~ '^[0-9]{8}$'`),
    check('ck_tenants_name', sql`length(trim(${t.legalName})) > 0`),
    check('ck_tenants_move_out', sql`${t.moveOut} is null or ${t.moveOut} >= ${t.moveIn}`),
  ],
)

/** A person to call or write: belongs to one tenant, or to the building itself when tenant_id is null. */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    tenantId: uuid(),
    name: text().notNull(),
    email: text().notNull(),
    /** E.164, optional. */
    phone: text(),
    roles: contactRole().array().notNull().default(sql`'{}'`),
    /** Language letters and mails to this person are written in. */
    locale: locale().notNull().default('nl'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_contacts_building_id').on(t.buildingId, t.id),
    foreignKey({
      name: 'fk_contacts_tenant',
      columns: [t.buildingId, t.tenantId],
      foreignColumns: [tenants.buildingId, tenants.id],
    }).onDelete('cascade'),
    index('ix_contacts_tenant').on(t.tenantId),
    check('ck_contacts_name', sql`length(trim(${t.name})) > 0`),
    check('ck_contacts_email', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`),
    check('ck_contacts_phone', sql`${t.phone} is null or ${t.phone} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
)

export type Tenant = typeof tenants.$inferSelect
export type Contact = typeof contacts.$inferSelect
