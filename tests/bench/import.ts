// npm run bench:import [-- --rows 1000000 --runs 2 --server-only]
//
// A carrier inventory file of a million numbers (`Nummer;Aansluiting;Status`, Dutch national numbers
// on 100 SIP trunks, all `Actief`) imported into a building on real PostgreSQL (DATABASE_URL as the
// admin URL, else postgres://postgres@127.0.0.1:5432/postgres; a scratch database per run, dropped at
// the end). Three scenarios:
// (a) the first load, every number new, and (b) the same file again into the building that now holds
//     them (the monthly reconciliation: nothing changes), each run `--runs` times in a fresh database,
//     in a child process that plays the server (tests/bench/import-server.ts) and calls the worker's
//     functions directly: its phases are timed there, with the raw SQL of the checks and the apply, and
//     its peak resident memory (VmHWM) is read just before it exits (this process polls its VmRSS every
//     50 ms as a cross-check). That child runs under tsx, whose loader thread and transpiled sources add
//     about 110 MiB: its RSS is CONTEXT ONLY, not the server's, and is not judged.
// (c) through the built server, once: `react-router build` when build/server/index.js is missing or
//     older than app/, db/ or the build's configuration; then react-router-serve ./build/server/index.js
//     started as production runs it (NODE_ENV=production, the scratch database, no VITEST* variables;
//     the binary spawned directly, so the child's pid is the server that runs the app), a facility
//     manager logged in over HTTP, the file uploaded as multipart/form-data (streamed from disk), the
//     mapping form posted, the job's state polled in the database every 200 ms until `ready` (the
//     server's worker looks every second), the apply posted and polled until `applied`. First load,
//     vacuum analyze, re-import of the same file, in the same server. The server's VmRSS is polled every
//     50 ms (idle before the upload, peak per phase) and its VmHWM read after each import and before it
//     is stopped with SIGTERM; the CPU column is the server's (all its threads, from /proc/<pid>/stat).
//     `--server-only` runs (c) alone (with floor A measured for it); `--runs` does not apply to (c).
//
// Floors, measured in the same run on the same database, three times each (median):
// - A: `psql \copy` of the same file into an UNLOGGED table of three text columns. The staging table
//   import_rows holds normalised values (E.164, the status enum, the job id, the line), so the raw
//   file cannot be copied into it; this is the same bytes through the same COPY path.
// - B: COPY of the normalised rows, as the worker generates them, into import_rows itself through
//   postgres.js (Database.copyIn): what PostgreSQL alone costs for the staging load (not with --server-only).
// Context rows split the read + stage phase: csv-parse alone over the same file with the import's
// options, our file reader (readRecords), the row reader, and the COPY text, none touching the database.
//
// Each phase also shows the CPU time of the process doing it (on a busy machine wall time waits for a
// core; CPU time does not), and the child lists the raw SQL statements of the checks and the apply
// with their times: with the node CPU near zero there, that is where PostgreSQL spends them.
//
// Targets (issue 6): the whole import at ≥ 0.5× floor A, peak RSS of the server process ≤ 256 MiB.
// Ratios are floor time / phase time: 0.5× means half the floor's speed in rows per second. For (c) the
// whole import is what the user waits for: upload, read + dry run (with the wait for the worker's
// round) and apply.
// Prints figures and ratios; exits 1 when the memory target is missed by the REAL SERVER of (c) (its
// VmHWM over its whole life, both imports), or when (c) does not complete; the tsx child's RSS of
// (a) and (b) is reported as context only (see the end for why the speed target is reported but does
// not fail the run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { parse } from 'csv-parse'
import { csvParseOptions } from '#app/domain/imports/format.ts'
import { createRowReader } from '#app/domain/imports/rows.ts'
import type { FileFormat } from '#app/domain/imports/types.ts'
import { readRecords, storeLocalFile } from '#app/server/import-files.server.ts'
import { openPostgres, type Database } from '#db/client.ts'
import { insertBuilding, insertCarrier, insertContract, insertService, insertUser, testPassword } from '#tests/support/factories.ts'
import { freePort } from '#tests/support/net.ts'
import type { ImportOrder, ImportReport, Phase } from './import-server.ts'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '2' },
    'server-only': { type: 'boolean', default: false },
  },
})
const serverOnly = values['server-only']
const rows = Number(values.rows)
const runs = Number(values.runs)
if (!Number.isInteger(rows) || rows < 1 || rows > 8_000_000 || !Number.isInteger(runs) || runs < 1) {
  console.error('--rows must be a whole number from 1 to 8,000,000 (010-2000000 onwards), --runs a whole number of at least 1')
  process.exit(2)
}
const targets = { wholeToFloor: 0.5, peakRssMiB: 256 }
const floorRuns = 3
const services = 100
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const format: FileFormat = { encoding: 'utf-8', bom: false, delimiter: ';', header: true }
const mapping = { number: 0, serviceRef: 1, status: 2 }
/** The facility manager of the benchmark building; (c) logs in as him with the factories' password. */
const managerEmail = 'import-bench@bench.example'
const copyStatement = 'COPY import_rows (job_id, line, e164, service_ref, status, amount_cents, description, problem) FROM STDIN WITH (FORMAT csv)'

