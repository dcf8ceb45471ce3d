// npm run bench:inventory-pdf [-- --tenants 400 --numbers 20000 --runs 5 --worst-runs 3 --only pglite|postgres --no-http]
//
// The building inventory report (GET /buildings/{id}/inventory.pdf) of a generated building: time to
// first byte, total time and peak memory while it streams — in-process (the route loader's Response
// read as a stream) and over HTTP against the built production server — against floors measured in
// the same run: the raw SQL that reads the same rows (no ORM, no batches, no PDF), and pdfkit drawing
// as many plain table rows with the shared table helper (no database). The report's own row sources
// alone (batched reads and blocks, no PDF) show where the rest goes. PGlite always; PostgreSQL as well
// when DATABASE_URL is set. A second scenario bills every other number, so no two neighbours share a
// block: the report's worst case, one row per number.
// Prints figures and ratios; exits 1 when a target is missed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import type { Actor } from '#app/domain/actor.ts'
import { createPdf, table } from '#app/pdf/document.server.ts'
import { loader } from '#app/routes/documents/inventory.ts'
import { setDatabase } from '#app/server/db.server.ts'
import { hashPassword } from '#app/server/password.server.ts'
import { commitSessionToken } from '#app/server/session.server.ts'
import { logIn } from '#app/services/auth.server.ts'
import { getInventoryReport } from '#app/services/inventory-report.server.ts'
import { openPglite, openPostgres, type Database } from '#db/client.ts'
import { largeBuilding } from '#db/demo-data.ts'
import { loadInventory } from '#db/load-inventory.ts'
import { buildingManagers, users } from '#db/schema/index.ts'
import { freePort } from '#tests/support/net.ts'

// Signs the session cookie here and in the server started below (read when the first cookie is made).
process.env.SESSION_SECRET ??= 'inventory benchmark session secret'

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '400' },
    numbers: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    'worst-runs': { type: 'string', default: '3' },
    only: { type: 'string' },
    'no-http': { type: 'boolean', default: false },
  },
})
const tenants = Number(values.tenants)
const numberCount = Number(values.numbers)
const asOf = '2026-11-23'
const password = 'inventory-benchmark-password'
/** Streaming means: the first bytes come at once, and memory does not grow with the document. */
const targets = { ttfbMs: 500, peakRssMiB: 96 }
const gc = (globalThis as { gc?: () => void }).gc

