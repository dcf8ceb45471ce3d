// A carrier import whose worker process dies with SIGKILL halfway — the one failure no catch block
// sees. The worker runs in a process of its own (tests/support/import-worker.ts) against a database
// that outlives it: this file's database on the PostgreSQL server (TEST_DB=postgres), or an embedded
// PGlite folder on disk that the test lets go of while the worker has it (PGlite belongs to one
// process) and opens again after the kill, as the app does when it is started again.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { requestImportApply, runImportWork, submitImportMapping } from '#app/services/carrier-imports.server.ts'
import { openPglite, openPostgres, type Database } from '#db/client.ts'
import { getImportJob } from '#db/queries/imports.ts'
import { postgresTarget } from '#tests/support/db.ts'
import { insertBuilding, insertCarrier, insertContract, insertNumbers, insertService, insertTenant, insertUser } from '#tests/support/factories.ts'
import { upload, uploadAndRead, useImportDir } from '#tests/support/imports.ts'

useImportDir()

/** Names the worker's connections on the server, so the test can watch them in pg_stat_activity. */
const workerApplicationName = 'import-kill-worker'

/** Where the database lives and how the worker reaches it. */
interface Target {
  driver: 'postgres' | 'pglite'
  /** The test's handle; on PGlite a new one after each worker. */
  database: Database
  /** The worker's second command-line argument: a connection URL or a PGlite folder. */
  workerTarget: string
  /** Lets go of the database for the worker (PGlite: closed; a server needs nothing). */
  handOver: () => Promise<void>
  /** Takes it back once the worker is dead. */
  takeBack: () => Promise<void>
}

let target: Target
/** Undoes what beforeAll set up: registered here, since a hook registered inside beforeAll never runs. */
let cleanUp = async () => {}
afterAll(() => cleanUp(), 60_000)

