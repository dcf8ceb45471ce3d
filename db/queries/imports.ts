// Carrier-file imports: the job rows, saved column mappings, and the set-based SQL that checks staged
// rows, works out the dry run and merges them into the inventory. The staged rows themselves are
// loaded with COPY by the service (Database.copyIn); everything here runs on a Db or a transaction.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import type { DiffSample, InventoryDiffKind, InvoiceDiffKind } from '#app/domain/imports/jobs.ts'
import { openImportStates, type ImportState } from '#app/domain/imports/jobs.ts'
import type { ImportKind } from '#app/domain/imports/types.ts'
import { batches } from '../batches.ts'
import type { Db } from '../client.ts'
import { carriers } from '../schema/contracts.ts'
import { importErrors, importJobs, importMappings } from '../schema/imports.ts'
import { rowsOf } from './raw.ts'

export type NewImportJob = typeof importJobs.$inferInsert
type JobPatch = Partial<Omit<NewImportJob, 'id' | 'buildingId' | 'createdAt'>>


// ---------------------------------------------------------------------------------------------
// Jobs

const jobColumns = {
  id: importJobs.id,
  buildingId: importJobs.buildingId,
  kind: importJobs.kind,
  carrierId: importJobs.carrierId,
  carrierName: carriers.name,
  fileName: importJobs.fileName,
  fileBytes: importJobs.fileBytes,
  storedFile: importJobs.storedFile,
  format: importJobs.format,
  headers: importJobs.headers,
  preview: importJobs.preview,
  mapping: importJobs.mapping,
  state: importJobs.state,
  markMissing: importJobs.markMissing,
  excludeBadRows: importJobs.excludeBadRows,
  rowsDone: importJobs.rowsDone,
  bytesDone: importJobs.bytesDone,
  badRows: importJobs.badRows,
  phaseStartedAt: importJobs.phaseStartedAt,
  leaseUntil: importJobs.leaseUntil,
  attempts: importJobs.attempts,
  summary: importJobs.summary,
  error: importJobs.error,
  createdByEmail: importJobs.createdByEmail,
  appliedBy: importJobs.appliedBy,
  appliedByEmail: importJobs.appliedByEmail,
  createdAt: importJobs.createdAt,
  updatedAt: importJobs.updatedAt,
  finishedAt: importJobs.finishedAt,
}

export async function insertImportJob(db: Db, values: NewImportJob) {
  const [row] = await db.insert(importJobs).values(values).returning({ id: importJobs.id })
  if (!row) throw new Error('insert returned no row')
  return row
}

/** One import of the building, or null (also for another building's import). */
export async function getImportJob(db: Db, params: { buildingId: string; jobId: string }) {
  const [row] = await db
    .select(jobColumns)
    .from(importJobs)
    .leftJoin(carriers, eq(carriers.id, importJobs.carrierId))
    .where(and(eq(importJobs.buildingId, params.buildingId), eq(importJobs.id, params.jobId)))
  return row ?? null
}
export type ImportJobRow = NonNullable<Awaited<ReturnType<typeof getImportJob>>>

/** The job by id alone, for the background worker (it has no building in hand). */
export async function getImportJobById(db: Db, jobId: string) {
  const [row] = await db.select(jobColumns).from(importJobs).leftJoin(carriers, eq(carriers.id, importJobs.carrierId)).where(eq(importJobs.id, jobId))
  return row ?? null
}

/** The building's open import (mapping, parsing, ready or applying), if any. */
export async function getOpenImportJob(db: Db, buildingId: string) {
  const [row] = await db
    .select({ id: importJobs.id, state: importJobs.state, fileName: importJobs.fileName, createdByEmail: importJobs.createdByEmail, createdAt: importJobs.createdAt })
    .from(importJobs)
    .where(and(eq(importJobs.buildingId, buildingId), inArray(importJobs.state, [...openImportStates])))
  return row ?? null
}