const MiB = 1024 * 1024
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`
const mib = (x: number) => `${(x / MiB).toFixed(1).padStart(6)} MiB`

/** Linux: the process's resident memory now and its peak since the last reset (clear_refs 5). */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024
  return { rss: kib('VmRSS'), peak: kib('VmHWM') }
}
function resetPeak(pid: number) {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
}

interface Run {
  ttfb: number
  total: number
  bytes: number
  /** Peak resident memory above the resident memory just before the request. */
  rss: number
  /** Peak of V8 heap + external + array buffers above the same before the request (this process only). */
  heap: number
}

/** Reads a download to its end, noting when the first bytes came. */
async function drain(body: ReadableStream<Uint8Array>, start: number) {
  const reader = body.getReader()
  let ttfb = 0
  let bytes = 0
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (bytes === 0) ttfb = performance.now() - start
    bytes += chunk.value.byteLength
  }
  return { ttfb, total: performance.now() - start, bytes }
}

/** Runs `fn` while sampling this process's memory: peak RSS (exact, from the kernel) and heap (sampled every 5 ms). */
async function watched(fn: () => Promise<{ ttfb: number; total: number; bytes: number }>): Promise<Run> {
  gc?.()
  const heapNow = () => {
    const m = process.memoryUsage()
    return m.heapUsed + m.external + m.arrayBuffers
  }
  const heapBase = heapNow()
  resetPeak(process.pid)
  const rssBase = rssOf(process.pid).rss
  let heapPeak = heapBase
  const timer = setInterval(() => (heapPeak = Math.max(heapPeak, heapNow())), 5)
  try {
    const result = await fn()
    heapPeak = Math.max(heapPeak, heapNow())
    return { ...result, rss: Math.max(0, rssOf(process.pid).peak - rssBase), heap: heapPeak - heapBase }
  } finally {
    clearInterval(timer)
  }
}

/** One warm-up run, then `runs` runs; the warm-up's result comes first, apart. */
async function repeat<T>(runs: number, fn: () => Promise<T>): Promise<{ warmUp: T; runs: T[] }> {
  const warmUp = await fn()
  const out: T[] = []
  for (let i = 0; i < runs; i++) out.push(await fn())
  return { warmUp, runs: out }
}

async function timed(runs: number, fn: () => Promise<unknown>) {
  const { runs: samples } = await repeat(runs, async () => {
    const start = performance.now()
    await fn()
    return performance.now() - start
  })
  return median(samples)
}

/** pdfkit drawing `rows` plain four-column rows with the shared table helper, into nothing. */
async function drawPlainRows(rows: number) {
  const doc = createPdf({ title: 'floor', subject: 'floor', locale: 'nl', documentId: 'floor', generatedAt: new Date() })
  let bytes = 0
  doc.on('data', (chunk: Buffer) => (bytes += chunk.length))
  const ended = once(doc, 'end')
  const columns = [
    { header: 'Nummers', width: 34, cell: (i: number) => `020 100 ${String(1000 + (i % 9000)).padStart(4, '0')} – 020 100 ${String(1020 + (i % 8900)).padStart(4, '0')} (21)` },
    { header: 'Lijn', width: 20, cell: (i: number) => `GEN-ISDN30-${String(i % 20).padStart(4, '0')}` },
    { header: 'In gebruik bij', width: 29, cell: (i: number) => `Huurder ${i % 400} B.V.` },
    { header: 'Bijzonderheden', width: 17, cell: () => '' },
  ]
  await table(doc, columns, Array.from({ length: rows }, (_, i) => i), { fontSize: 8.5 })
  doc.end()
  await ended
  return bytes
}

/** The rows the report draws, read through its own row sources (batched queries, blocks), without a PDF. */
async function readRowSources(database: Database, actor: Actor, buildingId: string) {
  const report = await getInventoryReport({ db: database.db, actor, buildingId, asOf })
  const counts = { lines: report.services.length, ranges: 0, unallocated: 0, unbilled: 0, critical: 0 }
  for (const key of ['ranges', 'unallocated', 'unbilled', 'critical'] as const) for await (const _ of report.rows[key]()) counts[key]++
  return counts
}

/** The same rows as the report reads, one plain query each through the driver. */
function rawSqlFloor(database: Database, buildingId: string) {
  const base = `select n.e164, n.tenant_id, t.legal_name, n.billed, n.use, n.status
    from numbers n join services s on s.id = n.service_id and s.ended_on is null left join tenants t on t.id = n.tenant_id
    where n.building_id = $1`
  const order = ' order by s.carrier_ref, n.e164'
  const selections = ['', ' and n.tenant_id is null', ' and not n.billed', " and (n.use not in ('tenant', 'common') or s.critical_use is not null)"]
  return async () => {
    let rows = 0
    for (const where of selections) rows += (await database.query(base + where + order, [buildingId])).length
    return rows
  }
}

interface Figures {
  backend: string
  scenario: string
  rows: Awaited<ReturnType<typeof readRowSources>>
  sqlFloor: number
  rowSources: number
  pdfFloor: number
  inProcess: Runs
  http: Runs | null
}

/** Times from the runs after the warm-up; memory from all, the first (cold) run included. */
type Runs = Awaited<ReturnType<typeof repeat<Run>>>

async function measureScenario(database: Database, ctx: { actor: Actor; buildingId: string; cookie: string }, runs: number) {
  setDatabase(database)
  const { actor, buildingId, cookie } = ctx
  const sqlRead = rawSqlFloor(database, buildingId)
  const sqlFloor = await timed(runs, sqlRead)
  const rows = await readRowSources(database, actor, buildingId)
  const rowSources = await timed(runs, () => readRowSources(database, actor, buildingId))
  const drawn = rows.lines + rows.ranges + rows.unallocated + rows.unbilled + rows.critical
  const pdfFloor = await timed(runs, () => drawPlainRows(drawn))
  const inProcess = await repeat(runs, () =>
    watched(async () => {
      const request = new Request(`http://localhost/buildings/${buildingId}/inventory.pdf`, { headers: { Cookie: cookie, 'Accept-Language': 'nl-NL' } })
      const start = performance.now()
      const response = await loader({ request, params: { buildingId }, context: {} } as never)
      if (response.status !== 200 || !response.body) throw new Error(`report answered ${response.status}`)
      return drain(response.body, start)
    }),
  )
  return { rows, sqlFloor, rowSources, pdfFloor, inProcess }
}

