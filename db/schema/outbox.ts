import { sql } from 'drizzle-orm'
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { buildings } from './buildings.ts'
import { locale } from './enums.ts'

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed'])

/**
 * Mail to send, written in the same transaction as the change it tells about, so no event is lost.
 * A worker delivers due rows over SMTP and retries with backoff; without SMTP configured the mail
 * stays here and the facility manager reads it in the app.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    buildingId: uuid().references(() => buildings.id, { onDelete: 'cascade' }),
    /** What happened, e.g. `request.submitted`. */
    event: text().notNull(),
    toEmail: text().notNull(),
    locale: locale().notNull().default('nl'),
    subject: text().notNull(),
    body: text().notNull(),
    status: outboxStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** Not before this moment (backoff after a failed attempt). */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    /** Reminders carry a key (e.g. `port-tomorrow:<request>:<address>`) so a job run twice mails once. */
    dedupeKey: text(),
  },
  (t) => [
    index('ix_outbox_due').on(t.status, t.nextAttemptAt),
    index('ix_outbox_building_created').on(t.buildingId, t.createdAt),
    uniqueIndex('uq_outbox_dedupe_key').on(t.dedupeKey),
    check('ck_outbox_attempts', sql`${t.attempts} >= 0`),
  ],
)
