import type { Db } from '#db/client.ts'
import {
  countFailedLogins,
  deleteOtherSessions,
  deleteSession,
  getUserByEmailWithHash,
  getUserWithHash,
  insertLoginAttempt,
  insertSession,
  updateUserPassword,
} from '#db/queries/users.ts'
import { dummyHash, hashPassword, verifyPassword } from '#app/server/password.server.ts'
import { hashToken, newToken } from '#app/server/tokens.server.ts'
import type { Actor } from '#app/domain/actor.ts'
import { recordAudit } from './audit.server.ts'
import { ValidationError } from '#app/server/errors.server.ts'

import { sessionDays } from '#app/server/session.server.ts'
/** Failed attempts allowed per e-mail (and, higher, per IP) within the window before logins pause. */
export const throttle = { perEmail: 5, perIp: 30, windowMinutes: 15 }

export type LoginResult =
  | { ok: true; token: string; user: Actor; locale: 'nl' | 'en' | null }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryMinutes: number }

/** Checks the password (argon2id), throttles repeated failures, and opens a session. */
export async function logIn({
  db,
  email,
  password,
  ip,
  now = new Date(),
}: {
  db: Db
  email: string
  password: string
  ip: string
  now?: Date
}): Promise<LoginResult> {
  const normalized = email.trim().toLowerCase()
  const since = new Date(now.getTime() - throttle.windowMinutes * 60_000)
  const [byEmail, byIp] = await Promise.all([
    countFailedLogins(db, { email: normalized }, since),
    ip === 'unknown' ? Promise.resolve(0) : countFailedLogins(db, { ip }, since),
  ])
  if (byEmail >= throttle.perEmail || byIp >= throttle.perIp) {
    return { ok: false, reason: 'throttled', retryMinutes: throttle.windowMinutes }
  }
  const user = await getUserByEmailWithHash(db, normalized)
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false)
  if (!user || !valid) {
    await insertLoginAttempt(db, { email: normalized, ip, succeeded: false })
    return { ok: false, reason: 'invalid' }
  }
  const token = newToken()
  await db.transaction(async (tx) => {
    await insertLoginAttempt(tx, { email: normalized, ip, succeeded: true })
    await insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + sessionDays * 86_400_000),
    })
  })
  const { passwordHash: _, locale, ...actor } = user
  return { ok: true, token, user: actor, locale }
}

export async function logOut({ db, token }: { db: Db; token: string }): Promise<void> {
  await deleteSession(db, hashToken(token))
}

export const minPasswordLength = 12

/** Changes the password after checking the current one; logs out the user's other sessions. */
export async function changePassword({
  db,
  actor,
  currentPassword,
  newPassword,
  keepToken,
}: {
  db: Db
  actor: Actor
  currentPassword: string
  newPassword: string
  keepToken: string | null
}): Promise<void> {
  const user = await getUserWithHash(db, actor.id)
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new ValidationError({ currentPassword: 'password.wrongCurrent' })
  }
  if (newPassword.length < minPasswordLength) throw new ValidationError({ newPassword: 'password.tooShort' })
  const newHash = await hashPassword(newPassword)
  await db.transaction(async (tx) => {
    await updateUserPassword(tx, actor.id, newHash)
    await deleteOtherSessions(tx, actor.id, keepToken ? hashToken(keepToken) : null)
    await recordAudit(tx, actor, {
      buildingId: null,
      entityType: 'user',
      entityId: actor.id,
      action: 'password',
      summary: `password changed for ${actor.email}`,
    })
  })
}
