// The building inventory report: the building's contracts, lines and numbers on one day, for the
// facility manager's files and for a carrier or a successor. Numbers are drawn as blocks (consecutive
// numbers on one line with the same holder, use, status and billing are one row) and come from async
// row sources, read while the document is written: a 20,000-number building is never in memory whole,
// and the reader's download speed paces the reads (nothing piles up behind a slow download).
import type { Readable } from 'node:stream'
import type { ContractTimeline, TerminationTerms } from '#app/domain/contracts/index.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import type { CriticalUse, Locale, NumberStatus, NumberUse, ServiceKind } from '#app/domain/enums.ts'
import type { E164 } from '#app/domain/numbers/index.ts'
import { createTranslator } from '#app/i18n/index.ts'
import { createPdf, ensureSpace, facts, fileName, heading, paragraph, table, title, type Column, type Pdf } from './document.server.ts'

/** A running contract with its terms (see app/domain/contracts) and its timeline on the report's day. */
export interface InventoryContract extends TerminationTerms {
  id: string
  carrierName: string
  contractNumber: string
  /** The tenant holding the contract; null when the building holds it. */
  holderName: string | null
  timeline: ContractTimeline
  serviceCount: number
}

export interface InventoryService {
  kind: ServiceKind
  carrierRef: string
  contractId: string
  mainNumber: E164 | null
  criticalUse: CriticalUse | null
  dedicatedTenantName: string | null
  numberCount: number
}

export interface InventoryLine {
  kind: ServiceKind
  carrierRef: string
}

/** Consecutive numbers on one line that share holder, use, status and billing. */
export interface NumberRun {
  line: InventoryLine
  first: E164
  last: E164
  count: number
  holderName: string | null
  use: NumberUse
  status: NumberStatus
  billed: boolean
}

/** A line or block of numbers with a safety or payment function; run is null for a line without numbers. */
export interface CriticalRow {
  line: InventoryLine
  criticalUse: CriticalUse
  run: NumberRun | null
}

export interface InventoryReport {
  building: { id: string; name: string; street: string; postcode: string; city: string }
  asOf: IsoDate
  totals: { tenants: number; numbers: number; unallocated: number; unbilled: number; critical: number }
  contracts: InventoryContract[]
  services: InventoryService[]
  /** Row sources: each call starts a fresh pass over the database, read batch by batch as drawn. */
  rows: {
    ranges: () => AsyncIterable<NumberRun>
    unallocated: () => AsyncIterable<NumberRun>
    unbilled: () => AsyncIterable<NumberRun>
    critical: () => AsyncIterable<CriticalRow>
  }
}

/** The document, its stable file name and the drawing to run while it streams. */
export function inventoryReportPdf(report: InventoryReport, options: { locale: Locale; generatedAt: Date }) {
  const t = createTranslator(options.locale)
  const { building, asOf } = report
  const doc = createPdf({
    title: t.t('doci.title', { building: building.name }),
    subject: t.t('doci.subject', { building: building.name, date: t.date(asOf) }),
    locale: options.locale,
    documentId: `INV-${asOf}-${building.id.slice(0, 8)}`,
    generatedAt: options.generatedAt,
  })
  return { doc, fileName: fileName('inventory', building.name, asOf), render: () => drawInventoryReport(doc, report) }
}

async function drawInventoryReport(doc: Pdf, report: InventoryReport) {
  const { t } = doc
  const { building, totals } = report
  title(doc, t.t('doci.title', { building: building.name }), `${building.street}, ${building.postcode} ${building.city} · ${t.t('doci.asOf', { date: t.date(report.asOf) })}`)

  heading(doc, t.t('doci.summary'))
  facts(doc, [
    [t.t('doci.tenants'), t.count(totals.tenants)],
    [t.t('doci.contracts'), t.count(report.contracts.length)],
    [t.t('doci.lines'), t.count(report.services.length)],
    [t.t('doci.numbers'), t.count(totals.numbers)],
    [t.t('doci.unallocated'), t.count(totals.unallocated)],
    [t.t('doci.unbilled'), t.count(totals.unbilled)],
    [t.t('doci.critical'), t.count(totals.critical)],
  ], labelWidth)

  heading(doc, t.t('doci.contracts'))
  if (report.contracts.length === 0) paragraph(doc, t.t('doci.none'), { color: muted })
  for (const contract of report.contracts) drawContract(doc, contract)

  tableHeading(doc, t.t('doci.lines'))
  await drawLines(doc, report)

  tableHeading(doc, `${t.t('doci.ranges')} (${t.count(totals.numbers)})`, t.t('doci.rangesIntro'))
  await numberSection(doc, runColumns(doc, ['line', 'holder', 'notes']), report.rows.ranges())

  tableHeading(doc, `${t.t('doci.unallocated')} (${t.count(totals.unallocated)})`)
  await numberSection(doc, runColumns(doc, ['line', 'notes']), report.rows.unallocated())

  tableHeading(doc, `${t.t('doci.unbilled')} (${t.count(totals.unbilled)})`)
  await numberSection(doc, runColumns(doc, ['line', 'holder', 'notes'], { billingIsGiven: true }), report.rows.unbilled())

  tableHeading(doc, t.t('doci.criticalLines'), t.t('doci.criticalIntro'))
  await tableOrNone(doc, criticalColumns(doc), paced(doc, report.rows.critical()))
}

