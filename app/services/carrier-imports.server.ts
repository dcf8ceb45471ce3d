// Carrier-file imports for a building's facility managers: upload a carrier's number inventory or its
// invoice, map its columns (saved per carrier), let the server read it into staging and show the dry
// run, then apply it all or nothing. Reading and applying run in the background (runImportWork), so a
// large file survives a page reload and the progress bar reads the job row.
import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { decodeHead, previewRecords, sniffFormat } from '#app/domain/imports/format.ts'
import { guessMapping, mappingFromForm } from '#app/domain/imports/columns.ts'
import { importProgress, type DryRun, type ImportState } from '#app/domain/imports/jobs.ts'
import { createRowReader } from '#app/domain/imports/rows.ts'
import { fileEncodings, importKinds, type ColumnMapping, type FileFormat, type ImportKind } from '#app/domain/imports/types.ts'
import { createTranslator, isMessageKey } from '#app/i18n/index.ts'
import type { Locale } from '#app/domain/enums.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import { readHead, readRecords, removeStoredFile, type StoredUpload } from '#app/server/import-files.server.ts'
import type { Database, Db } from '#db/client.ts'
import {
  analyzeNumbersIfStale,
  analyzeStaging,
  applyInventoryDiff,
  applyInvoice,
  checkStagedRows,
  claimDueParse,
  clearStaging,
  dropStagedRows,
  getImportJob,
  getImportJobById,
  getImportMapping,
  getOpenImportJob,
  insertImportErrors,
  insertImportJob,
  listCarrierChoices,
  listDueApplies,
  listImportErrors,
  listImportJobs,
  lockImportJob,
  purgeStaleStaging,
  stagedCounts,
  summariseInventoryDiff,
  summariseInvoiceDiff,
  updateImportJob,
  upsertImportMapping,
  type ImportJobRow,
} from '#db/queries/imports.ts'
import { recordAudit, type AuditRecord } from './audit.server.ts'
import { csvLine, csvPreamble } from './csv.server.ts'
import { pgError } from './db-errors.server.ts'
import { requireManagedBuilding, requireUuid } from './scope.server.ts'

/** Imports per page of the list; errors shown on the job page (the rest are in the downloadable report). */
export const importsPageSize = 20
export const errorsShown = 50
/** Examples per kind of difference in the dry run. */
const samplesPerKind = 10
/** A parse renews its lease with every progress update; a worker that died lets it lapse this long. */
const parseLeaseMs = 30_000
const progressEveryMs = 500

// ---------------------------------------------------------------------------------------------
// Reading the job

async function requireJob(db: Db, actor: Actor, buildingId: string, jobId: string | undefined) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const job = await getImportJob(db, { buildingId, jobId: requireUuid(jobId, 'import') })
  if (!job) throw new NotFoundError('import')
  return { building, job }
}

function formatOf(job: { format: unknown }): FileFormat {
  return job.format as FileFormat
}

/** The import page: the upload form's choices, the building's open import, and one page of past imports. */
export async function getImportsPage({ db, actor, buildingId, page }: { db: Db; actor: Actor; buildingId: string; page: number }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const [carriers, open, list] = await Promise.all([
    listCarrierChoices(db, buildingId),
    getOpenImportJob(db, buildingId),
    listImportJobs(db, { buildingId, limit: importsPageSize, offset: (page - 1) * importsPageSize }),
  ])
  return { building: { id: building.id, name: building.name }, carriers, open, ...list, page, pageSize: importsPageSize }
}

/** One import as its page shows it: the mapping step, the progress bar, the dry run or the outcome. */
export async function getImportView({ db, actor, buildingId, jobId, now = new Date() }: { db: Db; actor: Actor; buildingId: string; jobId: string | undefined; now?: Date }) {
  const { building, job } = await requireJob(db, actor, buildingId, jobId)
  const progress = importProgress({
    state: job.state,
    rowsDone: job.rowsDone,
    bytesDone: job.bytesDone,
    bytesTotal: job.fileBytes,
    phaseStartedAt: job.phaseStartedAt?.getTime() ?? null,
    now: now.getTime(),
  })
  const errors = job.badRows > 0 && (job.state === 'ready' || job.state === 'applied') ? await listImportErrors(db, { jobId: job.id, limit: errorsShown }) : []
  return {
    building: { id: building.id, name: building.name },
    job: publicJob(job),
    progress,
    errors,
  }
}

