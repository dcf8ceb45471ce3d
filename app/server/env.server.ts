import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { defaultDataDir } from '#db/client.ts'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16, 'SESSION_SECRET must be at least 16 characters').optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  SHOW_DEMO_LOGINS: z.enum(['true', 'false']).optional(),
  /** Where people reach the app; links in mails and the iCal feed URL start with it. */
  APP_URL: z.string().url().optional(),
  /** e.g. `smtp://user:pass@mail.example:587`; without it mail stays in the in-app outbox. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).optional(),
  /** Largest carrier file (inventory or invoice CSV) accepted for import, in MB. */
  IMPORT_MAX_MB: z.coerce.number().positive().max(10_000).default(200),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined
export function env(): Env {
  cached ??= schema.parse(process.env)
  return cached
}

let secret: string | undefined
/**
 * The session-signing secret: SESSION_SECRET, or one generated once and kept beside the embedded
 * database so a fresh machine is secure without configuration.
 */
export function sessionSecret(): string {
  if (secret) return secret
  const configured = env().SESSION_SECRET
  if (configured) return (secret = configured)
  const file = path.join(path.dirname(defaultDataDir()), 'session-secret')
  if (fs.existsSync(file)) return (secret = fs.readFileSync(file, 'utf8').trim())
  fs.mkdirSync(path.dirname(file), { recursive: true })
  secret = randomBytes(32).toString('base64url')
  fs.writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** Demo logins are listed on the login page only in development, or when explicitly enabled. */
export function showDemoLogins(): boolean {
  const e = env()
  if (e.SHOW_DEMO_LOGINS) return e.SHOW_DEMO_LOGINS === 'true'
  return e.NODE_ENV !== 'production' || !e.DATABASE_URL
}

/** The app's public address, without a trailing slash (default: the local server of `npm start`). */
export function appUrl(): string {
  return (env().APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '')
}
