// Spreadsheet-friendly CSV for downloads: what Excel opens correctly by double-click in the user's
// locale. It reads the list separator of the system's region, which is ';' in the Netherlands (the
// comma is the decimal separator there) and ',' in English locales; the BOM makes it read UTF-8 rather
// than the ANSI code page; line ends are CRLF. Quoting is csv-stringify's.
import { stringify } from 'csv-stringify/sync'
import type { Locale } from '#app/domain/enums.ts'

export function csvDelimiter(locale: Locale): ';' | ',' {
  return locale === 'nl' ? ';' : ','
}

/** The start of the file: the byte order mark. */
export const csvPreamble = '\uFEFF'

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): text starting with '=', '+',
 * '-', '@', a tab or a carriage return, or the full-width '=', '+', '-', '@' some spreadsheets fold
 * to those. It gets a leading apostrophe, which spreadsheets show as text — unless it is a plain number
 * (a credit `-12,50`, an E.164 number), which would be corrupted by one and cannot carry a formula.
 */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/** A plain number (`-12,50`, `+31205551000`, `1.234,56`): a spreadsheet reads it as a value, never a formula. */
const plainNumber = /^[+-]?\d[\d.,]*$/

export function neutralise(cell: string): string {
  return formulaStart.test(cell) && !plainNumber.test(cell) ? `'${cell}` : cell
}

/**
 * One record, each cell neutralised, quoted where needed, ending in CRLF. With a record delimiter
 * given, csv-stringify quotes only cells holding "\r\n" unless told otherwise: a bare line break in a
 * name would split its row.
 */
export function csvLine(locale: Locale, cells: readonly string[]): string {
  return stringify([cells.map(neutralise)], { delimiter: csvDelimiter(locale), record_delimiter: '\r\n', quote_record_delimiter: true })
}
