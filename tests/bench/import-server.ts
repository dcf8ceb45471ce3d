// The server's side of `npm run bench:import`, run as a child process so its memory is measured on
// its own: one carrier-file import from start to applied, exactly as the app's worker runs it
// (storeLocalFile → startCarrierImport → submitImportMapping → runImportWork → requestImportApply →
// runImportWork), against DATABASE_URL with the import folder SHAREDLINE_IMPORT_DIR.
//
//   node --expose-gc --import tsx tests/bench/import-server.ts '<ImportOrder as JSON>'
//
// Prints one line of JSON on stdout (ImportReport): wall and CPU time of each phase, how the read +
// stage phase splits between producing the COPY text and waiting for PostgreSQL, the raw SQL
// statements of the checks and the apply with their times, the dry run's and the apply's counts, and
// this process's memory: its peak resident memory per phase (VmHWM, reset at each phase's start) and
// overall, read just before it exits. The app code is not changed: the worker gets the same Database
// with its COPY and its raw SQL timed on the way through. Run through tsx, this process also holds
// the TypeScript loader's thread and transpiled sources (on Node 20 about 110 MiB more than the same
// modules compiled): the "before the import" figure shows that base. Its RSS is therefore context only;
// the memory target is judged on the built server of scenario (c) in tests/bench/import.ts.
import fs from 'node:fs'
import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Actor } from '#app/domain/actor.ts'
import { storeLocalFile } from '#app/server/import-files.server.ts'
import { requestImportApply, runImportWork, startCarrierImport, submitImportMapping } from '#app/services/carrier-imports.server.ts'
import { openConfiguredDatabase, type Database, type Db } from '#db/client.ts'
import { getImportJob } from '#db/queries/imports.ts'

export interface ImportOrder {
  /** The carrier file (`Nummer;Aansluiting;Status`). */
  file: string
  buildingId: string
  carrierId: string
  actor: Actor
  /** What the dry run must find for every data row: all new (first load) or all unchanged (re-import). */
  expect: 'new' | 'unchanged'
  rows: number
}

export type Phase = 'stage' | 'checks' | 'apply'

export interface ImportReport {
  /** Wall milliseconds per step; `stage`, `checks` and `apply` are the benchmark's three phases. */
  ms: {
    /** storeLocalFile: the file copied into the import folder (stands in for the upload). */
    upload: number
    /** startCarrierImport + submitImportMapping: sniffing, the mapping step, the job handed to the worker. */
    start: number
    /** From the worker's round until the COPY into import_rows has ended: read, decode, parse, normalise, COPY. */
    stage: number
    /** Of `stage`: time spent inside the generator that produces the COPY text (file, csv-parse, row reader). */
    stageProducing: number
    /** From the end of the COPY until the job is ready: analyse, checks, counts, dry run. */
    checks: number
    /** requestImportApply: the user's confirmation. */
    request: number
    /** The worker's round that merges the staged rows in one transaction. */
    apply: number
  }
  /** CPU milliseconds (user + system, all threads) of this process per phase. */
  cpuMs: Record<Phase, number>
  /** The raw SQL statements (db.execute) of the checks and the apply: their text's start and time. */
  statements: { phase: Phase; sql: string; ms: number }[]
  dryRun: Record<string, number>
  applied: Record<string, number>
  memory: {
    /** Resident memory with the modules loaded and the database open, before the import. */
    rssBefore: number
    /** Peak resident memory (VmHWM) per phase. */
    peakIn: Record<Phase, number>
    /** The process's peak resident memory over its whole life (largest VmHWM of all stretches). */
    peak: number
    /** Largest V8 heap in use + external + array buffers, sampled every 50 ms during the import. */
    heapPeak: number
    /** The same after the import and a full garbage collection: what the import left behind. */
    heapAfterGc: number
  }
}

function memoryField(field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8')
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024
}

/** Reads this process's peak resident memory since the last reset, and resets it (Linux). */
let peakSoFar = 0
function takePeak(): number {
  const peak = memoryField('VmHWM')
  peakSoFar = Math.max(peakSoFar, peak)
  fs.writeFileSync('/proc/self/clear_refs', '5')
  return peak
}

const order = JSON.parse(process.argv[2] ?? '') as ImportOrder
const dialect = new PgDialect({ casing: 'snake_case' })
let phase: Phase = 'stage'
const statements: ImportReport['statements'] = []

