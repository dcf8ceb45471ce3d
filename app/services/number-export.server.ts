// The numbers spreadsheet: every number of a building with its holder as a CSV download, for the
// building's facility managers, in their language and in the form Excel opens directly in that
// locale. The refusal (or a missing building) is answered before the download starts; the numbers are
// then read in keyset-paged batches while the file is written, so memory stays at one batch whatever
// the building's size. The batches are separate reads, not one snapshot: a number re-allocated while
// a download runs may show under its old or its new holder. Reading is not audited.
import { pipeline, Readable } from 'node:stream'
import { stringify, type CastingContext } from 'csv-stringify'
import type { Actor } from '#app/domain/actor.ts'
import { formatIsoDate, type IsoDate } from '#app/domain/dates.ts'
import type { Locale } from '#app/domain/enums.ts'
import { fileSlug } from '#app/domain/file-names.ts'
import { formatNational, numberSearchPattern } from '#app/domain/numbers/index.ts'
import { translate } from '#app/i18n/index.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import type { Db } from '#db/client.ts'
import {
  listHeldNumbersForExport,
  listUnallocatedNumbersForExport,
  type HeldNumberCursor,
  type HeldNumberRow,
  type UnallocatedNumberRow,
} from '#db/queries/number-export.ts'
import type { NumberFilter } from '#db/queries/numbers.ts'
import { numberListQuery } from './numbers.server.ts'
import { csvDelimiter, neutralise } from './csv.server.ts'
import { requireManagedBuilding } from './scope.server.ts'

/** Numbers per query: small enough to keep memory flat, large enough that round trips stay few. */
export const numberExportBatchSize = 2_000

/** The columns, in file order. */
const columns = ['tenant', 'kvkNumber', 'number', 'e164', 'carrierRef', 'kind', 'use', 'status', 'billed', 'allocatedSince'] as const
type Column = (typeof columns)[number]
const e164Column = columns.indexOf('e164')

/**
 * The E.164 column is for machines (re-import, a carrier's porting list), so it holds the number
 * exactly, '+' included, and is always quoted. The formula guard leaves it alone as a plain number (an
 * apostrophe would corrupt it for every program that reads the file; ck_numbers_e164 allows only '+'
 * and digits, and Excel at worst reads it as the number 31205551000).
 * Quoting does not stop Excel from doing that when the file is double-clicked; people read the
 * national column next to it, and whoever needs E.164 in Excel imports the column as text.
 */
function quoteE164(value: string, context: CastingContext) {
  return context.column === e164Column ? { value, quoted: true } : value
}

/** The list's filters from the URL (the page is ignored), or null when the search cannot match a number. */
function exportFilter(buildingId: string, query: unknown): NumberFilter | null {
  const parsed = numberListQuery.parse(query ?? {})
  const search = numberSearchPattern(parsed.q)
  if (parsed.q !== '' && search === null) return null
  return {
    buildingId,
    search,
    ...(parsed.service ? { serviceId: parsed.service } : {}),
    ...(parsed.tenant ? { tenant: parsed.tenant } : {}),
    ...(parsed.billed ? { billed: parsed.billed === 'yes' } : {}),
    ...(parsed.use ? { use: parsed.use } : {}),
    ...(parsed.status ? { status: parsed.status } : {}),
  }
}

/** The building's numbers for the file: held ones by holder and number, then the unallocated ones by number. */
async function* exportedNumbers(db: Db, filter: NumberFilter): AsyncGenerator<HeldNumberRow | UnallocatedNumberRow> {
  let held: HeldNumberCursor | null = null
  for (;;) {
    const batch = await listHeldNumbersForExport(db, filter, { after: held, limit: numberExportBatchSize })
    yield* batch
    const last = batch.at(-1)
    if (!last || batch.length < numberExportBatchSize) break
    held = { tenantName: last.tenantName, kvkNumber: last.tenantKvkNumber, e164: last.e164 }
  }
  let unallocated: string | null = null
  for (;;) {
    const batch = await listUnallocatedNumbersForExport(db, filter, { after: unallocated, limit: numberExportBatchSize })
    yield* batch
    const last = batch.at(-1)
    if (!last || batch.length < numberExportBatchSize) break
    unallocated = last.e164
  }
}

/** One line of the file, in the reader's language; an unallocated number has an empty holder. */
function exportRecord(row: HeldNumberRow | UnallocatedNumberRow, locale: Locale): string[] {
  const holder = 'tenantName' in row ? row : null
  const cells: Record<Column, string> = {
    tenant: holder?.tenantName ?? '',
    kvkNumber: holder?.tenantKvkNumber ?? '',
    number: formatNational(row.e164),
    e164: row.e164,
    carrierRef: row.serviceCarrierRef,
    kind: translate(locale, `kind.${row.serviceKind}`),
    use: translate(locale, `numbers.use.${row.use}`),
    status: translate(locale, `numbers.status.${row.status}`),
    billed: translate(locale, row.billed ? 'yes' : 'no'),
    allocatedSince: holder?.allocatedOn ? exportDate(holder.allocatedOn, locale) : '',
  }
  return columns.map((column) => neutralise(cells[column]))
}

/** dd-mm-jjjj for Dutch readers; ISO for English ones, which every spreadsheet reads as a date. */
function exportDate(date: IsoDate, locale: Locale): string {
  return locale === 'nl' ? formatIsoDate(date, 'nl') : date
}

async function* exportRecords(db: Db, filter: NumberFilter | null, locale: Locale): AsyncGenerator<string[]> {
  yield columns.map((column) => translate(locale, `numberExport.column.${column}`))
  if (!filter) return
  for await (const row of exportedNumbers(db, filter)) yield exportRecord(row, locale)
}

/**
 * The building's numbers (filtered like the numbers list when `query` holds its filters) as a CSV
 * stream in the reader's language: UTF-8 with BOM, CRLF line ends, ';' for Dutch and ',' for English.
 * File name `numbers-<building>-<YYYY-MM-DD>.csv`. Facility managers of the building only.
 */
export async function exportBuildingNumbersCsv({
  db,
  actor,
  buildingId,
  locale,
  query,
  asOf = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  buildingId: string
  locale: Locale
  /** The URL's search parameters as a plain object: the numbers list's filters. */
  query?: unknown
  asOf?: IsoDate
}): Promise<{ fileName: string; body: Readable }> {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const filter = exportFilter(buildingId, query)
  const csv = stringify({
    bom: true,
    delimiter: csvDelimiter(locale),
    record_delimiter: 'windows',
    // With a record_delimiter given, csv-stringify would otherwise quote only cells holding "\r\n",
    // and a name with a bare line break would split its row.
    quote_record_delimiter: true,
    cast: { string: quoteE164 },
  })
  pipeline(Readable.from(exportRecords(db, filter, locale)), csv, (error) => {
    // A cancelled download ends the pipeline early; any other failure has aborted the download too.
    if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error('numbers CSV export failed', error)
  })
  return { fileName: `numbers-${fileSlug(building.name) || 'building'}-${asOf}.csv`, body: csv }
}