beforeAll(async () => {
  const server = postgresTarget()
  if (server) {
    // The file's own copy of the migrated template, named so the worker can be given its URL.
    const name = `sharedline_test_${randomBytes(6).toString('hex')}`
    const admin = openPostgres(server.adminUrl, { max: 1 })
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`)
    const database = openPostgres(server.urlFor(name))
    cleanUp = async () => {
      await database.close()
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.close()
    }
    const url = new URL(server.urlFor(name))
    url.searchParams.set('application_name', workerApplicationName)
    target = {
      driver: 'postgres',
      database,
      workerTarget: url.toString(),
      handOver: async () => {},
      // The server ends a dead client's backend — rolling its transaction back and releasing its
      // locks — once it notices the closed connection, at the latest when the running statement ends.
      takeBack: () => until('the killed worker’s backends are gone', async () => (await workerBackends()).length === 0),
    }
    return
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-kill-pglite-'))
  cleanUp = async () => {
    await target?.database.close().catch(() => {})
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const database = await openPglite(dir)
  await database.migrate()
  target = {
    driver: 'pglite',
    database,
    workerTarget: dir,
    handOver: () => target.database.close(),
    // Opening the folder after the kill runs PostgreSQL's crash recovery, as a restarted app would.
    takeBack: async () => {
      target.database = await openPglite(dir)
    },
  }
}, 120_000)

// ---------------------------------------------------------------------------------------------
// The worker process

const children = new Set<ChildProcess>()
/** Set while the worker has the database; a test that failed then leaves it to afterEach to take back. */
let handedOver = false

async function handOver() {
  await target.handOver()
  handedOver = true
}

async function takeBack() {
  await target.takeBack()
  handedOver = false
}

afterEach(async () => {
  const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null)
  await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGKILL'))))
  children.clear()
  if (handedOver) await takeBack()
}, 60_000)

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** Starts tests/support/import-worker.ts: node itself (no npx or tsx wrapper), so its pid is the worker's. */
function startWorker(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/import-worker.ts', target.driver, target.workerTarget, ...args], {
    cwd: process.cwd(),
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const output: string[] = []
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let exit: Exit | null = null
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    }),
  )
  const listeners = new Set<(line: string) => void>()
  createInterface({ input: child.stdout! }).on('line', (line) => {
    output.push(line)
    for (const listener of listeners) listener(line)
  })
  const describeRun = () => `worker said: ${output.join(' | ') || '(nothing)'}${stderr ? `; stderr: ${stderr}` : ''}`

  return {
    /** The first line of stdout that matches; fails when the worker ends without printing one. */
    line: (matches: (line: string) => boolean) =>
      new Promise<string>((resolve, reject) => {
        const seen = output.find(matches)
        if (seen !== undefined) return resolve(seen)
        const listener = (line: string) => {
          if (matches(line)) {
            listeners.delete(listener)
            resolve(line)
          }
        }
        listeners.add(listener)
        void exited.then((e) => reject(new Error(`the worker ended (${e.code ?? e.signal}) before the line the test waits for; ${describeRun()}`)))
      }),
    /** Waits until `check` holds; fails when the worker ends first. */
    until: async (what: string, check: () => Promise<boolean>) =>
      until(what, async () => {
        if (exit) throw new Error(`the worker ended (${exit.code ?? exit.signal}) before ${what}; ${describeRun()}`)
        return check()
      }),
    /** SIGKILL; resolves once the process is gone, and fails if it had already ended by itself. */
    kill: async () => {
      child.kill('SIGKILL')
      const e = await exited
      expect(e.signal, `the worker was to be killed halfway, but it had ended; ${describeRun()}`).toBe('SIGKILL')
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await sleep(10)
  }
}

/** The worker's backends on the server, with what each is running. */
async function workerBackends() {
  const rows = await target.database.query(
    `select pid, state, query, backend_xid::text as xid from pg_stat_activity where datname = current_database() and application_name = $1`,
    [workerApplicationName],
  )
  return rows as { pid: number; state: string | null; query: string | null; xid: string | null }[]
}

// ---------------------------------------------------------------------------------------------
// Buildings, files and fingerprints

/** A building on one carrier's contract, with voice lines ISDN-1, SIP-1 and SIP-2 and one tenant. */
async function building() {
  const db = target.database.db
  const actor = await insertUser(db)
  const b = await insertBuilding(db, {}, [actor])
  const carrier = await insertCarrier(db)
  const contract = await insertContract(db, b.id, { carrierId: carrier.id })
  const tenant = await insertTenant(db, b.id)
  const isdn = await insertService(db, b.id, contract.id, { kind: 'isdn30', carrierRef: 'ISDN-1' })
  const sip1 = await insertService(db, b.id, contract.id, { kind: 'sip_trunk', carrierRef: 'SIP-1' })
  await insertService(db, b.id, contract.id, { kind: 'sip_trunk', carrierRef: 'SIP-2' })
  return { actor, buildingId: b.id, carrierId: carrier.id, tenantId: tenant.id, isdnId: isdn.id, sip1Id: sip1.id }
}

/** Adds `count` consecutive numbers from `first` (digits of an E.164 number) to a service, in blocks of 10,000. */
async function addNumbers(buildingId: string, serviceId: string, first: number, count: number, overrides: { tenantId?: string } = {}) {
  for (let done = 0; done < count; done += 10_000) {
    await insertNumbers(target.database.db, buildingId, serviceId, `+${first + done}`, Math.min(10_000, count - done), overrides)
  }
  // A server's autovacuum analyses a table that just grew; the test server runs without it, and the
  // import's set-based diff needs the statistics for a hash join.
  await target.database.query('analyze numbers')
}

/** File lines for `count` consecutive numbers from `first`, in the national notation, on one line. */
function lines(first: number, count: number, service: string): string[] {
  return Array.from({ length: count }, (_, i) => `0${String(first + i).slice(2)};${service};Actief`)
}

function inventoryFile(...parts: string[][]): string {
  return ['Nummer;Aansluiting;Status', ...parts.flat()].join('\n')
}

/**
 * Everything an import could have touched, to compare before and after: a digest of every number of
 * the building (service, status, billing, holder), the counts of its numbers, blocks and holdings,
 * and the job's state, its per-number changes and its "applied" audit entries.
 */
async function fingerprint(buildingId: string, jobId: string) {
  const [row] = await target.database.query(
    `select (select md5(string_agg(e164 || service_id || status || billed || coalesce(tenant_id::text, ''), ',' order by e164))
               from numbers where building_id = $1) as numbers_digest,
            (select count(*)::int from numbers where building_id = $1) as numbers,
            (select count(*)::int from number_ranges where building_id = $1) as number_ranges,
            (select count(*)::int from number_allocations where building_id = $1) as allocations,
            (select state::text from import_jobs where id = $2) as job_state,
            (select count(*)::int from import_changes where job_id = $2) as import_changes,
            (select count(*)::int from audit_log where entity_type = 'import' and entity_id = $2::text and summary like 'applied%') as applied_audits`,
    [buildingId, jobId],
  )
  return row
}

/** Per line: its numbers, how many are active, how many a tenant holds. */
async function numbersPerService(buildingId: string) {
  const rows = await target.database.query(
    `select s.carrier_ref as service, count(n.id)::int as numbers, count(n.id) filter (where n.status = 'active')::int as active, count(n.tenant_id)::int as held
     from services s left join numbers n on n.service_id = s.id
     where s.building_id = $1 group by s.carrier_ref order by s.carrier_ref`,
    [buildingId],
  )
  return Object.fromEntries(rows.map((r) => [String(r.service), { numbers: r.numbers, active: r.active, held: r.held }]))
}

async function job(jobId: string) {
  const [row] = await target.database.query(
    `select state::text, rows_done, attempts, lease_until > now() as leased,
            (select count(*)::int from import_rows where job_id = $1) as staged,
            (select count(*)::int from import_errors where job_id = $1) as errors
     from import_jobs where id = $1`,
    [jobId],
  )
  return row as { state: string; rows_done: number; attempts: number; leased: boolean | null; staged: number; errors: number }
}

/** Uploads a file and maps its columns as proposed: the import then waits for a worker to read it. */
async function uploadAndMap(actor: Actor, buildingId: string, carrierId: string, content: string) {
  const { db } = target.database
  const jobId = await upload(target.database, actor, buildingId, carrierId, 'inventory', 'inventory.csv', content)
  const mapping = ((await getImportJob(db, { buildingId, jobId }))?.mapping ?? {}) as Record<string, number>
  const columns = Object.fromEntries(Object.entries(mapping).map(([field, index]) => [`col.${field}`, String(index)]))
  await submitImportMapping({ db, actor, buildingId, jobId, input: { intent: 'start', delimiter: 'semicolon', encoding: 'utf-8', header: 'yes', markMissing: 'on', ...columns } })
  return jobId
}

// ---------------------------------------------------------------------------------------------

describe('an import whose worker is killed with SIGKILL', () => {
  it('an apply killed halfway leaves the inventory exactly as before, and the next worker applies it', async () => {
    // 30,000 numbers, 5,000 of them held by a tenant; the file moves every one to another line and
    // brings 10,000 new ones: a merge of seconds, and the worker is killed in the middle of it.
    const { actor, buildingId, carrierId, tenantId, isdnId, sip1Id } = await building()
    await addNumbers(buildingId, isdnId, 31_206_000_000, 5_000, { tenantId })
    await addNumbers(buildingId, isdnId, 31_206_005_000, 15_000)
    await addNumbers(buildingId, sip1Id, 31_206_100_000, 10_000)
    const file = inventoryFile(lines(31_206_000_000, 20_000, 'SIP-1'), lines(31_206_100_000, 10_000, 'SIP-2'), lines(31_207_000_000, 10_000, 'SIP-2'))
    const jobId = await uploadAndRead(target.database, actor, buildingId, carrierId, 'inventory', file)
    expect((await getImportJob(target.database.db, { buildingId, jobId }))?.summary).toMatchObject({ counts: { new: 10_000, serviceChanged: 30_000, statusChanged: 0, missing: 0, unchanged: 0 } })
    await requestImportApply({ db: target.database.db, actor, buildingId, jobId, input: { confirm: 'yes' } })
    const before = await fingerprint(buildingId, jobId)
    expect(before).toMatchObject({ numbers: 30_000, allocations: 5_000, job_state: 'applying', import_changes: 0, applied_audits: 0 })

    await handOver()
    const worker = startWorker(['apply', jobId])
    if (target.driver === 'postgres') {
      // Killed while the server shows the merge writing inside its transaction.
      await worker.until('the worker writes the merge', async () =>
        (await workerBackends()).some((b) => b.state === 'active' && b.xid !== null && /\b(insert into|update)\s+(import_changes|numbers|number_ranges)\b/i.test(b.query ?? '')),
      )
    } else {
      // An embedded database cannot be watched from outside. The worker begins the merge's
      // transaction right after it says "started", and on PGlite the merge takes 5 to 12 seconds on
      // a two-core machine: two seconds later the transaction is in flight, and kill() fails the
      // test should the worker have finished after all.
      await worker.line((l) => l === 'started')
      await sleep(2_000)
    }
    await worker.kill()
    await takeBack()

    expect(await fingerprint(buildingId, jobId)).toEqual(before)

    expect(await runImportWork({ database: target.database })).toEqual([{ jobId, outcome: 'applied' }])
    expect.soft(await fingerprint(buildingId, jobId)).toMatchObject({
      numbers: 40_000,
      number_ranges: Number(before?.number_ranges) + 1,
      allocations: 5_000,
      job_state: 'applied',
      import_changes: 40_000,
      applied_audits: 1,
    })
    expect.soft(await numbersPerService(buildingId)).toEqual({
      'ISDN-1': { numbers: 0, active: 0, held: 0 },
      'SIP-1': { numbers: 20_000, active: 20_000, held: 5_000 },
      'SIP-2': { numbers: 20_000, active: 20_000, held: 0 },
    })
  }, 120_000)

  it('a read killed halfway leaves nothing behind that counts, and is read again once its lease lapses', async () => {
    // 2,000 numbers the file lists as they are, 150,000 new ones and three lines on a line the
    // building does not have: a read of seconds, killed once it has reported its first progress
    // (half a second in, with most of the file still to read).
    const { actor, buildingId, carrierId, isdnId } = await building()
    await addNumbers(buildingId, isdnId, 31_206_000_000, 2_000)
    const file = inventoryFile(lines(31_206_000_000, 2_000, 'ISDN-1'), lines(31_207_000_000, 150_000, 'SIP-1'), lines(31_208_000_000, 3, 'ISDN-9'))
    const jobId = await uploadAndMap(actor, buildingId, carrierId, file)
    const before = await fingerprint(buildingId, jobId)
    expect(before).toMatchObject({ numbers: 2_000, job_state: 'parsing' })

    await handOver()
    const worker = startWorker(['work', jobId])
    if (target.driver === 'postgres') {
      await worker.until('the read has reported progress', async () => (await job(jobId)).rows_done > 0)
    } else {
      // The worker reads the job's progress through its own connection and prints it.
      await worker.line((l) => l.startsWith('progress '))
    }
    await worker.kill()
    await takeBack()

    expect(await fingerprint(buildingId, jobId)).toEqual(before)
    expect(await job(jobId)).toMatchObject({ state: 'parsing', attempts: 1, leased: true })
    // While the dead worker's lease runs, no other worker takes the job.
    expect(await runImportWork({ database: target.database })).toEqual([])

    // Stands for the 30 seconds of the lease passing without the dead worker renewing it.
    await target.database.query(`update import_jobs set lease_until = now() - interval '1 second' where id = $1`, [jobId])
    expect(await runImportWork({ database: target.database })).toEqual([{ jobId, outcome: 'ready' }])

    // Counted once: every line of the file staged once, the three bad lines reported once.
    expect(await job(jobId)).toMatchObject({ state: 'ready', attempts: 2, staged: 152_003, errors: 3 })
    const read = await getImportJob(target.database.db, { buildingId, jobId })
    expect(read?.badRows).toBe(3)
    expect(read?.summary).toMatchObject({ rows: 152_000, numbers: 152_000, badRows: 3, counts: { new: 150_000, unchanged: 2_000, serviceChanged: 0, statusChanged: 0, missing: 0 } })
    expect(await fingerprint(buildingId, jobId)).toEqual({ ...before, job_state: 'ready' })
  }, 120_000)
})
