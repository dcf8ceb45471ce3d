import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { hashToken } from '#app/server/tokens.server.ts'
import { changePassword, logIn, logOut, throttle } from '#app/services/auth.server.ts'
import type { Db } from '#db/client.ts'
import { getSessionUser } from '#db/queries/users.ts'
import { auditLog, loginAttempts, sessions, users } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertUser, testPassword } from '#tests/support/factories.ts'
import { refused } from '#tests/support/factories-tenants.ts'

let db: Db
beforeAll(async () => {
  db = (await createTestDatabase()).db
})

const minutes = (n: number) => n * 60_000
let ipCounter = 0
/** A client address of its own per test, so one test's failures never throttle another's by IP. */
const freshIp = () => `192.0.2.${++ipCounter}`


async function storedHash(userId: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
  return row!.passwordHash
}

async function attemptsFor(email: string) {
  return db.select().from(loginAttempts).where(eq(loginAttempts.email, email))
}

/** Logs in with the factory password and returns the session token. */
async function tokenFor(user: Actor, password = testPassword) {
  const result = await logIn({ db, email: user.email, password, ip: freshIp() })
  if (!result.ok) throw new Error(`login of ${user.email} failed: ${result.reason}`)
  return result.token
}

describe('logging in', () => {
  it('the right password opens a session that resolves to the user', async () => {
    const user = await insertUser(db, { role: 'facility_manager' })
    const ip = freshIp()
    const result = await logIn({ db, email: user.email, password: testPassword, ip })
    expect(result).toMatchObject({ ok: true, user: { id: user.id, email: user.email, role: 'facility_manager', tenantId: null }, locale: null })
    if (!result.ok) return
    expect(result.user).not.toHaveProperty('passwordHash')
    expect(await getSessionUser(db, hashToken(result.token), new Date())).toMatchObject({ id: user.id, email: user.email })
    // Only the hash of the token is stored, never the token itself.
    const stored = await db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, user.id))
    expect(stored).toEqual([{ tokenHash: hashToken(result.token) }])
    expect(await attemptsFor(user.email)).toMatchObject([{ ip, succeeded: true }])
  })

  it('a session expires after the session lifetime', async () => {
    const user = await insertUser(db)
    const now = new Date()
    const result = await logIn({ db, email: user.email, password: testPassword, ip: freshIp(), now })
    if (!result.ok) throw new Error('login failed')
    const hash = hashToken(result.token)
    expect(await getSessionUser(db, hash, new Date(now.getTime() + 6 * 86_400_000))).not.toBeNull()
    expect(await getSessionUser(db, hash, new Date(now.getTime() + 8 * 86_400_000))).toBeNull()
  })

  it('a wrong password is invalid and is recorded as a failed attempt', async () => {
    const user = await insertUser(db)
    const ip = freshIp()
    expect(await logIn({ db, email: user.email, password: 'not the password', ip })).toEqual({ ok: false, reason: 'invalid' })
    expect(await attemptsFor(user.email)).toMatchObject([{ email: user.email, ip, succeeded: false }])
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
  })

  it('an unknown e-mail is invalid, the same answer as a wrong password', async () => {
    const email = 'nobody-here@example.test'
    expect(await logIn({ db, email, password: testPassword, ip: freshIp() })).toEqual({ ok: false, reason: 'invalid' })
    expect(await attemptsFor(email)).toMatchObject([{ succeeded: false }])
  })

  it('the e-mail address is matched case-insensitively and without surrounding spaces', async () => {
    const user = await insertUser(db, { email: 'mixed.case@example.test' })
    const result = await logIn({ db, email: '  MIXED.case@Example.TEST ', password: testPassword, ip: freshIp() })
    expect(result).toMatchObject({ ok: true, user: { id: user.id } })
    expect(await attemptsFor('mixed.case@example.test')).toMatchObject([{ succeeded: true }])
  })

  it('four failures in a row still let the right password in', async () => {
    const user = await insertUser(db)
    const ip = freshIp()
    for (let i = 0; i < throttle.perEmail - 1; i++) await logIn({ db, email: user.email, password: 'wrong', ip })
    expect(await logIn({ db, email: user.email, password: testPassword, ip })).toMatchObject({ ok: true })
  })

  it('after five failures within fifteen minutes even the right password is throttled', async () => {
    const user = await insertUser(db)
    const now = new Date()
    for (let i = 0; i < throttle.perEmail; i++) {
      expect(await logIn({ db, email: user.email, password: `wrong ${i}`, ip: freshIp(), now })).toMatchObject({ reason: 'invalid' })
    }
    const result = await logIn({ db, email: user.email, password: testPassword, ip: freshIp(), now: new Date(now.getTime() + minutes(14)) })
    expect(result).toEqual({ ok: false, reason: 'throttled', retryMinutes: 15 })
    // The throttle is on the address, whatever its case.
    expect(await logIn({ db, email: user.email.toUpperCase(), password: testPassword, ip: freshIp(), now })).toMatchObject({ reason: 'throttled' })
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
  })

  it('failures older than the fifteen-minute window no longer count', async () => {
    const user = await insertUser(db)
    for (let i = 0; i < throttle.perEmail; i++) await logIn({ db, email: user.email, password: 'wrong', ip: freshIp() })
    const later = new Date(Date.now() + minutes(throttle.windowMinutes + 1))
    expect(await logIn({ db, email: user.email, password: testPassword, ip: freshIp(), now: later })).toMatchObject({ ok: true })
  })

  it('failures for another e-mail address do not throttle this one', async () => {
    const user = await insertUser(db)
    const other = await insertUser(db)
    for (let i = 0; i < throttle.perEmail; i++) await logIn({ db, email: other.email, password: 'wrong', ip: freshIp() })
    expect(await logIn({ db, email: user.email, password: testPassword, ip: freshIp() })).toMatchObject({ ok: true })
  })

  it('thirty failures from one address throttle every e-mail tried from it', async () => {
    const user = await insertUser(db)
    const ip = freshIp()
    await db.insert(loginAttempts).values(Array.from({ length: throttle.perIp }, (_, i) => ({ email: `spray-${i}@example.test`, ip, succeeded: false })))
    expect(await logIn({ db, email: user.email, password: testPassword, ip })).toMatchObject({ ok: false, reason: 'throttled' })
    expect(await logIn({ db, email: user.email, password: testPassword, ip: freshIp() })).toMatchObject({ ok: true })
  })
})