/** One page of the building's imports, newest first, and the total. */
export async function listImportJobs(db: Db, params: { buildingId: string; limit: number; offset: number }) {
  const where = eq(importJobs.buildingId, params.buildingId)
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: importJobs.id,
        kind: importJobs.kind,
        carrierName: carriers.name,
        fileName: importJobs.fileName,
        fileBytes: importJobs.fileBytes,
        state: importJobs.state,
        rowsDone: importJobs.rowsDone,
        badRows: importJobs.badRows,
        createdByEmail: importJobs.createdByEmail,
        createdAt: importJobs.createdAt,
        finishedAt: importJobs.finishedAt,
      })
      .from(importJobs)
      .leftJoin(carriers, eq(carriers.id, importJobs.carrierId))
      .where(where)
      .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(importJobs).where(where),
  ])
  return { rows, total: total?.n ?? 0 }
}

/** Updates a job, only while it is in one of `inStates` (null when it was not: someone else moved it on). */
export async function updateImportJob(db: Db, params: { jobId: string; inStates: readonly ImportState[] }, patch: JobPatch) {
  const [row] = await db
    .update(importJobs)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(importJobs.id, params.jobId), inArray(importJobs.state, [...params.inStates])))
    .returning({ id: importJobs.id, state: importJobs.state })
  return row ?? null
}

/** Locks the job row for the rest of the transaction; null when another transaction holds it. */
export async function lockImportJob(db: Db, jobId: string) {
  const [row] = await rowsOf<{ id: string; state: ImportState }>(db, sql`select id, state from import_jobs where id = ${jobId} for update skip locked`)
  return row ?? null
}

/**
 * Takes the next parse whose lease has lapsed (never started, or its worker died) and leases it
 * until `until`; null when there is none.
 */
export async function claimDueParse(db: Db, until: Date) {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`update import_jobs set lease_until = ${until.toISOString()}, attempts = attempts + 1, updated_at = now()
        where id = (select id from import_jobs where state = 'parsing' and (lease_until is null or lease_until < now())
                    order by updated_at limit 1 for update skip locked)
        returning id`,
  )
  return row ?? null
}

/** Ids of imports waiting to be applied (the apply transaction itself locks the row). */
export async function listDueApplies(db: Db) {
  return db.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.state, 'applying')).orderBy(asc(importJobs.updatedAt))
}

// ---------------------------------------------------------------------------------------------
// Saved mappings

/** Carriers a file may come from: those of the building's contracts first, then the rest. */
export async function listCarrierChoices(db: Db, buildingId: string) {
  return rowsOf<{ id: string; name: string; inBuilding: boolean }>(
    db,
    sql`select c.id, c.name, exists (select 1 from contracts k where k.carrier_id = c.id and k.building_id = ${buildingId}) as "inBuilding"
        from carriers c order by 3 desc, c.name`,
  )
}

export async function getImportMapping(db: Db, params: { carrierId: string; kind: ImportKind }) {
  const [row] = await db
    .select({ format: importMappings.format, headers: importMappings.headers, mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.carrierId, params.carrierId), eq(importMappings.kind, params.kind)))
  return row ?? null
}

export async function upsertImportMapping(db: Db, values: { carrierId: string; kind: ImportKind; format: unknown; headers: unknown; mapping: unknown; updatedBy: string }) {
  const [before] = await db
    .select({ format: importMappings.format, headers: importMappings.headers, mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.carrierId, values.carrierId), eq(importMappings.kind, values.kind)))
  await db
    .insert(importMappings)
    .values(values)
    .onConflictDoUpdate({
      target: [importMappings.carrierId, importMappings.kind],
      set: { format: values.format, headers: values.headers, mapping: values.mapping, updatedBy: values.updatedBy, updatedAt: sql`now()` },
    })
  return before ?? null
}

// ---------------------------------------------------------------------------------------------
// Staging

/** Fresh planner statistics after a bulk load, so the checks and the merge get hash joins. */
export async function analyzeStaging(db: Db) {
  await db.execute(sql`analyze import_rows`)
}

/**
 * Fresh statistics for the numbers when they changed much since the last analyse (or never had one):
 * without them the planner takes the numbers for a handful and answers "which numbers are missing
 * from the file" with a nested loop over the whole staging table (87 s instead of 0.3 s measured).
 */
