// npm run bench:import [-- --rows 1000000 --runs 2]
//
// A carrier inventory file of a million numbers (`Nummer;Aansluiting;Status`, Dutch national numbers
// on 100 SIP trunks, all `Actief`) imported into a building on real PostgreSQL (DATABASE_URL as the
// admin URL, else postgres://postgres@127.0.0.1:5432/postgres; a scratch database per run, dropped at
// the end). The import runs in a child process that plays the server (tests/bench/import-server.ts):
// its phases are timed there, its peak resident memory (VmHWM) is read just before it exits, and this
// process polls its VmRSS every 50 ms as a cross-check. Two scenarios, each run `--runs` times in a
// fresh database: (a) the first load, every number new; (b) the same file again into the building
// that now holds them (the monthly reconciliation: nothing changes).
//
// Floors, measured in the same run on the same database, three times each (median):
// - A: `psql \copy` of the same file into an UNLOGGED table of three text columns. The staging table
//   import_rows holds normalised values (E.164, the status enum, the job id, the line), so the raw
//   file cannot be copied into it; this is the same bytes through the same COPY path.
// - B: COPY of the normalised rows, as the worker generates them, into import_rows itself through
//   postgres.js (Database.copyIn): what PostgreSQL alone costs for the staging load.
// Context rows split the read + stage phase: csv-parse alone over the same file with the import's
// options, our file reader (readRecords), the row reader, and the COPY text, none touching the database.
//
// Each phase also shows the CPU time of the process doing it (on a busy machine wall time waits for a
// core; CPU time does not), and the child lists the raw SQL statements of the checks and the apply
// with their times: with the node CPU near zero there, that is where PostgreSQL spends them.
//
// Targets (issue 6): the whole import at ≥ 0.5× floor A, peak RSS of the server process ≤ 256 MiB.
// Ratios are floor time / phase time: 0.5× means half the floor's speed in rows per second.
// Prints figures and ratios; exits 1 when the memory target is missed (see the end for why the speed
// target is reported but does not fail the run).
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
import { insertBuilding, insertCarrier, insertContract, insertService, insertUser } from '#tests/support/factories.ts'
import type { ImportOrder, ImportReport, Phase } from './import-server.ts'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '2' },
  },
})
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
/** The import process while one runs (stopped on an interruption). */
const running: { child: ChildProcess | null } = { child: null }

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

// Ctrl-C skips `finally`: stop the child, drop the databases with psql and remove the folder first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (running.child?.exitCode === null) running.child.kill('SIGKILL')
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
  const actor = await insertUser(db, { email: 'import-bench@bench.example', name: 'Import bench' })
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

  // Floor A: psql \copy of the file into a table shaped like the file.
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

async function expectCount(database: Database, table: string, expected: number) {
  const [row] = await database.query(`select count(*)::int as n from ${table}`)
  if (row?.n !== expected) throw new Error(`${table} holds ${String(row?.n)} rows, expected ${expected}`)
}

// ---------------------------------------------------------------------------------------------
// The run

type Scenario = 'first' | 'again'
const results: Record<Scenario, Measured[]> = { first: [], again: [] }
const vacuums: number[] = []
let floors: Awaited<ReturnType<typeof measureFloors>> | null = null
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ')