function publicJob(job: ImportJobRow) {
  return {
    id: job.id,
    kind: job.kind,
    carrierId: job.carrierId,
    carrierName: job.carrierName,
    fileName: job.fileName,
    fileBytes: job.fileBytes,
    format: formatOf(job),
    headers: job.headers as string[],
    preview: job.preview as string[][],
    mapping: (job.mapping ?? {}) as ColumnMapping,
    state: job.state,
    markMissing: job.markMissing,
    excludeBadRows: job.excludeBadRows,
    rowsDone: job.rowsDone,
    badRows: job.badRows,
    summary: job.summary as (DryRun & { applied?: Record<string, number> }) | null,
    error: job.error,
    createdByEmail: job.createdByEmail,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }
}
export type ImportJobView = ReturnType<typeof publicJob>

// ---------------------------------------------------------------------------------------------
// Upload

const uploadFields = z.object({
  kind: z.enum(importKinds, 'field.invalidChoice'),
  carrierId: z.string('field.required').trim().min(1, 'field.required').pipe(z.uuid('field.invalidChoice')),
})

/** Column names: the header record, or "Column 1…n" when the file has none. */
function headersOf(format: FileFormat, records: string[][]): string[] {
  const width = Math.max(0, ...records.map((r) => r.length))
  if (format.header && records[0]) return Array.from({ length: width }, (_, i) => records[0]?.[i] ?? '')
  return Array.from({ length: width }, (_, i) => `#${i + 1}`)
}

/** What a file's head looks like in a format: its column names and first data records. */
function describeHead(head: Uint8Array, format: FileFormat) {
  const records = previewRecords(decodeHead(head, format), format, 7)
  const headers = headersOf(format, records)
  return { headers, preview: format.header ? records.slice(1) : records.slice(0, 6) }
}

/**
 * Starts an import from an uploaded file (already streamed to the import folder by the route): checks
 * the form, sniffs encoding, delimiter and header, and proposes a column mapping — the carrier's saved
 * one when the file has the same columns, else a guess from the column names. A building with an
 * open import is refused, and the file is removed again.
 */
export async function startCarrierImport({ db, actor, buildingId, upload }: { db: Db; actor: Actor; buildingId: string; upload: StoredUpload }) {
  try {
    await requireManagedBuilding(db, actor, buildingId)
    const values = parseInput(uploadFields, upload.fields)
    if (!upload.file) throw new ValidationError({ file: 'imports.fileRequired' })
    const carriers = await listCarrierChoices(db, buildingId)
    const carrier = carriers.find((c) => c.id === values.carrierId)
    if (!carrier) throw new ValidationError({ carrierId: 'field.invalidChoice' })
    const open = await getOpenImportJob(db, buildingId)
    if (open) throw anotherImportOpen(open)

    const head = await readHead(upload.file.storedFile)
    const sniffed = sniffFormat(head)
    // The carrier's saved mapping applies when the file, read its way, has the same columns.
    const saved = await getImportMapping(db, { carrierId: carrier.id, kind: values.kind })
    const savedFormat: FileFormat | null = saved ? { ...sniffed, ...(saved.format as Pick<FileFormat, 'delimiter' | 'header'>) } : null
    const asSaved = savedFormat ? describeHead(head, savedFormat) : null
    const sameColumns = saved !== null && asSaved !== null && JSON.stringify(saved.headers) === JSON.stringify(asSaved.headers)
    const format = sameColumns && savedFormat ? savedFormat : sniffed
    const { headers, preview } = sameColumns && asSaved ? asSaved : describeHead(head, sniffed)
    const mapping = sameColumns ? (saved.mapping as ColumnMapping) : guessMapping(values.kind, headers)

    return await db.transaction(async (tx) => {
      const job = await insertImportJob(tx, {
        buildingId,
        kind: values.kind,
        carrierId: carrier.id,
        fileName: upload.file?.fileName ?? 'upload.csv',
        fileBytes: upload.file?.bytes ?? 0,
        storedFile: upload.file?.storedFile ?? '',
        format,
        headers,
        preview,
        mapping,
        createdBy: actor.id,
        createdByEmail: actor.email,
      })
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'import',
        entityId: job.id,
        action: 'create',
        summary: `uploaded ${values.kind} file ${upload.file?.fileName ?? ''} of ${carrier.name} for import`,
        after: { kind: values.kind, carrier: carrier.name, fileName: upload.file?.fileName, bytes: upload.file?.bytes, format, mappingFrom: sameColumns ? 'saved' : 'guessed' },
      })
      return { jobId: job.id, mappingFrom: sameColumns ? ('saved' as const) : ('guessed' as const) }
    })
  } catch (error) {
    if (upload.file) await removeStoredFile(upload.file.storedFile)
    const pg = pgError(error)
    if (pg?.constraint === 'uq_import_jobs_one_open_per_building') {
      const open = await getOpenImportJob(db, buildingId)
      if (open) throw anotherImportOpen(open)
    }
    throw error
  }
}

