// Background work in the app process: delivering queued mail over SMTP every few seconds, and an
// hourly round of jobs that queue mail (reminders, digests). Each loop waits for its round to end
// before scheduling the next, so rounds never overlap; a failing round is logged and the loop goes on.
// Started once per process from app/entry.server.tsx; the jobs to run are handed in by the caller
// (they are use cases, which this infrastructure layer does not import).
import type { IsoDate } from '#app/domain/dates.ts'
import type { Db } from '#db/client.ts'
import { todayInNetherlands } from './clock.server.ts'
import { env } from './env.server.ts'
import { deliverDueMail, smtpSender } from './mail.server.ts'

/** A job of the hourly round; it must be safe to run as often as you like (e.g. deduplicated mail). */
export interface HourlyJob {
  name: string
  run: (input: { db: Db; today: IsoDate }) => Promise<unknown>
}

export interface BackgroundJobOptions {
  /** The process's database, opened on first use. */
  db: () => Promise<Db>
  hourly: readonly HourlyJob[]
  now?: () => Date
  /** Default: SMTP_URL. Without it no mail is delivered (it stays in the in-app outbox). */
  smtpUrl?: string | undefined
  /** Default: MAIL_FROM, else `Sharedline <noreply@localhost>`. */
  mailFrom?: string | undefined
  mailEveryMs?: number
  hourlyEveryMs?: number
  /** Background work that should start within a second of being asked for (carrier-file imports). */
  frequent?: readonly { name: string; run: () => Promise<unknown> }[]
  frequentEveryMs?: number
}

export const defaultMailFrom = 'Sharedline <noreply@localhost>'
const mailEveryMs = 15_000
/** Mails per transaction, and batches per round at most (a round then sends up to 500 mails). */
const mailBatch = 20
const maxBatchesPerRound = 25
const hourlyEveryMs = 60 * 60_000
const frequentEveryMs = 1_000

function warn(what: string, error: unknown) {
  console.warn(`[jobs] ${what} failed: ${error instanceof Error ? error.message : String(error)}`)
}

/** Runs `task` now (or after `ms`) and then `ms` after each round ends. */
function loop(task: () => Promise<void>, ms: number, runAtOnce: boolean) {
  let stopped = false
  let running: Promise<void> | null = null
  let timer: NodeJS.Timeout
  const schedule = (delay: number) => {
    timer = setTimeout(round, delay)
    // Timers alone never keep the process alive: a server exits when it is told to.
    timer.unref()
  }
  const round = async () => {
    // The tasks log their own failures; this only keeps an unexpected one from ending the process.
    running = task().catch((error: unknown) => warn('background round', error))
    await running
    running = null
    if (!stopped) schedule(ms)
  }
  schedule(runAtOnce ? 0 : ms)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}

/** The rounds themselves (callable one at a time, as tests do) and a start that loops them. */
export function createBackgroundJobs(options: BackgroundJobOptions) {
  const now = options.now ?? (() => new Date())
  const smtpUrl = 'smtpUrl' in options ? options.smtpUrl : env().SMTP_URL
  const send = smtpUrl ? smtpSender(smtpUrl, options.mailFrom ?? env().MAIL_FROM ?? defaultMailFrom) : null

  /**
   * One round of delivery: batches until no due mail is left (at most `maxBatchesPerRound`), each in
   * its own transaction, so a backlog goes out at once. Null when no SMTP server is configured or the
   * round failed.
   */
  async function deliverMail() {
    if (!send) return null
    const total = { sent: 0, retrying: 0, failed: 0 }
    try {
      const db = await options.db()
      for (let batch = 0; batch < maxBatchesPerRound; batch++) {
        const result = await deliverDueMail({ db, send, now: now(), limit: mailBatch })
        total.sent += result.sent
        total.retrying += result.retrying
        total.failed += result.failed
        // A mail that failed is due again only after its backoff, so a short batch means none is left.
        if (result.sent + result.retrying + result.failed < mailBatch) break
      }
      return total
    } catch (error) {
      warn('mail delivery', error)
      return null
    }
  }

  /** One hourly round for today's date in the Netherlands; a failing job does not stop the others. */
  async function runHourly() {
    let db: Db
    try {
      db = await options.db()
    } catch (error) {
      warn('opening the database', error)
      return
    }
    const today = todayInNetherlands(now())
    for (const job of options.hourly) {
      try {
        await job.run({ db, today })
      } catch (error) {
        warn(job.name, error)
      }
    }
  }

  /** One round of the frequent jobs; a failing one does not stop the others. */
  async function runFrequent() {
    for (const job of options.frequent ?? []) {
      try {
        await job.run()
      } catch (error) {
        warn(job.name, error)
      }
    }
  }

  function start(): () => Promise<void> {
    const stops = [
      ...((options.frequent ?? []).length > 0 ? [loop(runFrequent, options.frequentEveryMs ?? frequentEveryMs, true)] : []),
      loop(async () => void (await runHourly()), options.hourlyEveryMs ?? hourlyEveryMs, true),
      ...(send ? [loop(async () => void (await deliverMail()), options.mailEveryMs ?? mailEveryMs, false)] : []),
    ]
    return async () => {
      await Promise.all(stops.map((stop) => stop()))
    }
  }

  return { deliverMail, runHourly, runFrequent, start, delivers: send !== null }
}

const jobsKey = Symbol.for('sharedline.backgroundJobs')
type WithJobs = typeof globalThis & { [jobsKey]?: () => Promise<void> }

/**
 * Starts the background jobs once per process (a module evaluated again, as in development, finds
 * them running) and returns the function that stops them. Not started under tests: they run the
 * rounds themselves.
 */
export function startBackgroundJobs(options: BackgroundJobOptions): () => Promise<void> {
  if (process.env.NODE_ENV === 'test' || process.env.VITEST) return async () => {}
  const holder = globalThis as WithJobs
  const existing = holder[jobsKey]
  if (existing) return existing
  const stopJobs = createBackgroundJobs(options).start()
  const stop = async () => {
    if (holder[jobsKey] === stop) delete holder[jobsKey]
    await stopJobs()
  }
  holder[jobsKey] = stop
  return stop
}