const MiB = 1024 * 1024
const gc = (globalThis as { gc?: () => void }).gc
/** The middle value; for an even count the mean of the two middle ones. */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const sec = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1)
const perSecond = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US')
const ratio = (floorMs: number, ms: number) => `${(floorMs / ms).toFixed(floorMs / ms < 0.1 ? 3 : 2)}×`
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`
const runsOf = (xs: number[]) => xs.map(sec).join(' / ')

// ---------------------------------------------------------------------------------------------
// Scratch space: a temporary folder and the databases this run creates, removed at the end or when
// the run is interrupted.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-bench-import-'))
const createdDatabases: string[] = []
/** The import process or the build while one runs, and the server of (c) (stopped on an interruption). */
const running: { child: ChildProcess | null; server: ChildProcess | null } = { child: null, server: null }

function databaseUrl(name: string) {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function createDatabase(name: string): Promise<Database> {
  const admin = openPostgres(adminUrl, { max: 1 })
  try {
    await admin.query(`create database ${name}`)
    createdDatabases.push(name)
  } finally {
    await admin.close()
  }
  return openPostgres(databaseUrl(name))
}

async function dropDatabases() {
  if (createdDatabases.length === 0) return
  const admin = openPostgres(adminUrl, { max: 1 })
  try {
    for (const name of createdDatabases.splice(0)) await admin.query(`drop database if exists ${name} with (force)`)
  } finally {
    await admin.close()
  }
}

// Ctrl-C skips `finally`: stop the children, drop the databases with psql and remove the folder first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (running.child?.exitCode === null) running.child.kill('SIGKILL')
    if (running.server?.exitCode === null) running.server.kill('SIGKILL')
    for (const name of createdDatabases) spawnSync('psql', [adminUrl, '-X', '-q', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore' })
    fs.rmSync(tmp, { recursive: true, force: true })
    process.exit(130)
  })
}

// ---------------------------------------------------------------------------------------------
// The carrier file

/** `010-2000000;SIP-0;Actief`, …: consecutive numbers, each trunk a block of rows/100 of them, CRLF as Excel writes. */
async function writeCarrierFile(file: string) {
  const perService = Math.ceil(rows / services)
  const out = fs.createWriteStream(file)
  out.write('Nummer;Aansluiting;Status\r\n')
  for (let from = 0; from < rows; from += 10_000) {
    let text = ''
    for (let i = from; i < Math.min(rows, from + 10_000); i++) text += `010-${2_000_000 + i};SIP-${Math.floor(i / perService)};Actief\r\n`
    if (!out.write(text)) await once(out, 'drain')
  }
  out.end()
  await finished(out)
  return fs.statSync(file).size
}

/** A migrated database with a facility manager, a building, a carrier's contract and its 100 SIP trunks. */
async function prepareDatabase(name: string) {
  const database = await createDatabase(name)
  await database.migrate()
  const db = database.db
  const actor = await insertUser(db, { email: managerEmail, name: 'Import bench' })
  const building = await insertBuilding(db, { name: 'Bedrijvencentrum Benchmark' }, [actor])
  const carrier = await insertCarrier(db, 'Benchmark Carrier')
  const contract = await insertContract(db, building.id, { carrierId: carrier.id })
  for (let i = 0; i < services; i++) await insertService(db, building.id, contract.id, { kind: 'sip_trunk', carrierRef: `SIP-${i}` })
  return { database, actor, buildingId: building.id, carrierId: carrier.id }
}

// ---------------------------------------------------------------------------------------------
// The import, in a child process that plays the server

interface Measured {
  report: ImportReport
  /** The largest VmRSS this process saw while polling the child every 50 ms. */
  polledPeak: number
}

async function runImport(url: string, order: ImportOrder, importFolder: string): Promise<Measured> {
  const started = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/bench/import-server.ts', JSON.stringify(order)], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, SHAREDLINE_IMPORT_DIR: importFolder },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  running.child = started
  let stdout = ''
  started.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  let polledPeak = 0
  const poll = setInterval(() => {
    try {
      const status = fs.readFileSync(`/proc/${started.pid}/status`, 'utf8')
      polledPeak = Math.max(polledPeak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024)
    } catch {
      // The child has just exited.
    }
  }, 50)
  try {
    const [code] = (await once(started, 'close')) as [number | null]
    if (code !== 0) throw new Error(`the import process exited with ${code}`)
  } finally {
    clearInterval(poll)
    running.child = null
  }
  return { report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ImportReport, polledPeak }
}

// ---------------------------------------------------------------------------------------------
// Floors and the split of read + stage (this process)

/** COPY row text as the worker writes it (carrier-imports.server.ts): CSV, NULL an empty unquoted field. */
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  const s = String(value)
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * The worker's read + stage without the database: the file's records, normalised, as COPY text per
 * batch — kept only with `keep` (for floor B), else dropped like the worker's once sent.
 */
async function normalisedRows(storedFile: string, jobId: string, upTo: 'records' | 'rows' | 'text', keep = false): Promise<string[]> {
  const read = createRowReader('inventory', mapping)
  const chunks: string[] = []
  let records = 0
  for await (const batch of readRecords(storedFile, format)) {
    records += batch.records.length
    if (upTo === 'records') continue
    let text = ''
    for (const { line, cells } of batch.records) {
      const row = read(cells)
      if (!row.ok || row.numbers === null) throw new Error(`line ${line} was not read: ${JSON.stringify(row)}`)
      if (upTo === 'rows') continue
      const tail = `,${csvCell(row.serviceRef)},${csvCell(row.status)},`
      const first = Number(row.numbers.first.slice(1))
      for (let i = 0; i < row.numbers.count; i++) text += `${jobId},${line},+${first + i}${tail},,\n`
    }
    if (keep) chunks.push(text)
  }
  if (records !== rows) throw new Error(`read ${records} records, expected ${rows}`)
  return chunks
}

/** csv-parse alone: the file's bytes through the parser with the import's options, records counted. */
async function parseOnly(file: string) {
  let records = 0
  const parser = fs.createReadStream(file, { highWaterMark: MiB }).pipe(parse({ ...csvParseOptions(format), skip_empty_lines: false }))
  parser.on('data', () => records++)
  await finished(parser)
  if (records !== rows + 1) throw new Error(`csv-parse read ${records} records, expected ${rows + 1}`)
}

interface Timing {
  median: number
  samples: number[]
  /** CPU time of this process (user + system, all threads), median; psql's own is not in it. */
  cpu: number
}

async function timed(times: number, prepare: () => Promise<unknown>, fn: () => Promise<unknown>): Promise<Timing> {
  const samples: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < times; i++) {
    await prepare()
    gc?.()
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
  }
  return { median: median(samples), samples, cpu: median(cpu) }
}

async function measureFloors(database: Database, url: string, file: string) {
  const noPrep = async () => {}
  // The split of read + stage, in the order the worker does it; context, so once each.
  const parserOnly = await timed(1, noPrep, () => parseOnly(file))
  const stored = await storeLocalFile(file)
  const jobId = randomUUID()
  const reader = await timed(1, noPrep, () => normalisedRows(stored.storedFile, jobId, 'records'))
  const rowReader = await timed(1, noPrep, () => normalisedRows(stored.storedFile, jobId, 'rows'))
  const copyText = await timed(1, noPrep, () => normalisedRows(stored.storedFile, jobId, 'text'))
  const chunks = await normalisedRows(stored.storedFile, jobId, 'text', true)

  const psql = await measureFloorA(database, url, file)

  // Floor B: the normalised rows into import_rows, through the driver the worker uses.
  const copy = await timed(
    floorRuns,
    () => database.query('truncate import_rows'),
    () =>
      database.copyIn(
        copyStatement,
        (async function* () {
          yield* chunks
        })(),
      ),
  )
  await expectCount(database, 'import_rows', rows)
  await database.query('truncate import_rows')
  return { parserOnly, reader, rowReader, copyText, psql, copy, normalisedMiB: chunks.reduce((n, c) => n + c.length, 0) / MiB }
}

/** Floor A: psql \copy of the file into a table shaped like the file. */
async function measureFloorA(database: Database, url: string, file: string): Promise<Timing> {
  await database.query('create unlogged table bench_carrier_file (nummer text, aansluiting text, status text)')
  const psql = await timed(
    floorRuns,
    () => database.query('truncate bench_carrier_file'),
    async () => {
      const copied = spawnSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_carrier_file FROM '${file}' WITH (FORMAT csv, HEADER, DELIMITER ';')`], { encoding: 'utf8' })
      if (copied.status !== 0) throw new Error(`psql \\copy failed: ${copied.stderr || copied.error?.message}`)
    },
  )
  await expectCount(database, 'bench_carrier_file', rows)
  await database.query('drop table bench_carrier_file')
  return psql
}

