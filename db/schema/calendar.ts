import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { buildings } from './buildings.ts'

/**
 * A building's iCal feed (notice deadlines, port dates, installation dates). The URL carries a secret
 * token; only its SHA-256 is kept. Revoking sets `revoked_at`, after which the URL answers 404.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('uq_calendar_feeds_token_hash').on(t.tokenHash), index('ix_calendar_feeds_building').on(t.buildingId)],
)