const muted = '#475569'
/** Wide enough for the longest fact label on one line ("Vroegste einde bij opzegging vandaag"). */
const labelWidth = 200

/** A heading (and an introduction) kept on the page with the table's header and first rows. */
function tableHeading(doc: Pdf, text: string, intro?: string) {
  ensureSpace(doc, intro ? 150 : 110)
  heading(doc, text)
  if (intro) paragraph(doc, intro, { size: 9, color: muted })
}

function drawContract(doc: Pdf, c: InventoryContract) {
  const { t } = doc
  const tl = c.timeline
  ensureSpace(doc, 120)
  paragraph(doc, contractTitle(c), { bold: true })
  facts(doc, [
    [t.t('contract.carrier'), c.carrierName],
    [t.t('contract.number'), c.contractNumber],
    [t.t('contract.holder'), c.holderName ?? t.t('contract.holderBuilding')],
    [t.t('contract.startDate'), t.date(c.startDate)],
    [t.t('doci.initialTerm'), t.t('doci.months', { months: c.initialTermMonths })],
    [t.t('contract.initialTermEnd'), t.date(tl.initialTermEnd)],
    [t.t('doci.noticePeriod'), t.t('doci.days', { days: c.noticeDays })],
    [t.t('contract.noticeDeadline'), tl.noticeDeadline ? t.date(tl.noticeDeadline) : t.t('contract.afterRenewal', { days: tl.effectiveNoticeDays })],
    [t.t('contract.earliestEnd'), t.date(tl.earliestEnd)],
    [t.t('doci.renewal'), c.renewalTermMonths > 0 ? t.t('doci.renewsFor', { months: c.renewalTermMonths }) : t.t('doci.monthToMonth')],
    [t.t('doci.state'), tl.inInitialTerm ? t.t('doci.inInitialTerm', { pct: c.earlyTerminationPct }) : t.t('doci.renewed')],
    [t.t('contract.monthlyFee'), t.money(c.monthlyFeeCents)],
    [t.t('doci.linesOnContract'), t.count(c.serviceCount)],
  ], labelWidth)
}

const contractTitle = (c: InventoryContract) => `${c.carrierName} · ${c.contractNumber}`

/** The lines, per contract when there are several (each under its contract's title). */
async function drawLines(doc: Pdf, report: InventoryReport) {
  const contracts = new Set(report.contracts.map((c) => c.id))
  const groups = [
    ...report.contracts.map((c) => ({ title: report.contracts.length > 1 ? contractTitle(c) : null, lines: report.services.filter((s) => s.contractId === c.id) })),
    { title: null, lines: report.services.filter((s) => !contracts.has(s.contractId)) },
  ].filter((g) => g.lines.length > 0)
  if (groups.length === 0) paragraph(doc, doc.t.t('doci.none'), { color: muted })
  for (const group of groups) {
    if (group.title) {
      ensureSpace(doc, 90)
      paragraph(doc, group.title, { bold: true })
    }
    await table(doc, serviceColumns(doc), group.lines, tableFont)
  }
}

function serviceColumns(doc: Pdf): Column<InventoryService>[] {
  const { t } = doc
  return [
    { header: t.t('service.kind'), width: 13, cell: (s) => t.t(`kind.${s.kind}`) },
    { header: t.t('service.carrierRef'), width: 21, cell: (s) => s.carrierRef },
    { header: t.t('service.mainNumber'), width: 16, cell: (s) => (s.mainNumber ? t.phone(s.mainNumber) : '—') },
    { header: t.t('service.critical'), width: 14, cell: (s) => (s.criticalUse ? t.t(`critical.${s.criticalUse}`) : '—') },
    { header: t.t('service.dedicated'), width: 25, cell: (s) => s.dedicatedTenantName ?? '—' },
    { header: t.t('service.numberCount'), width: 11, align: 'right', cell: (s) => t.count(s.numberCount) },
  ]
}

/** "020 555 1000 – 020 555 1099 (100)"; a single number as itself. */
function runText(doc: Pdf, run: NumberRun): string {
  const { t } = doc
  return run.count === 1 ? t.phone(run.first) : `${t.phone(run.first)} – ${t.phone(run.last)} (${t.count(run.count)})`
}

type RunField = 'line' | 'holder' | 'notes'

/** A table's font size: the number tables are dense, so a block, its line and holder fit on one row. */
const tableFont = { fontSize: 8.5 }

