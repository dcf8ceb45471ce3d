import type { MessageKey } from '#app/i18n/index.ts'
import { ValidationError } from '#app/server/errors.server.ts'

interface PgErrorLike {
  code?: string
  constraint?: string
  constraint_name?: string
}

/** Finds the PostgreSQL error under drizzle's wrapper (postgres.js and PGlite name fields differently). */
export function pgError(error: unknown): { code: string; constraint: string | undefined } | null {
  let e: unknown = error
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const candidate = e as PgErrorLike & { cause?: unknown }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: candidate.constraint ?? candidate.constraint_name }
    }
    e = candidate.cause
  }
  return null
}

/** Constraint name → the field it is about and the message the user reads. */
const constraintMessages: Record<string, [field: string, key: MessageKey]> = {
  ck_buildings_postcode: ['postcode', 'postcode.invalid'],
  ck_tenants_kvk: ['kvkNumber', 'kvk.invalid'],
  uq_tenants_building_kvk: ['kvkNumber', 'kvk.taken'],
  ex_number_ranges_no_overlap: ['range', 'range.overlap'],
  uq_numbers_building_e164: ['range', 'range.overlap'],
}

/** Registers the messages of constraints owned by a feature module. */
export function registerConstraintMessages(entries: Record<string, [field: string, key: MessageKey]>): void {
  Object.assign(constraintMessages, entries)
}

/**
 * Turns a violated database invariant into a field-level ValidationError; anything else is rethrown.
 * The transaction has been rolled back by then, so nothing changed.
 */
export function rethrowAsValidation(error: unknown): never {
  const pg = pgError(error)
  if (pg && pg.constraint && pg.code.startsWith('23')) {
    const known = constraintMessages[pg.constraint]
    if (known) throw new ValidationError({ [known[0]]: known[1] })
  }
  throw error
}