export async function analyzeNumbersIfStale(db: Db) {
  const [stats] = await rowsOf<{ stale: boolean }>(
    db,
    sql`select (c.reltuples < 0 or coalesce(s.n_mod_since_analyze, 0) > 1000 + c.reltuples / 10) as stale
        from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
        where c.oid = 'numbers'::regclass`,
  )
  if (stats?.stale) await db.execute(sql`analyze numbers`)
}

/** Staged rows whose import has ended or is gone (a deleted building takes its jobs, not their staging). */
export async function purgeStaleStaging(db: Db) {
  await db.execute(sql`
    delete from import_rows r where not exists (
      select 1 from import_jobs j where j.id = r.job_id and j.state in ('parsing', 'ready', 'applying'))`)
}

export async function clearStaging(db: Db, jobId: string) {
  await db.execute(sql`delete from import_rows where job_id = ${jobId}`)
  await db.execute(sql`delete from import_errors where job_id = ${jobId}`)
}

export async function insertImportErrors(db: Db, rows: (typeof importErrors.$inferInsert)[]) {
  for (const batch of batches(rows, 1_000)) await db.insert(importErrors).values(batch)
}

export async function countImportErrors(db: Db, jobId: string) {
  const [row] = await db.select({ n: count() }).from(importErrors).where(eq(importErrors.jobId, jobId))
  return row?.n ?? 0
}

/** The rows that could not be read, by line; a page of them, or all in pages for the report. */
export async function listImportErrors(db: Db, params: { jobId: string; afterLine?: number; limit: number }) {
  return db
    .select({ line: importErrors.line, problem: importErrors.problem, detail: importErrors.detail, raw: importErrors.raw })
    .from(importErrors)
    .where(and(eq(importErrors.jobId, params.jobId), sql`${importErrors.line} > ${params.afterLine ?? 0}`))
    .orderBy(asc(importErrors.line), asc(importErrors.problem))
    .limit(params.limit)
}

/**
 * Checks staged inventory rows against the building and against each other. A failing line goes to
 * the error report and its rows are flagged (`problem`), so the merge leaves them out while their
 * numbers still count as named by the file. Three set-based passes, none joining the whole staging
 * table to the numbers unless the file has rows without a service:
 * - a number named on an earlier line too (`row.duplicate`); a service reference the building does
 *   not have (`row.serviceUnknown`) or that carries no numbers (`row.serviceNotVoice`);
 * - a number new to the building without a service (`row.serviceNeeded`);
 * - a service's main number that the file puts on another service (`row.mainNumberMoves`);
 * - a number an open migration request holds, which the file would move or give another status
 *   (`row.numberReserved`): the request ends it. Such numbers are never counted missing either.
 * On an invoice a number may well have several lines, and an unknown number or service is a finding
 * of the reconciliation, not an error: invoices are not checked here.
 * Returns how many lines were added to the error report.
 */
