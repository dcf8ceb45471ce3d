// Mail delivery: the outbox worker. Mail is written to the outbox in the transaction of the change it
// tells about; this delivers due mail over SMTP (SMTP_URL), retrying with backoff, so a mail server
// that is down or refuses loses nothing. Without SMTP_URL the mail stays in the in-app outbox.
import nodemailer from 'nodemailer'
import type { Db } from '#db/client.ts'
import { claimDueMail, leaseMail, markMailAttemptFailed, markMailSent } from '#db/queries/outbox.ts'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
}
export type SendMail = (mail: OutgoingMail) => Promise<void>

/** After this many failed attempts a mail is marked failed (kept, shown, and can be retried by hand). */
export const maxMailAttempts = 12

/** 1, 2, 4, 8 … minutes after each failed attempt, at most 6 hours. */
export function mailBackoffMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 6 * 60 * 60_000)
}

/** A sender over SMTP, e.g. `smtp://user:pass@mail.example:587`; a refused or slow server throws. */
export function smtpSender(url: string, from: string, timeoutMs = 10_000): SendMail {
  const parsed = new URL(url)
  const transport = nodemailer.createTransport({
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)),
    secure: parsed.protocol === 'smtps:',
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
  }
}

/**
 * How long claimed mail is held back from other workers: longer than a batch can take when every send
 * waits out its timeouts (20 mails × 3 × 10 s). A worker that dies while sending leaves its mail due
 * again after this, so nothing is lost (a mail may then go out twice, never zero times).
 */
export const mailLeaseMs = 15 * 60_000

/**
 * Delivers due mail once; returns how many went out and how many will be retried or failed. The mail
 * is claimed in a short transaction (its next attempt moves a lease ahead); sending happens outside
 * any transaction, so a slow or silent mail server holds no lock and no connection of the app.
 */
export async function deliverDueMail({ db, send, now = new Date(), limit = 20 }: { db: Db; send: SendMail; now?: Date; limit?: number }) {
  const due = await db.transaction(async (tx) => {
    const claimed = await claimDueMail(tx, now, limit)
    await leaseMail(tx, claimed.map((m) => m.id), new Date(now.getTime() + mailLeaseMs))
    return claimed
  })
  let sent = 0
  let retrying = 0
  let failed = 0
  // The moment of each send, not of the batch: a slow server must not eat up the backoff of later mail.
  const startedAt = Date.now()
  const moment = () => new Date(now.getTime() + (Date.now() - startedAt))
  for (const mail of due) {
    try {
      await send({ to: mail.toEmail, subject: mail.subject, text: mail.body })
      await markMailSent(db, mail.id, moment())
      sent++
    } catch (error) {
      const attempts = mail.attempts + 1
      const gaveUp = attempts >= maxMailAttempts
      await markMailAttemptFailed(db, mail.id, {
        attempts,
        nextAttemptAt: new Date(moment().getTime() + mailBackoffMs(attempts)),
        lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        status: gaveUp ? 'failed' : 'pending',
      })
      if (gaveUp) failed++
      else retrying++
    }
  }
  return { sent, retrying, failed }
}