async function expectCount(database: Database, table: string, expected: number) {
  const [row] = await database.query(`select count(*)::int as n from ${table}`)
  if (row?.n !== expected) throw new Error(`${table} holds ${String(row?.n)} rows, expected ${expected}`)
}

// ---------------------------------------------------------------------------------------------
// (c) Through the built server: react-router-serve as production runs it, driven over HTTP

const serverEntry = 'build/server/index.js'
const serverPollMs = 50
const statePollMs = 200
/** How long one phase may take before the run gives up on the server (a 1,000,000-row phase takes under a minute). */
const phaseDeadlineMs = 30 * 60_000

type ServerPhase = 'upload' | 'read' | 'apply'

interface ServedImport {
  /** Wall milliseconds: the three phases, the whole (upload start → applied seen), and parts of them. */
  ms: Record<ServerPhase, number> & { whole: number; mappingRequest: number; workerWait: number; applyRequest: number }
  /** CPU milliseconds of the server process (user + system, all its threads) per phase. */
  cpuMs: Record<ServerPhase, number>
  memory: {
    /** The server's VmRSS just before the upload. */
    idle: number
    /** The largest VmRSS seen per phase (polled every 50 ms). */
    peakIn: Record<ServerPhase, number>
    /** The server's VmHWM when this import had been applied: its peak since it started. */
    hwm: number
  }
  dryRun: Record<string, number>
  applied: Record<string, number>
}

interface Served {
  first: ServedImport
  again: ServedImport
  vacuum: number
  /** Floor A measured for (c) when (a) and (b) did not run (--server-only). */
  floorA: Timing | null
  build: string
  /** The server process: its pid, command line and executable, as /proc shows them. */
  pid: number
  cmdline: string
  exe: string
  /** Until the server answered GET /login. */
  startMs: number
  /** VmRSS after start, login and one page (the import list), before any upload. */
  idleAfterStart: number
  /** VmHWM just before the server was stopped: its whole life, both imports. */
  hwm: number
  polledPeak: number
  log: string[]
  stoppedBy: 'SIGTERM' | 'SIGKILL'
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^(\w+):\s+(\d+)/gm
  for (let m = kb.exec(status); m; m = kb.exec(status)) if (m[1] === field) return Number(m[2]) * 1024
  throw new Error(`no ${field} in /proc/${pid}/status`)
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100
/** CPU time of a process (user + system, all threads) in milliseconds, from /proc/<pid>/stat. */
function procCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000
}

/** The server's VmRSS every 50 ms: the largest overall and per phase of the import under way. */
function watchRss(pid: number) {
  let phase: ServerPhase | null = null
  let peaks: Record<ServerPhase, number> = { upload: 0, read: 0, apply: 0 }
  let overall = 0
  const sample = () => {
    try {
      const rss = procStatus(pid, 'VmRSS')
      overall = Math.max(overall, rss)
      if (phase) peaks[phase] = Math.max(peaks[phase], rss)
    } catch {
      // The server has just exited.
    }
  }
  const timer = setInterval(sample, serverPollMs)
  return {
    /** Starts a new import's peaks. */
    reset() {
      peaks = { upload: 0, read: 0, apply: 0 }
      return peaks
    },
    /** Moves on to the next phase, sampling at the boundary so each phase has its first and last moment. */
    enter(next: ServerPhase | null) {
      sample()
      phase = next
      sample()
    },
    overall: () => overall,
    stop: () => clearInterval(timer),
  }
}