export async function checkStagedRows(db: Db, params: { jobId: string; buildingId: string; kind: ImportKind }): Promise<number> {
  const { jobId, buildingId } = params
  if (params.kind !== 'inventory') return 0
  const found = sql`
    select r.line,
           case when d.e164 is not null and r.line <> d.first_line then 'row.duplicate'
                when s.id is null then 'row.serviceUnknown'
                else 'row.serviceNotVoice' end as problem,
           case when d.e164 is not null and r.line <> d.first_line then r.e164 || ' @' || d.first_line
                else r.service_ref end as detail
    from import_rows r
    left join (select e164, min(line) as first_line from import_rows where job_id = ${jobId} group by e164 having count(*) > 1) d on d.e164 = r.e164
    left join services s on s.building_id = ${buildingId} and s.carrier_ref = r.service_ref
    where r.job_id = ${jobId} and r.problem is null
      and ((d.e164 is not null and r.line <> d.first_line)
           or (r.service_ref is not null and (s.id is null or s.kind in ('fiber', 'dsl', 'ethernet'))))
    union all
    select r.line, 'row.serviceNeeded', r.e164
    from import_rows r
    where r.job_id = ${jobId} and r.problem is null and r.service_ref is null
      and not exists (select 1 from numbers n where n.building_id = ${buildingId} and n.e164 = r.e164)
    union all
    select r.line, 'row.mainNumberMoves', r.e164
    from services cur
    join import_rows r on r.job_id = ${jobId} and r.e164 = cur.main_number and r.problem is null
    join services s on s.building_id = ${buildingId} and s.carrier_ref = r.service_ref
    where cur.building_id = ${buildingId} and s.id <> cur.id
    union all
    select r.line, 'row.numberReserved', r.e164
    from request_numbers q
    join numbers n on n.id = q.number_id
    join import_rows r on r.job_id = ${jobId} and r.e164 = q.e164 and r.problem is null
    left join services s on s.building_id = ${buildingId} and s.carrier_ref = r.service_ref
    where q.building_id = ${buildingId}
      and ((s.id is not null and s.id <> n.service_id)
           or (coalesce(r.status, 'active') <> n.status and not (n.status = 'porting_out' and coalesce(r.status, 'active') = 'active')))`
  const [added] = await rowsOf<{ n: number }>(
    db,
    sql`with found as materialized (${found}),
             first as (select distinct on (line) line, problem, detail from found order by line, problem),
             reported as (insert into import_errors (job_id, line, problem, detail) select ${jobId}, line, problem, detail from first returning line)
        select count(*)::int as n from reported`,
  )
  if ((added?.n ?? 0) > 0) {
    await db.execute(sql`
      update import_rows r set problem = e.problem
      from import_errors e
      where r.job_id = ${jobId} and e.job_id = ${jobId} and e.line = r.line and r.problem is null`)
  }
  return added?.n ?? 0
}

/** Lines and numbers staged (after the checks), and lines in the error report. */
export async function stagedCounts(db: Db, jobId: string) {
  const [row] = await rowsOf<{ lines: number; numbers: number; bad: number; total_cents: string | null }>(
    db,
    sql`select (select count(distinct line)::int from import_rows where job_id = ${jobId} and problem is null) as lines,
               (select count(e164)::int from import_rows where job_id = ${jobId} and problem is null) as numbers,
               (select count(distinct line)::int from import_errors where job_id = ${jobId}) as bad,
               (select sum(amount_cents)::text from import_rows where job_id = ${jobId} and problem is null) as total_cents`,
  )
  return { lines: row?.lines ?? 0, numbers: row?.numbers ?? 0, bad: row?.bad ?? 0, totalCents: Number(row?.total_cents ?? 0) }
}

// ---------------------------------------------------------------------------------------------
// Inventory: the difference between the staged file and the building's numbers

/**
 * Each staged number against the inventory, classified. 'missing' rows are the building's live
 * numbers (active or porting out) the file does not name. A number porting out that the carrier still
 * lists as active is unchanged: the carrier keeps it until the port is done.
 */
function inventoryDiff(params: { jobId: string; buildingId: string }) {
  const { jobId, buildingId } = params
  return sql`
    with staged as (
      select r.line, r.e164, coalesce(r.status, 'active'::number_status) as status, s.id as service_id, s.carrier_ref as service_ref
      from import_rows r
      left join services s on s.building_id = ${buildingId} and s.carrier_ref = r.service_ref
      where r.job_id = ${jobId} and r.e164 is not null and r.problem is null
    ), matched as (
      select st.line, st.e164, st.status as to_status, st.service_id as to_service_id, st.service_ref as to_service,
             n.id as number_id, n.status as from_status, n.service_id as from_service_id, cur.carrier_ref as from_service
      from staged st
      left join numbers n on n.building_id = ${buildingId} and n.e164 = st.e164
      left join services cur on cur.id = n.service_id
    )
    select case
             when m.number_id is null then 'new'
             when m.to_service_id is not null and m.to_service_id <> m.from_service_id then 'serviceChanged'
             when m.to_status <> m.from_status and not (m.from_status = 'porting_out' and m.to_status = 'active') then 'statusChanged'
             else 'unchanged'
           end as kind,
           m.line, m.e164, m.number_id, m.from_service, m.to_service, m.to_service_id,
           m.from_status::text as from_status, m.to_status::text as to_status,
           -- A number moving service can change status too; the status part is applied with it.
           (m.number_id is not null and m.to_status <> m.from_status
             and not (m.from_status = 'porting_out' and m.to_status = 'active')) as status_differs
    from matched m
    union all
    select 'missing', null, n.e164, n.id, s.carrier_ref, null, null, n.status::text, 'disconnected', true
    from numbers n
    join services s on s.id = n.service_id
    where n.building_id = ${buildingId} and n.status in ('active', 'porting_out')
      and not exists (select 1 from import_rows r where r.job_id = ${jobId} and r.e164 = n.e164)
      -- A number an open migration request holds is that request's to end, not the import's.
      and not exists (select 1 from request_numbers q where q.building_id = ${buildingId} and q.number_id = n.id)`
}