describe('logging out', () => {
  it('logging out deletes the session so its token no longer resolves', async () => {
    const user = await insertUser(db)
    const token = await tokenFor(user)
    const other = await tokenFor(user)
    await logOut({ db, token })
    expect(await getSessionUser(db, hashToken(token), new Date())).toBeNull()
    expect(await db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token)))).toEqual([])
    // Only that browser is logged out.
    expect(await getSessionUser(db, hashToken(other), new Date())).toMatchObject({ id: user.id })
  })
})

describe('changing the password', () => {
  const newPassword = 'a much longer new secret'

  it('a wrong current password is refused on currentPassword and the hash stays the same', async () => {
    const user = await insertUser(db)
    const before = await storedHash(user.id)
    expect(await refused(changePassword({ db, actor: user, currentPassword: 'not it', newPassword, keepToken: null }))).toEqual({
      currentPassword: 'password.wrongCurrent',
    })
    expect(await storedHash(user.id)).toBe(before)
  })

  it('a new password shorter than twelve characters is refused and the hash stays the same', async () => {
    const user = await insertUser(db)
    const before = await storedHash(user.id)
    expect(await refused(changePassword({ db, actor: user, currentPassword: testPassword, newPassword: 'elevenchars', keepToken: null }))).toEqual({
      newPassword: 'password.tooShort',
    })
    expect(await storedHash(user.id)).toBe(before)
  })

  it('a successful change swaps the password, keeps this session and ends the others', async () => {
    const user = await insertUser(db)
    const oldHash = await storedHash(user.id)
    const kept = await tokenFor(user)
    const elsewhere = await tokenFor(user)
    await changePassword({ db, actor: user, currentPassword: testPassword, newPassword, keepToken: kept })

    const newHash = await storedHash(user.id)
    expect(newHash).not.toBe(oldHash)
    expect(newHash.startsWith('$argon2id$')).toBe(true)
    expect(newHash).not.toContain(newPassword)

    expect(await getSessionUser(db, hashToken(kept), new Date())).toMatchObject({ id: user.id })
    expect(await getSessionUser(db, hashToken(elsewhere), new Date())).toBeNull()

    expect(await logIn({ db, email: user.email, password: newPassword, ip: freshIp() })).toMatchObject({ ok: true })
    expect(await logIn({ db, email: user.email, password: testPassword, ip: freshIp() })).toEqual({ ok: false, reason: 'invalid' })
  })

  it('without a session to keep, a change ends every session of the user', async () => {
    const user = await insertUser(db)
    const a = await tokenFor(user)
    const b = await tokenFor(user)
    await changePassword({ db, actor: user, currentPassword: testPassword, newPassword, keepToken: null })
    expect(await getSessionUser(db, hashToken(a), new Date())).toBeNull()
    expect(await getSessionUser(db, hashToken(b), new Date())).toBeNull()
  })

  it('a change leaves the sessions of other users alone', async () => {
    const user = await insertUser(db)
    const bystander = await insertUser(db)
    const theirs = await tokenFor(bystander)
    await changePassword({ db, actor: user, currentPassword: testPassword, newPassword, keepToken: null })
    expect(await getSessionUser(db, hashToken(theirs), new Date())).toMatchObject({ id: bystander.id })
  })

  it('a change is audited as action password without any password hash in the entry', async () => {
    const user = await insertUser(db)
    const oldHash = await storedHash(user.id)
    await changePassword({ db, actor: user, currentPassword: testPassword, newPassword, keepToken: null })
    const newHash = await storedHash(user.id)
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, user.id)))
    expect(entries).toHaveLength(1)
    const [entry] = entries
    expect(entry).toMatchObject({ action: 'password', actorUserId: user.id, actorEmail: user.email, buildingId: null })
    const written = JSON.stringify(entry)
    for (const secret of [oldHash, newHash, testPassword, newPassword, '$argon2']) expect(written).not.toContain(secret)
  })
})