try {
  const file = path.join(tmp, 'carrier-inventory.csv')
  let start = performance.now()
  const fileBytes = await writeCarrierFile(file)
  console.log(
    `Carrier import benchmark: ${rows.toLocaleString('en-US')} numbers on ${services} SIP trunks, ${(fileBytes / MiB).toFixed(1)} MiB (generated in ${sec(performance.now() - start)} s); ` +
      `${runs} run(s) of each scenario, floors ${floorRuns}× each; medians${gc ? '' : ' (no --expose-gc)'}`,
  )
  console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.versions.node}; load average at the start ${load()}`)
  process.env.SHAREDLINE_IMPORT_DIR = path.join(tmp, 'imports-bench')

  for (let run = 0; run < runs; run++) {
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
      console.log(`run ${run + 1}: (a) first load ${sec(wholeOf(first))} s, peak RSS ${mib(first.report.memory.peak)}; load average ${load()}`)
      // A month passes before the next file: autovacuum has long analysed the million new numbers.
      // Done explicitly so the re-import does not depend on whether autovacuum came round yet.
      start = performance.now()
      await database.query('vacuum analyze')
      vacuums.push(performance.now() - start)
      const again = await runImport(databaseUrl(name), { ...order, expect: 'unchanged' }, folder)
      results.again.push(again)
      console.log(`run ${run + 1}: (b) re-import   ${sec(wholeOf(again))} s, peak RSS ${mib(again.report.memory.peak)}; load average ${load()}`)
    } finally {
      await database.close()
      await dropDatabases()
    }
  }
  report()
} finally {
  if (running.child?.exitCode === null) running.child.kill('SIGKILL')
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

function report() {
  if (!floors) throw new Error('no floors measured')
  const f = floors
  const floorA = f.psql.median
  const floorB = f.copy.median
  const cpuCell = (cpu: number | null) => (cpu === null ? '' : sec(cpu)).padStart(7)
  const row = (label: string, ms: number, cpu: number | null, extra = '') =>
    console.log(`  ${label.padEnd(52)} ${sec(ms).padStart(7)} ${cpuCell(cpu)} ${perSecond(ms).padStart(11)} ${ratio(floorA, ms).padStart(9)} ${ratio(floorB, ms).padStart(9)}${extra}`)
  const head = (title: string) =>
    console.log(`\n${title.padEnd(54)} ${'seconds'.padStart(7)} ${'CPU s'.padStart(7)} ${'rows/s'.padStart(11)} ${'× floor A'.padStart(9)} ${'× floor B'.padStart(9)}`)

  head('Floors (same file, same database, same run)')
  row('A: psql \\copy of the file, 3 text columns, UNLOGGED', floorA, null, `   runs ${runsOf(f.psql.samples)}`)
  row('B: COPY of the normalised rows into import_rows', floorB, f.copy.cpu, `   runs ${runsOf(f.copy.samples)}; ${f.normalisedMiB.toFixed(0)} MiB of COPY text`)
  console.log('  (import_rows holds normalised values — job id, line, E.164, status enum — so the raw file cannot be')
  console.log('   copied into it: floor A copies the same bytes into a table shaped like the file, floor B the rows')
  console.log('   the worker generates, through postgres.js as the worker does; CPU s is this process only)')

  head('Where read + stage goes (this process, no database, once)')
  row('csv-parse alone, same options (csvParseOptions)', f.parserOnly.median, f.parserOnly.cpu)
  row('+ decoding, batches, line numbers (readRecords)', f.reader.median, f.reader.cpu)
  row('+ row reader (E.164, service, status)', f.rowReader.median, f.rowReader.cpu)
  row('+ COPY text built as the worker builds it', f.copyText.median, f.copyText.cpu)

  const scenarios: [Scenario, string][] = [
    ['first', `(a) first load: ${rows.toLocaleString('en-US')} new numbers`],
    ['again', '(b) re-import of the same file: nothing changes'],
  ]
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
    row('whole import (1+2+3)', whole, null, `   ${floorA / whole >= targets.wholeToFloor ? 'PASS' : 'MISS'} (target ≥ ${targets.wholeToFloor}× floor A); runs ${runsOf(measured.map(wholeOf))}`)
    console.log(
      `  ${'peak RSS of the server process (VmHWM)'.padEnd(52)} ${mib(peak).padStart(7)}   ${peak <= targets.peakRssMiB * MiB ? 'PASS' : 'MISS'} (target ≤ ${targets.peakRssMiB} MiB); polled VmRSS max ${mib(polled)}`,
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

  console.log(`\nload average at the end ${load()}`)
  let memoryOk = true
  for (const [key, title] of scenarios) {
    const whole = median(results[key].map(wholeOf))
    const peak = Math.max(...results[key].map((m) => m.report.memory.peak))
    const fast = floorA / whole >= targets.wholeToFloor
    const small = peak <= targets.peakRssMiB * MiB
    memoryOk &&= small
    console.log(
      `${title.split(':')[0]}: whole import ${ratio(floorA, whole)} floor A (target ≥ ${targets.wholeToFloor}×) ${fast ? 'PASS' : 'MISS'}; ` +
        `peak RSS ${mib(peak)} (target ≤ ${targets.peakRssMiB} MiB) ${small ? 'PASS' : 'MISS'}`,
    )
  }
  // Only the memory target fails the run, as the other benchmarks fail on their limits: it bounds
  // what a big file may do to the server. The speed target is measured against a floor that does no
  // work at all (no parsing, no checks, no merge into six indexes), so it is a goal to report
  // honestly, not a regression guard: a MISS here says how far the import is from it.
  process.exitCode = memoryOk ? 0 : 1
}