function runColumns(doc: Pdf, fields: readonly RunField[], options: { billingIsGiven?: boolean } = {}): Column<NumberRun>[] {
  const { t } = doc
  const all: Record<RunField, Column<NumberRun>> = {
    line: { header: t.t('doci.line'), width: 20, cell: (r) => r.line.carrierRef },
    holder: { header: t.t('numbers.holder'), width: 29, cell: (r) => r.holderName ?? t.t('numbers.unallocated') },
    notes: { header: t.t('doci.notes'), width: 17, cell: (r) => runNotes(doc, r, options) },
  }
  return [{ header: t.t('doci.numbers'), width: 34, cell: (r) => runText(doc, r) }, ...fields.map((f) => all[f])]
}

/** What sets a block apart from a tenant's ordinary numbers: another use, another status, no billing. */
function runNotes(doc: Pdf, run: NumberRun, options: { billingIsGiven?: boolean }): string {
  const { t } = doc
  const notes: string[] = []
  if (run.use !== 'tenant') notes.push(t.t(`numbers.use.${run.use}`))
  if (run.status !== 'active') notes.push(t.t(`numbers.status.${run.status}`))
  if (!run.billed && !options.billingIsGiven) notes.push(t.t('doci.notBilled'))
  return notes.join(' · ')
}

function criticalColumns(doc: Pdf): Column<CriticalRow>[] {
  const { t } = doc
  return [
    { header: t.t('doci.line'), width: 20, cell: (r) => `${r.line.carrierRef}\n${t.t(`kind.${r.line.kind}`)}` },
    { header: t.t('service.critical'), width: 14, cell: (r) => t.t(`critical.${r.criticalUse}`) },
    { header: t.t('doci.numbers'), width: 34, cell: (r) => (r.run ? runText(doc, r.run) : t.t('doci.noNumbers')) },
    { header: t.t('numbers.holder'), width: 20, cell: (r) => (r.run ? (r.run.holderName ?? t.t('numbers.unallocated')) : '—') },
    { header: t.t('numbers.status'), width: 12, cell: (r) => (r.run ? t.t(`numbers.status.${r.run.status}`) : '—') },
  ]
}

/** A table of number blocks, followed by how many numbers and rows it drew. */
async function numberSection(doc: Pdf, columns: Column<NumberRun>[], runs: AsyncIterable<NumberRun>) {
  let numbers = 0
  const rows = await tableOrNone(doc, columns, paced(doc, runs, (run) => (numbers += run.count)))
  if (rows > 0) paragraph(doc, doc.t.t('doci.tally', { numbers, rows }), { size: 9, color: muted })
}

/** A table, or "None." when the source yields no row. Returns the rows drawn. */
async function tableOrNone<R>(doc: Pdf, columns: readonly Column<R>[], rows: Iterable<R> | AsyncIterable<R>): Promise<number> {
  const iterator = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : toAsync(rows[Symbol.iterator]())
  const first = await iterator.next()
  if (first.done) {
    paragraph(doc, doc.t.t('doci.none'), { color: muted })
    return 0
  }
  async function* all() {
    yield first.value as R
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  return table(doc, columns, all(), tableFont)
}

function toAsync<R>(iterator: Iterator<R>): AsyncIterator<R> {
  return { next: () => Promise.resolve(iterator.next()) }
}

/** Bytes of the document the reader has not taken yet beyond which drawing waits. */
const maxUnread = 256 * 1024
/** Longest stretch of drawing before the event loop gets a turn to send what is drawn (and serve others). */
const maxBusyMs = 20

/**
 * Passes rows on while the reader keeps up: when more than `maxUnread` bytes of the document wait
 * unread (the download is slower than the database), the next row is taken only once the reader
 * resumes. Every `maxBusyMs` the event loop gets a turn, so the drawn bytes go out while drawing
 * goes on — also when the rows come without I/O in between (PGlite answers inside this process).
 * A download the reader abandoned stops the reads.
 */
async function* paced<R>(doc: Pdf, rows: AsyncIterable<R>, each?: (row: R) => void): AsyncGenerator<R> {
  const stream = doc as unknown as Readable
  let busySince = performance.now()
  for await (const row of rows) {
    while (stream.readableLength > maxUnread && !stream.destroyed) await resumedOrAWhile(stream)
    if (performance.now() - busySince > maxBusyMs) {
      await new Promise((resolve) => setImmediate(resolve))
      busySince = performance.now()
    }
    if (stream.destroyed) throw new Error('download abandoned')
    each?.(row)
    yield row
  }
}

/** Resolves when the reader resumes reading, the stream closes, or after 50 ms (then the caller looks again). */
function resumedOrAWhile(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      stream.off('resume', done)
      stream.off('close', done)
      resolve()
    }
    const timer = setTimeout(done, 50)
    stream.once('resume', done)
    stream.once('close', done)
  })
}
