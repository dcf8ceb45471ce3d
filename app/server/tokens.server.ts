import { createHash, randomBytes } from 'node:crypto'

/** A random secret for a session cookie or a link; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Personal API tokens: `sl_` and 43 base64url characters (256 random bits). */
const apiTokenPattern = /^sl_[A-Za-z0-9_-]{43}$/

export function newApiToken(): { secret: string; prefix: string } {
  const secret = `sl_${newToken()}`
  return { secret, prefix: secret.slice(0, 11) }
}

/** Cheap shape check before any lookup, so garbage never reaches the database. */
export function looksLikeApiToken(value: string): boolean {
  return apiTokenPattern.test(value)
}