/** Builds the production server when its build is missing or older than its sources. */
async function ensureBuild(): Promise<string> {
  const newest = (entry: string): number => {
    const stat = fs.statSync(entry)
    if (!stat.isDirectory()) return stat.mtimeMs
    return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))))
  }
  const sources = Math.max(...['app', 'db', 'react-router.config.ts', 'vite.config.ts', 'package.json'].filter((p) => fs.existsSync(p)).map(newest))
  if (fs.existsSync(serverEntry) && fs.statSync(serverEntry).mtimeMs > sources) return `${serverEntry} newer than app/ and db/, not rebuilt`
  const start = performance.now()
  const build = spawn(path.join('node_modules', '.bin', 'react-router'), ['build'], { stdio: ['ignore', 'pipe', 'pipe'] })
  running.child = build
  let output = ''
  build.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text))
  build.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text))
  try {
    const [code] = (await once(build, 'close')) as [number | null]
    if (code !== 0 || !fs.existsSync(serverEntry)) throw new Error(`react-router build failed (${code}):\n${output}`)
  } finally {
    running.child = null
  }
  return `react-router build in ${sec(performance.now() - start)} s`
}

/** The environment of the server: production, the scratch database, no VITEST* flags (they would stop its worker). */
function serverEnv(url: string, port: number, importFolder: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _admin, ...inherited } = process.env
  return {
    ...Object.fromEntries(Object.entries(inherited).filter(([key]) => !key.startsWith('VITEST'))),
    NODE_ENV: 'production',
    DATABASE_URL: url,
    HOST: '127.0.0.1',
    PORT: String(port),
    SESSION_SECRET: 'import-bench-session-secret-0123',
    SHAREDLINE_IMPORT_DIR: importFolder,
    IMPORT_MAX_MB: '500',
  }
}

