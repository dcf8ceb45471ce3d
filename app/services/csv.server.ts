// Spreadsheet-friendly CSV for downloads: what Excel opens correctly in the user's locale. Dutch Excel
// splits on ';' (the comma is its decimal separator), English on ','; both need the UTF-8 byte order
// mark to read accents and the euro sign, and CRLF line ends. Quoting is csv-stringify's.
import { stringify } from 'csv-stringify/sync'
import type { Locale } from '#app/domain/enums.ts'

export function csvDelimiter(locale: Locale): ';' | ',' {
  return locale === 'nl' ? ';' : ','
}

/** The start of the file: the byte order mark. */
export function csvPreamble(_locale: Locale): string {
  return '\uFEFF'
}

/**
 * A cell a spreadsheet would run as a formula (starts with =, +, -, @, tab or CR) gets a leading
 * apostrophe, so a name like "=HYPERLINK(…)" from a carrier's file stays text.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/** One record, quoted where needed, ending in CRLF. */
export function csvLine(locale: Locale, cells: readonly string[], options: { raw?: readonly number[] } = {}): string {
  const safe = cells.map((c, i) => (options.raw?.includes(i) ? c : neutralise(c)))
  return stringify([safe], { delimiter: csvDelimiter(locale), record_delimiter: '\r\n', quote_record_delimiter: true })
}