function anotherImportOpen(open: { fileName: string; createdByEmail: string }) {
  return new ValidationError({ _form: { key: 'imports.anotherOpen', params: { file: open.fileName, by: open.createdByEmail } } })
}

// ---------------------------------------------------------------------------------------------
// Mapping

const formatFields = z.object({
  delimiter: z.enum(['semicolon', 'comma', 'tab'], 'field.invalidChoice').transform((d) => ({ semicolon: ';', comma: ',', tab: '\t' })[d] as FileFormat['delimiter']),
  encoding: z.enum(fileEncodings, 'field.invalidChoice'),
  header: z.enum(['yes', 'no'], 'field.invalidChoice').transform((v) => v === 'yes'),
})

const mappingIntent = z.object({
  intent: z.enum(['preview', 'start'], 'field.invalidChoice'),
  saveForCarrier: z.string().optional().transform((v) => v === 'on' || v === 'yes'),
  markMissing: z.string().optional().transform((v) => v === 'on' || v === 'yes'),
})


/**
 * The mapping step's form. `preview` re-reads the file's head in the chosen delimiter, encoding and
 * header setting; `start` checks the mapping and hands the file to the background reader. With
 * "save for this carrier" the mapping becomes the carrier's default for files with these columns.
 */
export async function submitImportMapping({ db, actor, buildingId, jobId, input }: { db: Db; actor: Actor; buildingId: string; jobId: string | undefined; input: Record<string, unknown> }) {
  const { job } = await requireJob(db, actor, buildingId, jobId)
  if (job.state !== 'mapping') throw new ValidationError({ _form: 'imports.notInMapping' })
  const intent = parseInput(mappingIntent, input)
  const chosen = parseInput(formatFields, input)
  const old = formatOf(job)
  const format: FileFormat = { ...old, delimiter: chosen.delimiter, encoding: chosen.encoding, header: chosen.header }
  const formatChanged = format.delimiter !== old.delimiter || format.encoding !== old.encoding || format.header !== old.header
  if (intent.intent === 'preview' || formatChanged) {
    const { headers, preview } = describeHead(await readHead(job.storedFile), format)
    const mapping = guessMapping(job.kind, headers)
    await db.transaction(async (tx) => {
      await updateImportJob(tx, { jobId: job.id, inStates: ['mapping'] }, { format, headers, preview, mapping })
      await recordAudit(tx, actor, { buildingId, entityType: 'import', entityId: job.id, action: 'update', summary: `changed how ${job.fileName} is read`, before: { format: old }, after: { format } })
    })
    return { started: false as const }
  }
  const headers = job.headers as string[]
  const parsed = mappingFromForm(job.kind, headers.length, input)
  if (!parsed.ok) throw new ValidationError(Object.fromEntries(parsed.issues.map((i) => [i.field ? `col.${i.field}` : '_form', i.problem])))
  const mapping = parsed.mapping
  await db.transaction(async (tx) => {
    const moved = await updateImportJob(tx, { jobId: job.id, inStates: ['mapping'] }, { mapping, markMissing: job.kind === 'inventory' ? intent.markMissing : false, state: 'parsing', leaseUntil: null, phaseStartedAt: null, rowsDone: 0, bytesDone: 0 })
    if (!moved) throw new ValidationError({ _form: 'imports.notInMapping' })
    const audits: AuditRecord[] = [
      { buildingId, entityType: 'import', entityId: job.id, action: 'update', summary: `mapped the columns of ${job.fileName} and started reading it`, before: { state: 'mapping', mapping: job.mapping }, after: { state: 'parsing', mapping, markMissing: intent.markMissing } },
    ]
    if (intent.saveForCarrier && job.carrierId) {
      const before = await upsertImportMapping(tx, { carrierId: job.carrierId, kind: job.kind, format: { delimiter: format.delimiter, header: format.header }, headers, mapping, updatedBy: actor.id })
      audits.push({ buildingId, entityType: 'import_mapping', entityId: `${job.carrierId}:${job.kind}`, action: 'update', summary: `saved the ${job.kind} column mapping of ${job.carrierName ?? 'the carrier'}`, before: before ?? { state: 'none', mapping: null }, after: { state: 'saved', mapping } })
    }
    await recordAudit(tx, actor, ...audits)
  })
  return { started: true as const }
}