/** react-router-serve on a free port, answering GET /login; its output kept line by line. */
async function startServer(url: string, importFolder: string) {
  const port = await freePort()
  const started = performance.now()
  // The binary itself (a node script): the child's pid is the node process that runs the app.
  const server = spawn(path.resolve('node_modules', '.bin', 'react-router-serve'), [`./${serverEntry}`], {
    env: serverEnv(url, port, importFolder),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.server = server
  const log: string[] = []
  for (const stream of [server.stdout, server.stderr]) {
    let partial = ''
    stream?.setEncoding('utf8').on('data', (text: string) => {
      const lines = (partial + text).split('\n')
      partial = lines.pop() ?? ''
      log.push(...lines)
    })
  }
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    const up = await fetch(`${base}/login`).then(
      async (res) => (await res.arrayBuffer(), res.ok),
      () => false,
    )
    if (up) break
    if (Date.now() > deadline || server.exitCode !== null || server.signalCode !== null) throw new Error(`the server did not start:\n${log.join('\n')}`)
    await sleep(100)
  }
  const pid = server.pid
  if (pid === undefined) throw new Error('the server has no pid')
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  const exe = fs.readlinkSync(`/proc/${pid}/exe`)
  if (!cmdline.some((arg) => arg.endsWith('react-router-serve')) || !cmdline.some((arg) => arg.endsWith(serverEntry)) || !/node/.test(path.basename(exe))) {
    throw new Error(`pid ${pid} is not the server: ${exe} ${cmdline.join(' ')}`)
  }
  return { server, base, log, pid, cmdline: cmdline.join(' '), exe, startMs: performance.now() - started }
}

/** Stops the server: SIGTERM (it closes its listener, its worker and its pool), SIGKILL after 10 s. */
async function stopServer(server: ChildProcess): Promise<'SIGTERM' | 'SIGKILL'> {
  if (server.exitCode !== null || server.signalCode !== null) return 'SIGTERM'
  const exited = once(server, 'exit')
  server.kill('SIGTERM')
  let by: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'
  const timer = setTimeout(() => {
    by = 'SIGKILL'
    server.kill('SIGKILL')
  }, 10_000)
  await exited
  clearTimeout(timer)
  return by
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A browser's side of the conversation: the session cookie kept, redirects not followed. */
function browser(base: string) {
  let cookie = ''
  const send = async (pathname: string, init: { method?: string; body?: FormData | URLSearchParams } = {}) => {
    const res = await fetch(`${base}${pathname}`, { ...init, headers: { cookie, accept: 'text/html' }, redirect: 'manual' })
    const session = res.headers.getSetCookie().find((c) => c.startsWith('sl_session='))
    if (session) cookie = session.split(';')[0]!
    return { status: res.status, location: res.headers.get('location'), text: await res.text() }
  }
  /** A form post the action answers with a redirect; its Location. */
  const post = async (pathname: string, body: FormData | URLSearchParams, what: string) => {
    const res = await send(pathname, { method: 'POST', body })
    if (res.status !== 302 || !res.location) throw new Error(`${what}: POST ${pathname} answered ${res.status}, not a redirect: ${res.text.slice(0, 600)}`)
    return res.location
  }
  return {
    async logIn(email: string, password: string) {
      await post('/login', new URLSearchParams({ email, password }), `login as ${email}`)
      if (!cookie) throw new Error(`login as ${email}: no session cookie`)
    },
    async get(pathname: string) {
      const res = await send(pathname)
      if (res.status !== 200) throw new Error(`GET ${pathname} answered ${res.status}`)
    },
    post,
  }
}

interface JobRow {
  state: string
  error: string | null
  bad_rows: number
  summary: { counts?: Record<string, number>; applied?: Record<string, number> } | null
  /** When the worker started the job's phase (epoch milliseconds, as text or a number). */
  phase_started_ms: number | string | null
}

/** Polls the job's state in the database every 200 ms until it reaches `want`; when it was seen there. */
async function waitForState(database: Database, jobId: string, want: 'ready' | 'applied', server: ChildProcess, log: string[]) {
  const deadline = performance.now() + phaseDeadlineMs
  for (;;) {
    const [job] = (await database.query('select state, error, bad_rows, summary, (extract(epoch from phase_started_at) * 1000)::float8 as phase_started_ms from import_jobs where id = $1', [jobId])) as unknown as JobRow[]
    if (!job) throw new Error(`import ${jobId} is not in the database`)
    if (job.state === want) return { seen: performance.now(), job }
    const tail = () => log.slice(-20).join('\n')
    if (job.state === 'failed' || job.state === 'cancelled') throw new Error(`import ${jobId} ended ${job.state}: ${job.error ?? ''}\nserver log:\n${tail()}`)
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the server exited (${server.exitCode ?? server.signalCode}) with the import ${job.state}:\n${tail()}`)
    if (performance.now() > deadline) throw new Error(`import ${jobId} still ${job.state} after ${phaseDeadlineMs / 60_000} minutes:\n${tail()}`)
    await sleep(statePollMs)
  }
}

/** One import as a facility manager does it in the browser: upload, mapping, dry run, apply. */
async function importOverHttp(
  ctx: { database: Database; http: ReturnType<typeof browser>; server: ChildProcess; pid: number; log: string[]; watch: ReturnType<typeof watchRss>; buildingId: string; carrierId: string; file: string },
  expect: 'new' | 'unchanged',
): Promise<ServedImport> {
  const { database, http, server, pid, log, watch, buildingId } = ctx
  const peakIn = watch.reset()
  const idle = procStatus(pid, 'VmRSS')
  const cpu0 = procCpuMs(pid)
  const t0 = performance.now()
  watch.enter('upload')
  // Streamed from disk: the Blob is the file, read as the request body goes out.
  const form = new FormData()
  form.append('kind', 'inventory')
  form.append('carrierId', ctx.carrierId)
  form.append('file', await fs.openAsBlob(ctx.file, { type: 'text/csv' }), path.basename(ctx.file))
  const location = await http.post(`/buildings/${buildingId}/imports`, form, 'the upload')
  const jobId = /\/imports\/([0-9a-f-]{36})$/.exec(location)?.[1]
  if (!jobId) throw new Error(`the upload redirected to ${location}, not to an import`)
  const t1 = performance.now()
  const cpu1 = procCpuMs(pid)

  watch.enter('read')
  const mapping = { intent: 'start', delimiter: 'semicolon', encoding: 'utf-8', header: 'yes', 'col.number': '0', 'col.serviceRef': '1', 'col.status': '2', markMissing: 'on' }
  await http.post(`/buildings/${buildingId}/imports/${jobId}`, new URLSearchParams(mapping), 'the mapping form')
  const mapped = performance.now()
  const mappedAt = Date.now()
  const ready = await waitForState(database, jobId, 'ready', server, log)
  const t2 = ready.seen
  const cpu2 = procCpuMs(pid)
  const dryRun = ready.job.summary?.counts ?? {}
  if (ready.job.bad_rows !== 0 || dryRun[expect] !== rows) throw new Error(`unexpected dry run (${ready.job.bad_rows} bad rows): ${JSON.stringify(dryRun)}`)
  // The worker stamps the start of its read; before that the job waited for the worker's next round.
  const workerWait = ready.job.phase_started_ms === null ? Number.NaN : Math.max(0, Number(ready.job.phase_started_ms) - mappedAt)

  watch.enter('apply')
  await http.post(`/buildings/${buildingId}/imports/${jobId}`, new URLSearchParams({ intent: 'apply', confirm: 'yes' }), 'the apply form')
  const applyRequested = performance.now()
  const applied = await waitForState(database, jobId, 'applied', server, log)
  const t3 = applied.seen
  const cpu3 = procCpuMs(pid)
  watch.enter(null)
  const hwm = procStatus(pid, 'VmHWM')
  return {
    ms: { upload: t1 - t0, read: t2 - t1, apply: t3 - t2, whole: t3 - t0, mappingRequest: mapped - t1, workerWait, applyRequest: applyRequested - t2 },
    cpuMs: { upload: cpu1 - cpu0, read: cpu2 - cpu1, apply: cpu3 - cpu2 },
    memory: { idle, peakIn, hwm },
    dryRun,
    applied: applied.job.summary?.applied ?? {},
  }
}

/** Scenario (c): a scratch database, the built server on it, first load and re-import over HTTP. */
async function runServerScenario(file: string): Promise<Served> {
  const build = await ensureBuild()
  const name = `sharedline_bench_import_${process.pid}_server`
  const url = databaseUrl(name)
  let start = performance.now()
  const { database, buildingId, carrierId } = await prepareDatabase(name)
  let started: Awaited<ReturnType<typeof startServer>> | null = null
  let watch: ReturnType<typeof watchRss> | null = null
  try {
    let floorA: Timing | null = null
    if (serverOnly) {
      const version = String((await database.query('show server_version'))[0]?.server_version ?? '?')
      console.log(`PostgreSQL ${version}; scratch database migrated with a building, a contract and ${services} services in ${sec(performance.now() - start)} s`)
      floorA = await measureFloorA(database, url, file)
    }
    console.log(`(c) ${build}`)
    started = await startServer(url, path.join(tmp, 'imports-served'))
    const { server, base, log, pid } = started
    watch = watchRss(pid)
    const http = browser(base)
    await http.logIn(managerEmail, testPassword)
    // The page a facility manager opens to upload: the server has rendered it once before the import.
    await http.get(`/buildings/${buildingId}/imports`)
    await sleep(1_000)
    const idleAfterStart = procStatus(pid, 'VmRSS')
    const ctx = { database, http, server, pid, log, watch, buildingId, carrierId, file }
    const first = await importOverHttp(ctx, 'new')
    console.log(`(c) first load through the server ${sec(first.ms.whole)} s, server VmHWM ${mib(first.memory.hwm)}; load average ${load()}`)
    start = performance.now()
    await database.query('vacuum analyze')
    const vacuum = performance.now() - start
    const again = await importOverHttp(ctx, 'unchanged')
    const hwm = procStatus(pid, 'VmHWM')
    console.log(`(c) re-import through the server   ${sec(again.ms.whole)} s, server VmHWM ${mib(hwm)}; load average ${load()}`)
    watch.stop()
    const stoppedBy = await stopServer(server)
    running.server = null
    return { first, again, vacuum, floorA, build, pid, cmdline: started.cmdline, exe: started.exe, startMs: started.startMs, idleAfterStart, hwm, polledPeak: watch.overall(), log, stoppedBy }
  } catch (error) {
    if (started) console.error(`(c) failed; the server's log:\n${started.log.join('\n')}`)
    throw error
  } finally {
    watch?.stop()
    if (started) await stopServer(started.server)
    running.server = null
    await database.close()
    await dropDatabases()
  }
}

// ---------------------------------------------------------------------------------------------
// The run

type Scenario = 'first' | 'again'
const results: Record<Scenario, Measured[]> = { first: [], again: [] }
const vacuums: number[] = []
let floors: Awaited<ReturnType<typeof measureFloors>> | null = null
let served: Served | null = null
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ')

try {
  const file = path.join(tmp, 'carrier-inventory.csv')
  let start = performance.now()
  const fileBytes = await writeCarrierFile(file)
  console.log(
    `Carrier import benchmark: ${rows.toLocaleString('en-US')} numbers on ${services} SIP trunks, ${(fileBytes / MiB).toFixed(1)} MiB (generated in ${sec(performance.now() - start)} s); ` +
      `${serverOnly ? '(c) only' : `${runs} run(s) of (a) and (b), (c) once`}, floors ${floorRuns}× each; medians${gc ? '' : ' (no --expose-gc)'}`,
  )
  console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.versions.node}; load average at the start ${load()}`)
  process.env.SHAREDLINE_IMPORT_DIR = path.join(tmp, 'imports-bench')

  for (let run = 0; run < (serverOnly ? 0 : runs); run++) {
    const name = `sharedline_bench_import_${process.pid}_${run}`
    start = performance.now()
    const { database, actor, buildingId, carrierId } = await prepareDatabase(name)
    try {
      if (run === 0) {
        const version = String((await database.query('show server_version'))[0]?.server_version ?? '?')
        console.log(`PostgreSQL ${version}; scratch database migrated with a building, a contract and ${services} services in ${sec(performance.now() - start)} s`)
        floors = await measureFloors(database, databaseUrl(name), file)
        gc?.()
      }
      const folder = path.join(tmp, `imports-server-${run}`)
      const order = { file, buildingId, carrierId, actor, rows }
      const first = await runImport(databaseUrl(name), { ...order, expect: 'new' }, folder)
      results.first.push(first)
      console.log(`run ${run + 1}: (a) first load ${sec(wholeOf(first))} s, peak RSS of the tsx child ${mib(first.report.memory.peak)}; load average ${load()}`)
      // A month passes before the next file: autovacuum has long analysed the million new numbers.
      // Done explicitly so the re-import does not depend on whether autovacuum came round yet.
      start = performance.now()
      await database.query('vacuum analyze')
      vacuums.push(performance.now() - start)
      const again = await runImport(databaseUrl(name), { ...order, expect: 'unchanged' }, folder)
      results.again.push(again)
      console.log(`run ${run + 1}: (b) re-import   ${sec(wholeOf(again))} s, peak RSS of the tsx child ${mib(again.report.memory.peak)}; load average ${load()}`)
    } finally {
      await database.close()
      await dropDatabases()
    }
  }
  // A failure of (c) still lets (a) and (b) be reported; it fails the run after that.
  let serverFailure: unknown = null
  try {
    served = await runServerScenario(file)
  } catch (error) {
    serverFailure = error
  }
  report()
  if (serverFailure) throw serverFailure
} finally {
  if (running.child?.exitCode === null) running.child.kill('SIGKILL')
  if (running.server?.exitCode === null) running.server.kill('SIGKILL')
  await dropDatabases()
  fs.rmSync(tmp, { recursive: true, force: true })
}

function wholeOf(m: Measured) {
  return m.report.ms.stage + m.report.ms.checks + m.report.ms.apply
}

/** The statements of a phase, each the median over the runs (the runs issue the same ones in the same order). */
function statementsOf(measured: Measured[], phase: Phase) {
  const lists = measured.map((m) => m.report.statements.filter((s) => s.phase === phase))
  return (lists[0] ?? []).map((s, i) => ({ sql: s.sql, ms: median(lists.map((l) => l[i]?.ms ?? 0)) }))
}

/** The table's rows and headings: seconds, CPU seconds, rows per second and the ratios to the floors. */
function table(floorA: number, floorB: number | null) {
  const cpuCell = (cpu: number | null) => (cpu === null ? '' : sec(cpu)).padStart(7)
  const row = (label: string, ms: number, cpu: number | null, extra = '') =>
    console.log(
      `  ${label.padEnd(52)} ${sec(ms).padStart(7)} ${cpuCell(cpu)} ${perSecond(ms).padStart(11)} ${ratio(floorA, ms).padStart(9)} ${(floorB === null ? '' : ratio(floorB, ms)).padStart(9)}${extra}`,
    )
  const head = (title: string) =>
    console.log(`\n${title.padEnd(54)} ${'seconds'.padStart(7)} ${'CPU s'.padStart(7)} ${'rows/s'.padStart(11)} ${'× floor A'.padStart(9)} ${'× floor B'.padStart(9)}`)
  return { row, head }
}

function judged(ok: boolean) {
  return ok ? 'PASS' : 'MISS'
}

function report() {
  const floorATiming = floors?.psql ?? served?.floorA ?? null
  if (!floorATiming) {
    process.exitCode = 1
    return
  }
  const floorA = floorATiming.median
  const { row, head } = table(floorA, floors?.copy.median ?? null)
  const scenarios: [Scenario, string][] = [
    ['first', `(a) first load: ${rows.toLocaleString('en-US')} new numbers`],
    ['again', '(b) re-import of the same file: nothing changes'],
  ]
  if (floors) reportChild(floors, row, head, scenarios)
  else {
    head('Floor (same file, same database, same run)')
    row('A: psql \\copy of the file, 3 text columns, UNLOGGED', floorA, null, `   runs ${runsOf(floorATiming.samples)}`)
  }
  if (served) reportServer(served, floorA, row, head)
  else console.log('\n(c) through the built server: did not complete (the error follows)')

  console.log(`\nload average at the end ${load()}`)
  if (floors) {
    for (const [key, title] of scenarios) {
      const whole = median(results[key].map(wholeOf))
      const peak = Math.max(...results[key].map((m) => m.report.memory.peak))
      console.log(
        `${title.split(':')[0]}: whole import ${ratio(floorA, whole)} floor A (target ≥ ${targets.wholeToFloor}×) ${judged(floorA / whole >= targets.wholeToFloor)}; ` +
          `peak RSS of the tsx child ${mib(peak)} (context only, not the server: not judged)`,
      )
    }
  }
  const small = (bytes: number) => bytes <= targets.peakRssMiB * MiB
  if (served) {
    for (const [key, title] of [['first', '(c) first load through the built server'], ['again', '(c) re-import through the built server']] as const) {
      const m = served[key]
      const hwm = key === 'first' ? m.memory.hwm : served.hwm
      console.log(
        `${title}: whole import (upload included) ${ratio(floorA, m.ms.whole)} floor A (target ≥ ${targets.wholeToFloor}×) ${judged(floorA / m.ms.whole >= targets.wholeToFloor)}; ` +
          `server VmHWM ${key === 'first' ? 'since its start' : 'over its whole life'} ${mib(hwm)} (target ≤ ${targets.peakRssMiB} MiB) ${judged(small(hwm))}`,
      )
    }
  }
  // Only the memory target fails the run, as the other benchmarks fail on their limits: it bounds
  // what a big file may do to the server, so it is judged on the real server of (c) — the built app
  // under react-router-serve — over its whole life; the tsx child of (a) and (b) carries the loader's
  // ~110 MiB and is context. The speed target is measured against a floor that does no work at all
  // (no parsing, no checks, no merge into six indexes), so it is a goal to report honestly, not a
  // regression guard: a MISS here says how far the import is from it.
  process.exitCode = served && small(served.hwm) ? 0 : 1
}

type Table = ReturnType<typeof table>

/** Floors, the split of read + stage, and scenarios (a) and (b) in the child that plays the server. */
function reportChild(f: NonNullable<typeof floors>, row: Table['row'], head: Table['head'], scenarios: [Scenario, string][]) {
  const floorA = f.psql.median
  head('Floors (same file, same database, same run)')
  row('A: psql \\copy of the file, 3 text columns, UNLOGGED', floorA, null, `   runs ${runsOf(f.psql.samples)}`)
  row('B: COPY of the normalised rows into import_rows', f.copy.median, f.copy.cpu, `   runs ${runsOf(f.copy.samples)}; ${f.normalisedMiB.toFixed(0)} MiB of COPY text`)
  console.log('  (import_rows holds normalised values — job id, line, E.164, status enum — so the raw file cannot be')
  console.log('   copied into it: floor A copies the same bytes into a table shaped like the file, floor B the rows')
  console.log('   the worker generates, through postgres.js as the worker does; CPU s is this process only)')

  head('Where read + stage goes (this process, no database, once)')
  row('csv-parse alone, same options (csvParseOptions)', f.parserOnly.median, f.parserOnly.cpu)
  row('+ decoding, batches, line numbers (readRecords)', f.reader.median, f.reader.cpu)
  row('+ row reader (E.164, service, status)', f.rowReader.median, f.rowReader.cpu)
  row('+ COPY text built as the worker builds it', f.copyText.median, f.copyText.cpu)

  for (const [key, title] of scenarios) {
    const measured = results[key]
    const of = (pick: (r: ImportReport) => number) => median(measured.map((m) => pick(m.report)))
    const whole = median(measured.map(wholeOf))
    const peak = Math.max(...measured.map((m) => m.report.memory.peak))
    const polled = Math.max(...measured.map((m) => m.polledPeak))
    const peakIn = (phase: Phase) => mib(Math.max(...measured.map((m) => m.report.memory.peakIn[phase])))
    const stage = of((r) => r.ms.stage)
    const producing = of((r) => r.ms.stageProducing)
    head(title)
    row('1 read + stage (read, parse, normalise, COPY)', stage, of((r) => r.cpuMs.stage))
    console.log(`    of which producing the COPY text ${sec(producing)} s, the rest (PostgreSQL holding it back, job updates) ${sec(stage - producing)} s`)
    row('2 checks + dry run', of((r) => r.ms.checks), of((r) => r.cpuMs.checks))
    row('3 apply (one transaction)', of((r) => r.ms.apply), of((r) => r.cpuMs.apply))
    row('whole import (1+2+3)', whole, null, `   ${judged(floorA / whole >= targets.wholeToFloor)} (target ≥ ${targets.wholeToFloor}× floor A); runs ${runsOf(measured.map(wholeOf))}`)
    console.log(
      `  ${'peak RSS of the tsx child (VmHWM), context only'.padEnd(52)} ${mib(peak).padStart(7)}   not judged: ≈110 MiB of it is tsx; the target is judged on (c); polled VmRSS max ${mib(polled)}`,
    )
    console.log(
      `    before the import ${mib(of((r) => r.memory.rssBefore))}; peak in read + stage ${peakIn('stage')}, checks ${peakIn('checks')}, apply ${peakIn('apply')}; ` +
        `V8 heap peak ${mib(of((r) => r.memory.heapPeak))}, after the import and a full GC ${mib(of((r) => r.memory.heapAfterGc))}`,
    )
    console.log(
      `  not in the phases: upload (file copied into the import folder) ${sec(of((r) => r.ms.upload))} s, start + mapping ${sec(of((r) => r.ms.start))} s, apply request ${sec(of((r) => r.ms.request))} s` +
        (key === 'again' ? `; vacuum analyze before it ${sec(median(vacuums))} s` : ''),
    )
    for (const phase of ['checks', 'apply'] as const) {
      const phaseMs = of((r) => r.ms[phase])
      const listed = statementsOf(measured, phase).filter((s) => s.ms >= 0.03 * phaseMs)
      console.log(`  ${phase === 'checks' ? 'checks + dry run' : 'apply'}: raw SQL statements taking ≥ 3% of the phase`)
      for (const s of listed) console.log(`    ${sec(s.ms).padStart(6)} s  ${s.sql.length > 96 ? `${s.sql.slice(0, 95)}…` : s.sql}`)
    }
    console.log(`  dry run ${JSON.stringify(measured[0]?.report.dryRun)}; applied ${JSON.stringify(measured[0]?.report.applied)}`)
  }
}

/** A line of the server's output that is not a request answered below 500 (morgan "tiny") or its start. */
function noteworthy(line: string) {
  return line.trim() !== '' && !/^\[react-router-serve\] http:/.test(line) && !/^(GET|POST|HEAD) \S+ [1-4]\d\d /.test(line)
}

/** Scenario (c): the built server over HTTP; CPU s is the server process's own. */
function reportServer(s: Served, floorA: number, row: Table['row'], head: Table['head']) {
  const scenarios = [
    ['first', `(c) built server, first load: ${rows.toLocaleString('en-US')} new numbers`],
    ['again', '(c) built server, re-import: nothing changes'],
  ] as const
  for (const [key, title] of scenarios) {
    const m = s[key]
    head(title)
    row('1 upload (multipart POST, streamed to the folder)', m.ms.upload, m.cpuMs.upload)
    row('2 read + dry run (mapping POST → job ready)', m.ms.read, m.cpuMs.read)
    console.log(
      `    of which the mapping request ${sec(m.ms.mappingRequest)} s, waiting for the worker's round ${sec(m.ms.workerWait)} s ` +
        `(it looks every second; the state is polled every ${statePollMs} ms)`,
    )
    row('3 apply (apply POST → job applied)', m.ms.apply, m.cpuMs.apply)
    console.log(`    of which the apply request ${sec(m.ms.applyRequest)} s, then the worker's round and the merge`)
    const cpu = m.cpuMs.upload + m.cpuMs.read + m.cpuMs.apply
    row('whole import (1+2+3)', m.ms.whole, cpu, `   ${judged(floorA / m.ms.whole >= targets.wholeToFloor)} (target ≥ ${targets.wholeToFloor}× floor A)`)
    const hwm = key === 'first' ? m.memory.hwm : s.hwm
    const label = key === 'first' ? 'peak RSS of the server process (VmHWM since start)' : 'peak RSS of the server process (VmHWM, whole life)'
    const polled = Math.max(...Object.values(m.memory.peakIn))
    console.log(`  ${label.padEnd(52)} ${mib(hwm).padStart(7)}   ${judged(hwm <= targets.peakRssMiB * MiB)} (target ≤ ${targets.peakRssMiB} MiB); polled VmRSS max in this import ${mib(polled)}`)
    console.log(
      `    idle before the upload ${mib(m.memory.idle)}; peak in upload ${mib(m.memory.peakIn.upload)}, read + dry run ${mib(m.memory.peakIn.read)}, apply ${mib(m.memory.peakIn.apply)}` +
        (key === 'again' ? `; vacuum analyze before it ${sec(s.vacuum)} s` : ''),
    )
    console.log(`  dry run ${JSON.stringify(m.dryRun)}; applied ${JSON.stringify(m.applied)}`)
  }
  console.log(`  (CPU s: the server process, all its threads; PostgreSQL's own time is not in it. Whole = what the user waits for.)`)
  console.log(`  server: pid ${s.pid}, ${s.exe} ${s.cmdline}; NODE_ENV=production, no VITEST*; ${s.build}`)
  console.log(
    `    answered after ${sec(s.startMs)} s; VmRSS after login and one page ${mib(s.idleAfterStart)}; polled VmRSS max ${mib(s.polledPeak)}; VmHWM ${mib(s.hwm)}; stopped by ${s.stoppedBy}`,
  )
  const unusual = s.log.filter(noteworthy)
  console.log(`  server log: ${s.log.filter((l) => l.trim() !== '').length} lines, ${unusual.length === 0 ? 'every request answered below 500, nothing else logged' : `${unusual.length} other than requests answered below 500:`}`)
  for (const line of unusual.slice(0, 40)) console.log(`    ${line}`)
}