const emptyInventoryCounts = (): Record<InventoryDiffKind, number> => ({ new: 0, serviceChanged: 0, statusChanged: 0, missing: 0, unchanged: 0 })

/**
 * Works the difference out once into a temporary table `import_diff` (changed rows only; unchanged
 * ones are counted), for the rest of the caller's transaction. Returns the counts per kind.
 */
async function materialiseInventoryDiff(tx: Db, params: { jobId: string; buildingId: string }) {
  await tx.execute(sql`drop table if exists pg_temp.import_diff`)
  await tx.execute(sql`
    create temporary table import_diff (
      kind text, line int, e164 text, number_id uuid, from_service text, to_service text, to_service_id uuid,
      from_status text, to_status text, status_differs boolean) on commit drop`)
  const [unchanged] = await rowsOf<{ n: number }>(
    tx,
    sql`with d as materialized (${inventoryDiff(params)}),
             kept as (insert into import_diff select * from d where kind <> 'unchanged')
        select count(*)::int as n from d where kind = 'unchanged'`,
  )
  const counts = emptyInventoryCounts()
  counts.unchanged = unchanged?.n ?? 0
  for (const c of await rowsOf<{ kind: InventoryDiffKind; n: number }>(tx, sql`select kind, count(*)::int as n from import_diff group by kind`)) counts[c.kind] = c.n
  return counts
}

/** The dry run: counts per kind of difference and up to `samples` examples of each, ordered by number. */
export async function summariseInventoryDiff(db: Db, params: { jobId: string; buildingId: string; samples: number; markMissing: boolean }) {
  return db.transaction(async (tx) => {
    const counts = await materialiseInventoryDiff(tx, { jobId: params.jobId, buildingId: params.buildingId })
    const sampled = await rowsOf<{ kind: InventoryDiffKind; line: number | null; e164: string; from_service: string | null; to_service: string | null; from_status: string | null; to_status: string | null }>(
      tx,
      sql`select * from (select d.*, row_number() over (partition by kind order by e164) as nth from import_diff d) x
          where nth <= ${params.samples} order by kind, e164`,
    )
    const samples: Record<Exclude<InventoryDiffKind, 'unchanged'>, DiffSample[]> = { new: [], serviceChanged: [], statusChanged: [], missing: [] }
    for (const s of sampled) {
      if (s.kind === 'unchanged') continue
      // Missing numbers that are not to be marked keep their status.
      const toStatus = s.kind === 'missing' && !params.markMissing ? s.from_status : s.to_status
      samples[s.kind].push({ e164: s.e164, fromService: s.from_service, toService: s.to_service, fromStatus: s.from_status, toStatus, line: s.line })
    }
    return { counts, samples }
  })
}

/**
 * Merges the staged inventory into the building, inside the caller's transaction: every change is
 * first written to import_changes (number, before, after), then made. New numbers get ranges of
 * consecutive numbers per service (at most 10,000 each), unallocated and not billed until an invoice
 * says otherwise. With `markMissing`, live numbers the file does not name become disconnected.
 */