/** The built production server on a free port, with the given database. */
async function startServer(env: Record<string, string>): Promise<{ server: ChildProcess; base: string }> {
  const port = await freePort()
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  const server = spawn('node_modules/.bin/react-router-serve', ['./build/server/index.js'], {
    env: { ...inherited, ...env, NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 300; i++) {
    const up = await fetch(`${base}/login`).then(
      (r) => r.status < 500,
      () => false,
    )
    if (up) return { server, base }
    await new Promise((r) => setTimeout(r, 100))
  }
  await stop(server)
  throw new Error(`server did not answer at ${base}`)
}

async function measureHttp(env: Record<string, string>, buildingId: string, cookie: string, runs: number): Promise<Runs> {
  const { server, base } = await startServer(env)
  try {
    const pid = server.pid!
    return await repeat(runs, async () => {
      resetPeak(pid)
      const before = rssOf(pid).rss
      const start = performance.now()
      const response = await fetch(`${base}/buildings/${buildingId}/inventory.pdf`, { headers: { Cookie: cookie, 'Accept-Language': 'nl-NL' } })
      if (response.status !== 200 || !response.body) throw new Error(`server answered ${response.status}`)
      const result = await drain(response.body, start)
      return { ...result, rss: Math.max(0, rssOf(pid).peak - before), heap: Number.NaN }
    })
  } finally {
    await stop(server)
  }
}

/**
 * Stops the server: SIGTERM, then SIGKILL after 3 s. react-router-serve only closes its listener on
 * SIGTERM; with PostgreSQL the pool and the background jobs keep the process alive.
 */
async function stop(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return
  const exited = once(server, 'exit')
  server.kill('SIGTERM')
  const timer = setTimeout(() => server.kill('SIGKILL'), 3_000)
  await exited
  clearTimeout(timer)
}

/** Builds the production server when its build is older than any source file under app/ or db/. */
function ensureBuild() {
  const entry = 'build/server/index.js'
  const newest = (dir: string): number =>
    Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)))
  if (fs.existsSync(entry) && fs.statSync(entry).mtimeMs > Math.max(newest('app'), newest('db'))) return
  const built = spawnSync('node_modules/.bin/react-router', ['build'], { stdio: 'inherit' })
  if (built.status !== 0) throw new Error('react-router build failed')
}

/** Loads the generated building with a facility manager and a session; returns what the runs need. */
async function prepare(database: Database) {
  await database.migrate()
  const loaded = await loadInventory(database.db, largeBuilding({ tenants, numbers: numberCount }), { passwordHash: 'x', source: 'benchmark' })
  const [manager] = await database.db
    .insert(users)
    .values({ email: 'inventory-bench@bench.example', name: 'Bench', role: 'facility_manager', passwordHash: await hashPassword(password) })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId })
  await database.db.insert(buildingManagers).values({ buildingId: loaded.buildingId, userId: manager!.id })
  const login = await logIn({ db: database.db, email: manager!.email, password, ip: 'unknown' })
  if (!login.ok) throw new Error('login failed')
  return { actor: manager!, buildingId: loaded.buildingId, cookie: await commitSessionToken(login.token) }
}

/** The worst case: every other number billed, so neighbours never share a block. */
async function billEveryOther(database: Database, buildingId: string) {
  await database.query("update numbers set billed = (right(e164, 1)::int % 2 = 0) where building_id = $1", [buildingId])
}

const firstByte = (r: Runs) => median(r.runs.map((x) => x.ttfb))
const totalTime = (r: Runs) => median(r.runs.map((x) => x.total))
const peakRss = (r: Runs) => Math.max(r.warmUp.rss, ...r.runs.map((x) => x.rss))
const peakHeap = (r: Runs) => Math.max(r.warmUp.heap, ...r.runs.map((x) => x.heap))

