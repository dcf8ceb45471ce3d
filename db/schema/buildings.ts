import { sql } from 'drizzle-orm'
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** A multi-tenant business building (bedrijfsverzamelgebouw) administered in Sharedline. */
export const buildings = pgTable(
  'buildings',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    street: text().notNull(),
    /** Dutch postcode, stored normalised as `1234 AB`. */
    postcode: text().notNull(),
    city: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ck_buildings_postcode', sql`${t.postcode} ~ '^[1-9][0-9]{3} [A-Z]{2}$'`),
    check('ck_buildings_name', sql`length(trim(${t.name})) > 0`),
  ],
)

export type Building = typeof buildings.$inferSelect