// ---------------------------------------------------------------------------------------------
// Apply and cancel

const applyFields = z.object({
  excludeBadRows: z.string().optional().transform((v) => v === 'on' || v === 'yes'),
  confirm: z.literal('yes', 'imports.confirmRequired'),
})

/**
 * Asks for the dry run to be applied: refused while rows could not be read, unless the user excludes
 * them explicitly. The merge itself runs in the background, in one transaction.
 */
export async function requestImportApply({ db, actor, buildingId, jobId, input }: { db: Db; actor: Actor; buildingId: string; jobId: string | undefined; input: Record<string, unknown> }) {
  const { job } = await requireJob(db, actor, buildingId, jobId)
  if (job.state !== 'ready') throw new ValidationError({ _form: 'imports.notReady' })
  const values = parseInput(applyFields, input)
  if (job.badRows > 0 && !values.excludeBadRows) throw new ValidationError({ excludeBadRows: { key: 'imports.badRowsBlock', params: { count: job.badRows } } })
  await db.transaction(async (tx) => {
    const moved = await updateImportJob(tx, { jobId: job.id, inStates: ['ready'] }, { state: 'applying', excludeBadRows: values.excludeBadRows, appliedBy: actor.id, appliedByEmail: actor.email, phaseStartedAt: new Date() })
    if (!moved) throw new ValidationError({ _form: 'imports.notReady' })
    await recordAudit(tx, actor, { buildingId, entityType: 'import', entityId: job.id, action: 'update', summary: `asked to apply ${job.fileName}${values.excludeBadRows && job.badRows > 0 ? ` without its ${job.badRows} unreadable rows` : ''}`, before: { state: 'ready' }, after: { state: 'applying', excludeBadRows: values.excludeBadRows } })
  })
}

/**
 * Tries a failed import again: one that failed while being applied returns to its dry run (its staged
 * rows are still there: the failed merge rolled back), one that failed while being read returns to the
 * mapping step. Refused while another import of the building is open.
 */
export async function retryImport({ db, actor, buildingId, jobId }: { db: Db; actor: Actor; buildingId: string; jobId: string | undefined }) {
  const { job } = await requireJob(db, actor, buildingId, jobId)
  if (job.state !== 'failed') throw new ValidationError({ _form: 'imports.notFailed' })
  const back = job.summary && job.appliedBy ? ('ready' as const) : ('mapping' as const)
  try {
    await db.transaction(async (tx) => {
      const moved = await updateImportJob(tx, { jobId: job.id, inStates: ['failed'] }, { state: back, error: null, finishedAt: null, leaseUntil: null })
      if (!moved) throw new ValidationError({ _form: 'imports.notFailed' })
      await recordAudit(tx, actor, { buildingId, entityType: 'import', entityId: job.id, action: 'update', summary: `tried the import of ${job.fileName} again`, before: { state: 'failed', error: job.error }, after: { state: back } })
    })
  } catch (error) {
    if (pgError(error)?.constraint === 'uq_import_jobs_one_open_per_building') {
      const open = await getOpenImportJob(db, buildingId)
      if (open) throw anotherImportOpen(open)
    }
    throw error
  }
  return { state: back }
}