/** The drizzle handle with every raw SQL statement timed, also inside its transactions. */
function timedSql(db: Db): Db {
  return new Proxy(db, {
    get(target, key) {
      if (key === 'execute') {
        return async (query: SQL) => {
          const start = performance.now()
          try {
            return await target.execute(query)
          } finally {
            statements.push({ phase, sql: dialect.sqlToQuery(query).sql.replace(/\s+/g, ' ').trim(), ms: performance.now() - start })
          }
        }
      }
      if (key === 'transaction') {
        return <T>(fn: (tx: Db) => Promise<T>, config?: Parameters<Db['transaction']>[1]) => target.transaction((tx) => fn(timedSql(tx as unknown as Db)), config)
      }
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * The database the worker gets: raw SQL timed, and its COPY too — when it ends (the boundary between
 * the read + stage and the checks phase), and how long the row generator feeding it takes per chunk
 * (time outside those calls is PostgreSQL and the socket holding the generator back).
 */
interface CopyMarks {
  copyEnded: number
  producing: number
  copyCpu?: NodeJS.CpuUsage
  copyPeak?: number
}

function timedDatabase(database: Database, marks: CopyMarks): Database {
  async function* timed(chunks: AsyncIterable<string>): AsyncGenerator<string> {
    const iterator = chunks[Symbol.asyncIterator]()
    for (;;) {
      const start = performance.now()
      const next = await iterator.next()
      marks.producing += performance.now() - start
      if (next.done) return
      yield next.value
    }
  }
  return {
    ...database,
    db: timedSql(database.db),
    copyIn: async (statement, chunks) => {
      await database.copyIn(statement, timed(chunks))
      marks.copyEnded = performance.now()
      marks.copyCpu = process.cpuUsage()
      marks.copyPeak = takePeak()
      phase = 'checks'
    },
  }
}

const cpuBetween = (from: NodeJS.CpuUsage, to = process.cpuUsage()) => (to.user - from.user + to.system - from.system) / 1000

const database = await openConfiguredDatabase()
let report: ImportReport
try {
  const { db } = database
  const { actor, buildingId } = order
  await database.query('select 1')
  const rssBefore = memoryField('VmRSS')
  const marks: CopyMarks = { copyEnded: 0, producing: 0 }
  const worker = timedDatabase(database, marks)
  let heapPeak = 0
  const heap = () => {
    const m = process.memoryUsage()
    heapPeak = Math.max(heapPeak, m.heapUsed + m.external + m.arrayBuffers)
  }
  const sampler = setInterval(heap, 50)

  let t = performance.now()
  const lap = () => {
    const now = performance.now()
    const elapsed = now - t
    t = now
    return elapsed
  }
  const file = await storeLocalFile(order.file)
  const upload = lap()
  const { jobId } = await startCarrierImport({ db, actor, buildingId, upload: { fields: { kind: 'inventory', carrierId: order.carrierId }, file } })
  await submitImportMapping({
    db,
    actor,
    buildingId,
    jobId,
    input: { intent: 'start', delimiter: 'semicolon', encoding: 'utf-8', header: 'yes', 'col.number': '0', 'col.serviceRef': '1', 'col.status': '2', markMissing: 'on' },
  })
  const start = lap()

  takePeak()
  const stageCpu = process.cpuUsage()
  // The wrapped COPY moves the phase on to the checks when it ends.
  phase = 'stage'
  const parsed = await runImportWork({ database: worker })
  const readEnded = performance.now()
  const checksCpu = cpuBetween(marks.copyCpu ?? stageCpu)
  const checksPeak = takePeak()
  const stage = marks.copyEnded - t
  const checks = readEnded - marks.copyEnded
  t = readEnded
  const ready = await getImportJob(db, { buildingId, jobId })
  if (parsed[0]?.outcome !== 'ready' || !ready || ready.state !== 'ready') throw new Error(`the import was not read: ${JSON.stringify(parsed)} ${ready?.error ?? ''}`)
  const dryRun = (ready.summary as { counts: Record<string, number> }).counts
  if (ready.badRows !== 0 || dryRun[order.expect] !== order.rows) throw new Error(`unexpected dry run (${ready.badRows} bad rows): ${JSON.stringify(dryRun)}`)
  lap()
  await requestImportApply({ db, actor, buildingId, jobId, input: { confirm: 'yes' } })
  const request = lap()
  phase = 'apply'
  takePeak()
  const applyCpu = process.cpuUsage()
  const applyRound = await runImportWork({ database: worker })
  const apply = lap()
  const applyCpuMs = cpuBetween(applyCpu)
  const applyPeak = takePeak()
  clearInterval(sampler)
  heap()
  const applied = await getImportJob(db, { buildingId, jobId })
  if (applyRound[0]?.outcome !== 'applied' || applied?.state !== 'applied') throw new Error(`the import was not applied: ${JSON.stringify(applyRound)} ${applied?.error ?? ''}`)
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const after = process.memoryUsage()
  report = {
    ms: { upload, start, stage, stageProducing: marks.producing, checks, request, apply },
    cpuMs: { stage: cpuBetween(stageCpu, marks.copyCpu), checks: checksCpu, apply: applyCpuMs },
    statements,
    dryRun,
    applied: (applied.summary as { applied: Record<string, number> }).applied,
    memory: {
      rssBefore,
      peakIn: { stage: marks.copyPeak ?? 0, checks: checksPeak, apply: applyPeak },
      peak: 0,
      heapPeak,
      heapAfterGc: gc ? after.heapUsed + after.external + after.arrayBuffers : Number.NaN,
    },
  }
} finally {
  await database.close()
}
takePeak()
report.memory.peak = peakSoFar
process.stdout.write(`${JSON.stringify(report)}\n`)