function print(f: Figures) {
  const summary = (label: string, r: Runs) => {
    const heap = peakHeap(r)
    console.log(
      `  ${label.padEnd(38)} first byte ${ms(firstByte(r))}   total ${ms(totalTime(r))}   peak RSS +${mib(peakRss(r))}${Number.isNaN(heap) ? '' : `   heap +${mib(heap)}`}   PDF ${(r.warmUp.bytes / MiB).toFixed(2)} MiB`,
    )
  }
  const r = f.rows
  console.log(`\n${f.backend}, ${f.scenario}: rows drawn ${r.lines} lines, ${r.ranges} blocks, ${r.unallocated} unallocated, ${r.unbilled} unbilled, ${r.critical} critical`)
  console.log(`  floor: raw SQL of the same rows         ${ms(f.sqlFloor)}`)
  console.log(`  floor: pdfkit, as many plain rows       ${ms(f.pdfFloor)}`)
  console.log(`  the report's row sources alone          ${ms(f.rowSources)}`)
  summary('report in-process (loader stream)', f.inProcess)
  if (f.http) summary('report over HTTP (built server)', f.http)
  const total = totalTime(f.inProcess)
  console.log(`  in-process total / (SQL floor + pdfkit floor) = ${(total / (f.sqlFloor + f.pdfFloor)).toFixed(2)}×; / pdfkit floor = ${(total / f.pdfFloor).toFixed(2)}×; / SQL floor = ${(total / f.sqlFloor).toFixed(1)}×`)
}

const runs = Number(values.runs)
const worstRuns = Number(values['worst-runs'])
if (![tenants, numberCount, runs, worstRuns].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error('--tenants, --numbers, --runs and --worst-runs must be whole numbers of at least 1')
  process.exit(2)
}
const adminUrl = process.env.DATABASE_URL
const backends = (['postgres', 'pglite'] as const).filter((b) => (values.only ? b === values.only : b === 'pglite' || adminUrl))
console.log(`Inventory report benchmark: ${tenants} tenants, ${numberCount} numbers; ${runs} runs (worst case ${worstRuns}) after one warm-up; medians, memory the largest of the runs${gc ? '' : ' (no --expose-gc: baselines without a GC)'}`)
if (!values['no-http']) ensureBuild()

const all: Figures[] = []
for (const backend of backends) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-bench-inventory-'))
  const benchDbName = `sharedline_bench_inventory_${process.pid}`
  let serverEnv: Record<string, string>
  let open: () => Promise<Database>
  if (backend === 'postgres') {
    const admin = openPostgres(adminUrl!, { max: 1 })
    await admin.query(`create database ${benchDbName}`)
    await admin.close()
    const url = new URL(adminUrl!)
    url.pathname = `/${benchDbName}`
    serverEnv = { DATABASE_URL: url.toString() }
    open = async () => openPostgres(url.toString())
  } else {
    serverEnv = { SHAREDLINE_DATA_DIR: dataDir }
    open = () => openPglite(dataDir)
  }
  try {
    let database = await open()
    const ctx = await prepare(database)
    for (const scenario of ['generated building', 'worst case: no two neighbours alike'] as const) {
      const n = scenario === 'generated building' ? runs : worstRuns
      if (scenario !== 'generated building') await billEveryOther(database, ctx.buildingId)
      const measured = await measureScenario(database, ctx, n)
      // PGlite is one process's folder: the server opens it once this process has let go.
      if (backend === 'pglite') await database.close()
      const http = values['no-http'] ? null : await measureHttp(serverEnv, ctx.buildingId, ctx.cookie, n)
      if (backend === 'pglite') database = await open()
      const figures = { backend: backend === 'postgres' ? 'PostgreSQL' : 'PGlite', scenario, ...measured, http }
      print(figures)
      all.push(figures)
    }
    await database.close()
  } finally {
    if (backend === 'postgres') {
      const admin = openPostgres(adminUrl!, { max: 1 })
      await admin.query(`drop database if exists ${benchDbName} with (force)`)
      await admin.close()
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

console.log('')
let ok = true
for (const f of all) {
  for (const [label, runsOf] of [['in-process', f.inProcess], ['HTTP', f.http]] as const) {
    if (!runsOf) continue
    const ttfb = firstByte(runsOf)
    const rss = peakRss(runsOf) / MiB
    const pass = ttfb <= targets.ttfbMs && rss <= targets.peakRssMiB
    ok &&= pass
    console.log(`${f.backend}, ${f.scenario}, ${label}: first byte ${ttfb.toFixed(0)} ms (target ≤ ${targets.ttfbMs}), peak RSS +${rss.toFixed(1)} MiB (target ≤ ${targets.peakRssMiB}) ${pass ? 'OK' : 'MISSED'}`)
  }
}
process.exitCode = ok ? 0 : 1