export async function applyInventoryDiff(db: Db, params: { jobId: string; buildingId: string; markMissing: boolean }) {
  const { jobId, buildingId } = params
  // The diff is read once into a temporary table, so every step below sees the same picture.
  const counts = await materialiseInventoryDiff(db, params)
  await db.execute(sql`
    insert into import_changes (job_id, building_id, e164, change, before, after)
    select ${jobId}, ${buildingId}, e164, kind,
           case kind when 'serviceChanged' then from_service else from_status end,
           case kind when 'serviceChanged' then to_service else to_status end
    from import_diff where kind in ('new', 'serviceChanged', 'statusChanged')
       or (kind = 'missing' and ${params.markMissing})`)
  // A number that moves service and changes status records the status change too.
  await db.execute(sql`
    insert into import_changes (job_id, building_id, e164, change, before, after)
    select ${jobId}, ${buildingId}, e164, 'statusChanged', from_status, to_status
    from import_diff where kind = 'serviceChanged' and status_differs`)
  await db.execute(sql`
    update numbers n set service_id = d.to_service_id, updated_at = now()
    from import_diff d where d.kind = 'serviceChanged' and n.id = d.number_id`)
  await db.execute(sql`
    update numbers n set status = d.to_status::number_status, updated_at = now()
    from import_diff d
    where n.id = d.number_id and (d.kind = 'statusChanged' or (d.kind = 'serviceChanged' and d.status_differs))`)
  if (params.markMissing) {
    await db.execute(sql`
      update numbers n set status = 'disconnected', updated_at = now()
      from import_diff d where d.kind = 'missing' and n.id = d.number_id`)
  }
  await db.execute(sql`
    with fresh as (
      select d.e164, d.to_service_id as service_id, d.to_status::number_status as status,
             substr(d.e164, 2)::bigint as v, length(d.e164) as len
      from import_diff d where d.kind = 'new'
    ), islands as (
      select f.*, f.v - row_number() over (partition by f.service_id, f.len order by f.v) as island from fresh f
    ), chunks as (
      select i.*, (row_number() over (partition by i.service_id, i.len, i.island order by i.v) - 1) / 10000 as part from islands i
    ), runs as (
      select c.*, min(c.v) over (partition by c.service_id, c.len, c.island, c.part) as run_first,
             count(*) over (partition by c.service_id, c.len, c.island, c.part) as run_count,
             min(c.e164) over (partition by c.service_id, c.len, c.island, c.part) as run_first_e164
      from chunks c
    ), ranges as (
      insert into number_ranges (building_id, service_id, first_e_164, first_value, count)
      select distinct ${buildingId}::uuid, service_id, run_first_e164, run_first, run_count::int from runs
      returning id, first_value
    )
    insert into numbers (building_id, range_id, service_id, e164, billed, status)
    select ${buildingId}, rg.id, r.service_id, r.e164, false, r.status
    from runs r join ranges rg on rg.first_value = r.run_first`)
  if (!params.markMissing) counts.missing = 0
  return counts
}

// ---------------------------------------------------------------------------------------------
// Invoice: billing state per number

/**
 * The staged invoice against the inventory. A number is billed when an invoice line names it; the
 * building's numbers the invoice does not name are not billed.
 */
function invoiceDiff(params: { jobId: string; buildingId: string }) {
  const { jobId, buildingId } = params
  return sql`
    with billed as (select distinct e164 from import_rows where job_id = ${jobId} and e164 is not null and problem is null)
    select case when b.e164 is not null and not n.billed then 'nowBilled'
                when b.e164 is null and n.billed then 'nowUnbilled'
                else 'same' end as kind,
           n.id as number_id, n.e164, n.billed as from_billed, (b.e164 is not null) as to_billed
    from numbers n left join billed b on b.e164 = n.e164
    where n.building_id = ${buildingId}
    union all
    select 'unknownNumbers', null, b.e164, null, true
    from billed b where not exists (select 1 from numbers n where n.building_id = ${buildingId} and n.e164 = b.e164)`
}

/**
 * Works the invoice's difference out once into a temporary table `invoice_diff` for the rest of the
 * caller's transaction; returns the counts per kind, and how many of the building's numbers it bills.
 */
async function materialiseInvoiceDiff(tx: Db, params: { jobId: string; buildingId: string }) {
  await tx.execute(sql`drop table if exists pg_temp.invoice_diff`)
  await tx.execute(sql`create temporary table invoice_diff (kind text, number_id uuid, e164 text, from_billed boolean, to_billed boolean) on commit drop`)
  await tx.execute(sql`insert into invoice_diff ${invoiceDiff(params)}`)
  const counted = await rowsOf<{ kind: string; n: number; billed: number }>(
    tx,
    sql`select kind, count(*)::int as n, count(*) filter (where number_id is not null and to_billed)::int as billed from invoice_diff group by kind`,
  )
  return {
    byKind: Object.fromEntries(counted.map((c) => [c.kind, c.n])) as Partial<Record<InvoiceDiffKind | 'same', number>>,
    billedNumbers: counted.reduce((sum, c) => sum + c.billed, 0),
  }
}