/** Cancels an import that has not been applied (a running parse stops at its next progress update). */
export async function cancelImport({ db, actor, buildingId, jobId }: { db: Db; actor: Actor; buildingId: string; jobId: string | undefined }) {
  const { job } = await requireJob(db, actor, buildingId, jobId)
  if (!(['mapping', 'parsing', 'ready', 'failed'] as ImportState[]).includes(job.state)) throw new ValidationError({ _form: 'imports.cannotCancel' })
  await db.transaction(async (tx) => {
    const moved = await updateImportJob(tx, { jobId: job.id, inStates: ['mapping', 'parsing', 'ready', 'failed'] }, { state: 'cancelled', finishedAt: new Date(), leaseUntil: null })
    if (!moved) throw new ValidationError({ _form: 'imports.cannotCancel' })
    await clearStaging(tx, job.id)
    await recordAudit(tx, actor, { buildingId, entityType: 'import', entityId: job.id, action: 'update', summary: `cancelled the import of ${job.fileName}`, before: { state: job.state }, after: { state: 'cancelled' } })
  })
  await removeStoredFile(job.storedFile)
}

// ---------------------------------------------------------------------------------------------
// Error report

/** The rows that could not be read, as CSV lines in the user's language, a batch at a time. */
export async function* importErrorReport({ db, actor, buildingId, jobId, locale }: { db: Db; actor: Actor; buildingId: string; jobId: string | undefined; locale: Locale }) {
  const { job } = await requireJob(db, actor, buildingId, jobId)
  const t = createTranslator(locale)
  yield csvPreamble + csvLine(locale, [t.t('imports.errors.line'), t.t('imports.errors.problem'), t.t('imports.errors.value'), t.t('imports.errors.record')])
  let after = 0
  for (;;) {
    const rows = await listImportErrors(db, { jobId: job.id, afterLine: after, limit: 2_000 })
    if (rows.length === 0) break
    yield rows.map((r) => csvLine(locale, [String(r.line), problemText(t, r.problem), r.detail, r.raw])).join('')
    after = rows.at(-1)?.line ?? after
    if (rows.length < 2_000) break
  }
}

function problemText(t: ReturnType<typeof createTranslator>, problem: string): string {
  return isMessageKey(problem) ? t.t(problem) : problem
}

// ---------------------------------------------------------------------------------------------
// Background work

class ImportCancelled extends Error {}

/** COPY row text: CSV, with NULL as an empty unquoted field. */
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  const s = String(value)
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s
}

const copyStatement = 'COPY import_rows (job_id, line, e164, service_ref, status, amount_cents, description, problem) FROM STDIN WITH (FORMAT csv)'

/** The number columns of a mapping alone: to find the numbers of a row that failed for another reason. */
function numbersOnly(mapping: ColumnMapping): ColumnMapping {
  const only: ColumnMapping = {}
  for (const field of ['number', 'numberLast', 'count'] as const) if (mapping[field] !== undefined) only[field] = mapping[field]
  return only
}

/**
 * Reads a leased job's file into staging, then checks it and stores the dry run. Progress (rows,
 * bytes) goes to the job row twice a second, renewing the lease; a cancelled job stops there.
 */
