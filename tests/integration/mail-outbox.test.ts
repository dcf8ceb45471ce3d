import net from 'node:net'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverDueMail, mailBackoffMs, maxMailAttempts, smtpSender } from '#app/server/mail.server.ts'
import type { Db } from '#db/client.ts'
import { insertOutboxMail } from '#db/queries/outbox.ts'
import { outbox } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { freePort } from '#tests/support/net.ts'
import { startSmtpPeer, type SmtpPeer } from '#tests/support/smtp.ts'

let db: Db
let port: number
let peer: SmtpPeer | null = null

beforeAll(async () => {
  db = (await createTestDatabase()).db
  port = await freePort()
})
afterAll(async () => {
  await peer?.close()
})

const send = () => smtpSender(`smtp://127.0.0.1:${port}`, 'Sharedline <noreply@sharedline.example>', 2_000)
const mail = (to: string, subject: string) => ({ event: 'test', toEmail: to, subject, body: `Body of ${subject}` })
const rowsOf = async (subject: string) => db.select().from(outbox).where(eq(outbox.subject, subject))
/**
 * A worker's clock a moment after the mail was written: the database stores microseconds, a JS Date
 * milliseconds, so "now" read right after the insert can fall a fraction before the row's due time.
 */
const momentLater = () => new Date(Date.now() + 1_000)

describe('mail outbox delivered over SMTP', () => {
  it('while the mail server is down nothing is lost: the mail waits with its error, and goes out once the server is back', async () => {
    await insertOutboxMail(db, [mail('fm@example.com', 'Down first A'), mail('tenant@example.com', 'Down first B')])
    const start = momentLater()
    expect(await deliverDueMail({ db, send: send(), now: start })).toEqual({ sent: 0, retrying: 2, failed: 0 })
    const waiting = await rowsOf('Down first A')
    expect(waiting[0]).toMatchObject({ status: 'pending', attempts: 1 })
    expect(waiting[0]!.lastError).toMatch(/ECONNREFUSED/)
    // The backoff runs from the failed attempt (a moment after the round began).
    const due = waiting[0]!.nextAttemptAt.getTime() - start.getTime()
    expect(due).toBeGreaterThanOrEqual(mailBackoffMs(1))
    expect(due).toBeLessThan(mailBackoffMs(1) + 5_000)

    peer = await startSmtpPeer(port)
    const received = peer.received
    expect(await deliverDueMail({ db, send: send(), now: new Date(start.getTime() + 30_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(await deliverDueMail({ db, send: send(), now: new Date(start.getTime() + mailBackoffMs(1) + 5_000) })).toEqual({ sent: 2, retrying: 0, failed: 0 })
    expect(received.map((r) => r.to[0]).sort()).toEqual(['fm@example.com', 'tenant@example.com'])
    expect(received.find((r) => r.to[0] === 'fm@example.com')!.raw).toContain('Subject: Down first A')
    expect((await rowsOf('Down first B'))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null })
  })

  it('a server that keeps refusing is retried with growing pauses and the mail is finally marked failed, not deleted', async () => {
    peer!.refuse(true)
    try {
      await insertOutboxMail(db, [mail('nobody@example.com', 'Refused')])
      let now = momentLater()
      for (let attempt = 1; attempt <= maxMailAttempts; attempt++) {
        const result = await deliverDueMail({ db, send: send(), now })
        expect(result).toEqual(attempt < maxMailAttempts ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 })
        now = new Date(now.getTime() + mailBackoffMs(attempt) + 5_000)
      }
      const [row] = await rowsOf('Refused')
      expect(row).toMatchObject({ status: 'failed', attempts: maxMailAttempts })
      expect(row!.lastError).toMatch(/550/)
    } finally {
      peer!.refuse(false)
    }
  })

  it('two workers at once send every mail exactly once', async () => {
    const received = peer!.received
    const before = received.length
    await insertOutboxMail(db, Array.from({ length: 6 }, (_, i) => mail(`parallel${i}@example.com`, `Parallel ${i}`)))
    const now = new Date(Date.now() + 10 * 60 * 60_000)
    const results = await Promise.all([deliverDueMail({ db, send: send(), now, limit: 4 }), deliverDueMail({ db, send: send(), now, limit: 4 })])
    const again = await deliverDueMail({ db, send: send(), now })
    expect(results.reduce((sum, r) => sum + r.sent, 0) + again.sent).toBe(6)
    const parallel = received.slice(before).map((r) => r.to[0])
    expect(parallel.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `parallel${i}@example.com`).sort())
  })

  it('a mail server that hangs holds no lock: the app keeps answering, another worker does not take the mail in flight, and it is sent once', async () => {
    await insertOutboxMail(db, [mail('slow@example.com', 'Slow server')])
    const now = new Date(Date.now() + 24 * 60 * 60_000)
    let release: () => void = () => {}
    let started: () => void = () => {}
    const sending = new Promise<void>((resolve) => (started = resolve))
    const hanging = deliverDueMail({ db, now, send: () => (started(), new Promise<void>((resolve) => (release = resolve))) })
    await sending
    // While the mail server hangs, the database answers and a second worker finds nothing due.
    expect((await rowsOf('Slow server'))[0]!.status).toBe('pending')
    expect(await deliverDueMail({ db, now, send: send() })).toEqual({ sent: 0, retrying: 0, failed: 0 })
    release()
    expect(await hanging).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect((await rowsOf('Slow server'))[0]).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('a mail server that accepts the connection and never answers times out: the mail waits with the error, nothing lost', async () => {
    const silent = net.createServer(() => {})
    const silentPort = await freePort()
    await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', resolve))
    try {
      await insertOutboxMail(db, [mail('patient@example.com', 'Silent server')])
      const result = await deliverDueMail({ db, send: smtpSender(`smtp://127.0.0.1:${silentPort}`, 'Sharedline <noreply@sharedline.example>', 300), now: new Date(Date.now() + 48 * 60 * 60_000) })
      expect(result).toEqual({ sent: 0, retrying: 1, failed: 0 })
      const [row] = await rowsOf('Silent server')
      expect(row).toMatchObject({ status: 'pending', attempts: 1 })
      expect(row!.lastError).toMatch(/greeting never received|timeout/i)
    } finally {
      silent.close()
    }
  })
})