export async function summariseInvoiceDiff(db: Db, params: { jobId: string; buildingId: string; samples: number }) {
  const { jobId, buildingId } = params
  return db.transaction(async (tx) => {
    const { byKind, billedNumbers } = await materialiseInvoiceDiff(tx, params)
    const sampled = await rowsOf<{ kind: InvoiceDiffKind; e164: string; nth: number }>(
      tx,
      sql`select * from (select d.kind, d.e164, row_number() over (partition by kind order by e164) as nth from invoice_diff d where kind <> 'same') x
          where nth <= ${params.samples} order by kind, e164`,
    )
    const [services] = await rowsOf<{ lines: number; unknown: number }>(
      tx,
      sql`select count(*) filter (where r.e164 is null)::int as lines,
                 count(distinct r.service_ref) filter (where r.e164 is null and r.service_ref is not null and s.id is null)::int as unknown
          from import_rows r left join services s on s.building_id = ${buildingId} and s.carrier_ref = r.service_ref
          where r.job_id = ${jobId} and r.problem is null`,
    )
    const counts: Record<InvoiceDiffKind, number> = {
      billedNumbers,
      nowBilled: byKind.nowBilled ?? 0,
      nowUnbilled: byKind.nowUnbilled ?? 0,
      unknownNumbers: byKind.unknownNumbers ?? 0,
      serviceLines: services?.lines ?? 0,
      unknownServices: services?.unknown ?? 0,
    }
    const samples: Partial<Record<InvoiceDiffKind, DiffSample[]>> = {}
    for (const s of sampled) {
      ;(samples[s.kind] ??= []).push({ e164: s.e164, fromService: null, toService: null, fromStatus: null, toStatus: null, line: null })
    }
    return { counts, samples }
  })
}

/**
 * Applies an invoice inside the caller's transaction: its lines are kept (invoice_lines, the
 * reconciliation's source) and every number's billing state follows it; each change is written to
 * import_changes first.
 */
export async function applyInvoice(db: Db, params: { jobId: string; buildingId: string }) {
  const { jobId, buildingId } = params
  await db.execute(sql`
    insert into invoice_lines (job_id, building_id, line, e164, service_ref, amount_cents, description)
    select job_id, ${buildingId}, line, e164, service_ref, amount_cents, description from import_rows where job_id = ${jobId} and problem is null`)
  const { byKind } = await materialiseInvoiceDiff(db, params)
  await db.execute(sql`
    insert into import_changes (job_id, building_id, e164, change, before, after)
    select ${jobId}, ${buildingId}, e164, kind, from_billed::text, to_billed::text
    from invoice_diff where kind in ('nowBilled', 'nowUnbilled')`)
  await db.execute(sql`
    update numbers n set billed = d.to_billed, updated_at = now()
    from invoice_diff d where d.kind in ('nowBilled', 'nowUnbilled') and n.id = d.number_id`)
  return byKind
}

/** Forgets the staged rows of an ended import (its changes and invoice lines stay). */
export async function dropStagedRows(db: Db, jobId: string) {
  await db.execute(sql`delete from import_rows where job_id = ${jobId}`)
}

/** A building's per-number import history (kept without a foreign key), removed with the building. */
export async function deleteBuildingImportChanges(db: Db, buildingId: string) {
  await db.execute(sql`delete from import_changes where building_id = ${buildingId}`)
}

/** The changes an applied import made, a page at a time. */
export async function listImportChanges(db: Db, params: { jobId: string; limit: number; offset: number }) {
  return rowsOf<{ e164: string; change: string; before: string | null; after: string | null }>(
    db,
    sql`select e164, change, before, after from import_changes where job_id = ${params.jobId} order by change, e164 limit ${params.limit} offset ${params.offset}`,
  )
}
