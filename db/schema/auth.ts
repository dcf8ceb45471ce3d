import { sql } from 'drizzle-orm'
import { boolean, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { buildings } from './buildings.ts'
import { locale, userRole } from './enums.ts'
import { tenants } from './tenants.ts'

/** A person who logs in: facility manager, tenant user (bound to one tenant) or sales user. */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored lower-case; unique. */
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: userRole().notNull(),
    /** The tenant company a tenant user acts for; null for the other roles. */
    tenantId: uuid().references(() => tenants.id, { onDelete: 'cascade' }),
    locale: locale(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('uq_users_email').on(t.email),
    check('ck_users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('ck_users_tenant_binding', sql`(${t.role} = 'tenant') = (${t.tenantId} is not null)`),
  ],
)

/** Buildings a facility manager administers. */
export const buildingManagers = pgTable(
  'building_managers',
  {
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'pk_building_managers', columns: [t.buildingId, t.userId] })],
)

/**
 * A building shared with a sales user. Without a prospect the sales user sees counts only; with a
 * prospect tenant (named by the facility manager, or by that tenant for itself) the sales user sees
 * the prospect's own numbers and services in full and every other tenant anonymised.
 */
export const buildingShares = pgTable(
  'building_shares',
  {
    buildingId: uuid()
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sharedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** The tenant the sales user hopes to win; null = counts only. */
    prospectTenantId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'pk_building_shares', columns: [t.buildingId, t.userId] }),
    foreignKey({
      name: 'fk_building_shares_prospect',
      columns: [t.buildingId, t.prospectTenantId],
      foreignColumns: [tenants.buildingId, tenants.id],
    }).onDelete('cascade'),
  ],
)

/**
 * A personal API token. The secret is shown once; only its SHA-256 is stored. A token acts as its
 * user with the same scope as the UI.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What the user calls the token, e.g. "CRM sync". */
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** The first characters of the secret, shown in lists to recognise a token. */
    prefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('uq_api_tokens_token_hash').on(t.tokenHash),
    index('ix_api_tokens_user').on(t.userId),
    check('ck_api_tokens_name', sql`length(trim(${t.name})) between 1 and 100`),
  ],
)

/** A logged-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique('uq_sessions_token_hash'),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ix_sessions_user').on(t.userId)],
)

/** Every login attempt, for throttling. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ix_login_attempts_email_at').on(t.email, t.at), index('ix_login_attempts_ip_at').on(t.ip, t.at)],
)

export type User = typeof users.$inferSelect