export async function parseImportJob(database: Database, jobId: string, now: () => Date = () => new Date()): Promise<'ready' | 'failed' | 'cancelled' | 'skipped'> {
  const db = database.db
  const job = await getImportJobById(db, jobId)
  if (!job || job.state !== 'parsing' || !job.mapping) return 'skipped'
  const format = formatOf(job)
  const read = createRowReader(job.kind, job.mapping as ColumnMapping)
  const readNumbers = createRowReader('inventory', numbersOnly(job.mapping as ColumnMapping))
  const delimiter = format.delimiter
  let rows = 0
  let errors: { jobId: string; line: number; problem: string; detail: string; raw: string }[] = []
  let badRows = 0
  let lastProgress = now().getTime()
  await clearStaging(db, jobId)
  await updateImportJob(db, { jobId, inStates: ['parsing'] }, { rowsDone: 0, bytesDone: 0, badRows: 0, error: null, phaseStartedAt: now(), leaseUntil: new Date(now().getTime() + parseLeaseMs) })

  const flushErrors = async () => {
    if (errors.length === 0) return
    const batch = errors
    errors = []
    await insertImportErrors(db, batch)
  }
  const progress = async (bytes: number) => {
    const moved = await updateImportJob(db, { jobId, inStates: ['parsing'] }, { rowsDone: rows, bytesDone: bytes, badRows, leaseUntil: new Date(now().getTime() + parseLeaseMs) })
    if (!moved) throw new ImportCancelled()
  }
  async function* copyText(): AsyncGenerator<string> {
    for await (const batch of readRecords(job!.storedFile, format)) {
      let text = ''
      for (const { line, cells } of batch.records) {
        const row = read(cells)
        if (!row.ok) {
          if (row.problem === 'row.empty') continue
          badRows++
          errors.push({ jobId, line, problem: row.problem, detail: row.detail, raw: cells.join(delimiter).slice(0, 500) })
          // The row's numbers, when they can be read, are staged flagged: left out of the merge, but
          // still named by the file (so a bad status does not get the number marked missing).
          const named = job!.kind === 'inventory' ? readNumbers(cells) : null
          if (named?.ok && named.numbers) {
            const first = Number(named.numbers.first.slice(1))
            for (let i = 0; i < named.numbers.count; i++) text += `${jobId},${line},+${first + i},,,,,${row.problem}\n`
          }
          continue
        }
        const tail = `,${csvCell(row.serviceRef)},${csvCell(row.status)},`
        const description = csvCell(row.description)
        if (row.numbers === null) {
          text += `${jobId},${line},${tail}${csvCell(row.amountCents)},${description},\n`
        } else {
          const first = Number(row.numbers.first.slice(1))
          for (let i = 0; i < row.numbers.count; i++) {
            text += `${jobId},${line},+${first + i}${tail}${i === 0 ? csvCell(row.amountCents) : ''},${i === 0 ? description : ''},\n`
          }
        }
      }
      rows += batch.records.length
      if (text !== '') yield text
      if (errors.length >= 1_000) await flushErrors()
      if (now().getTime() - lastProgress >= progressEveryMs) {
        lastProgress = now().getTime()
        await progress(batch.bytesRead)
        // A turn for the rest of the server: with the embedded database this loop would otherwise
        // hold the event loop between its COPY blobs.
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
  }
  try {
    await database.copyIn(copyStatement, copyText())
    await analyzeStaging(db)
    await analyzeNumbersIfStale(db)
    await flushErrors()
    await progress(job.fileBytes)
    badRows += await checkStagedRows(db, { jobId, buildingId: job.buildingId, kind: job.kind })
    const counts = await stagedCounts(db, jobId)
    const summary: DryRun =
      job.kind === 'inventory'
        ? { kind: 'inventory', markMissing: job.markMissing, rows: counts.lines, numbers: counts.numbers, badRows: counts.bad, ...(await summariseInventoryDiff(db, { jobId, buildingId: job.buildingId, samples: samplesPerKind, markMissing: job.markMissing })) }
        : { kind: 'invoice', rows: counts.lines, badRows: counts.bad, totalCents: counts.totalCents, ...(await summariseInvoiceDiff(db, { jobId, buildingId: job.buildingId, samples: samplesPerKind })) }
    const done = await updateImportJob(db, { jobId, inStates: ['parsing'] }, { state: 'ready', summary, badRows: counts.bad, rowsDone: rows, leaseUntil: null })
    if (!done) throw new ImportCancelled()
    return 'ready'
  } catch (error) {
    await clearStaging(db, jobId)
    if (error instanceof ImportCancelled) return 'cancelled'
    const message = failureMessage(error)
    await updateImportJob(db, { jobId, inStates: ['parsing'] }, { state: 'failed', error: message.slice(0, 1_000), leaseUntil: null, finishedAt: now() })
    return 'failed'
  }
}

/**
 * Merges a job's staged rows into the inventory in ONE transaction, with its audit entry and its
 * per-number changes: a failure, or a process killed halfway, leaves the inventory exactly as it was
 * and the job waiting to be applied again. The row lock on the job keeps two workers apart.
 */
export async function applyImportJob(database: Database, jobId: string, now: () => Date = () => new Date()): Promise<'applied' | 'failed' | 'skipped' | 'reread'> {
  const db = database.db
  let storedFile: string | null = null
  try {
    const outcome = await db.transaction(async (tx) => {
      const locked = await lockImportJob(tx, jobId)
      if (!locked || locked.state !== 'applying') return 'skipped' as const
      const job = await getImportJobById(tx, jobId)
      if (!job) return 'skipped' as const
      if (job.badRows > 0 && !job.excludeBadRows) throw new Error('rows that could not be read were not excluded')
      const before = job.summary as DryRun | null
      // What is staged must be what the dry run counted (a crash or a purge may have emptied it):
      // otherwise the file is read again, and nothing is merged from a partial picture.
      const staged = await stagedCounts(tx, jobId)
      if (!before || staged.lines !== before.rows) {
        await updateImportJob(tx, { jobId, inStates: ['applying'] }, { state: 'parsing', leaseUntil: null, summary: null, appliedBy: null, appliedByEmail: null })
        return 'reread' as const
      }
      const applied =
        job.kind === 'inventory'
          ? await applyInventoryDiff(tx, { jobId, buildingId: job.buildingId, markMissing: job.markMissing })
          : await applyInvoice(tx, { jobId, buildingId: job.buildingId })
      await recordAudit(
        tx,
        // The worker acts for whoever asked for the apply.
        { id: job.appliedBy, email: job.appliedByEmail ?? job.createdByEmail },
        {
          buildingId: job.buildingId,
          entityType: 'import',
          entityId: job.id,
          action: 'update',
          summary: `applied the ${job.kind} file ${job.fileName} of ${job.carrierName ?? 'the carrier'}: ${describeApplied(job.kind, applied)}`,
          before: { state: 'applying', dryRun: before ? { counts: before.counts, badRows: before.badRows } : null },
          after: { state: 'applied', changes: applied, detail: 'import_changes', excludedRows: job.excludeBadRows ? job.badRows : 0 },
        },
      )
      await updateImportJob(tx, { jobId, inStates: ['applying'] }, { state: 'applied', finishedAt: now(), summary: { ...(before ?? {}), applied } })
      await dropStagedRows(tx, jobId)
      storedFile = job.storedFile
      return 'applied' as const
    })
    if (storedFile) await removeStoredFile(storedFile)
    return outcome
  } catch (error) {
    const message = failureMessage(error)
    await updateImportJob(db, { jobId, inStates: ['applying'] }, { state: 'failed', error: message.slice(0, 1_000), finishedAt: now() })
    return 'failed'
  }
}

/** The database's own words for a failure (drizzle wraps them in "Failed query: …" with the SQL). */
function failureMessage(error: unknown): string {
  let e: unknown = error
  for (let depth = 0; depth < 4 && e instanceof Error && e.cause instanceof Error; depth++) e = e.cause
  const pg = pgError(error)
  const text = e instanceof Error ? e.message : String(e)
  return pg?.constraint && !text.includes(pg.constraint) ? `${text} (${pg.constraint})` : text
}

function describeApplied(kind: ImportKind, applied: Partial<Record<string, number>>): string {
  const keys = kind === 'inventory' ? ['new', 'serviceChanged', 'statusChanged', 'missing'] : ['nowBilled', 'nowUnbilled']
  return keys.map((k) => `${k} ${applied[k] ?? 0}`).join(', ')
}

/** Hourly: drops staged rows no open import needs any more. */
export const hourlyImportJobs = [{ name: 'import staging cleanup', run: ({ db }: { db: Db }) => purgeStaleStaging(db) }] as const

/**
 * One round of the background importer: reads the next due file (one whose lease lapsed, also after a
 * worker died) and applies every import waiting to be applied.
 */
export async function runImportWork({ database, now = () => new Date() }: { database: Database; now?: () => Date }) {
  const done: { jobId: string; outcome: string }[] = []
  const claimed = await claimDueParse(database.db, new Date(now().getTime() + parseLeaseMs))
  if (claimed) done.push({ jobId: claimed.id, outcome: await parseImportJob(database, claimed.id, now) })
  for (const { id } of await listDueApplies(database.db)) done.push({ jobId: id, outcome: await applyImportJob(database, id, now) })
  return done
}
