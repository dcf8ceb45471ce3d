import { createCookie, data, redirect } from 'react-router'
import type { Actor } from '#app/domain/actor.ts'
import { getSessionUser } from '#db/queries/users.ts'
import { hashToken } from './tokens.server.ts'
import { hasPermission, type Permission } from '#app/domain/permissions.ts'
import { getDb } from './db.server.ts'
import { env, sessionSecret } from './env.server.ts'

export const sessionDays = 7

let cookie: ReturnType<typeof createCookie> | undefined
function sessionCookie() {
  cookie ??= createCookie('sl_session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: env().COOKIE_SECURE === 'true',
    secrets: [sessionSecret()],
    maxAge: sessionDays * 86_400,
  })
  return cookie
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

export function commitSessionToken(token: string): Promise<string> {
  return sessionCookie().serialize(token)
}

export function destroySessionCookie(): Promise<string> {
  return sessionCookie().serialize('', { maxAge: 0 })
}

export async function getOptionalUser(request: Request): Promise<Actor | null> {
  const token = await readSessionToken(request)
  if (!token) return null
  const user = await getSessionUser(await getDb(), hashToken(token), new Date())
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId } : null
}

/** The guard of every protected loader and action: no session → login page. */
export async function requireUser(request: Request): Promise<Actor> {
  const user = await getOptionalUser(request)
  if (!user) {
    const url = new URL(request.url)
    const redirectTo = `${url.pathname}${url.search}`
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`)
  }
  return user
}

export async function requireUserWith(request: Request, permission: Permission): Promise<Actor> {
  const user = await requireUser(request)
  // A role that may not use the page at all: 403, like every other refused screen.
  if (!hasPermission(user.role, permission)) throw data({ message: 'Forbidden' }, { status: 403 })
  return user
}

/** Only same-site relative paths are followed after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
