// Carrier files (the carrier's number inventory, its monthly invoice) as plain data: what a file
// looks like, how its columns map onto our fields, and what one row means once read. Pure types;
// the functions live beside this file (format.ts, columns.ts, rows.ts), but for delimiterName, which the
// browser needs and so must not pull in csv-parse.
import type { NumberStatus } from '#app/domain/enums.ts'
import type { E164 } from '#app/domain/numbers/index.ts'

/** What a carrier file holds: its number inventory, or invoice lines with amounts. */
export const importKinds = ['inventory', 'invoice'] as const
export type ImportKind = (typeof importKinds)[number]

export const fileEncodings = ['utf-8', 'windows-1252'] as const
export type FileEncoding = (typeof fileEncodings)[number]

export const fileDelimiters = [';', ',', '\t'] as const
export type FileDelimiter = (typeof fileDelimiters)[number]

/** The delimiter as the mapping form names it (types.ts has no dependencies: the browser bundle uses it). */
export function delimiterName(d: FileDelimiter): 'semicolon' | 'comma' | 'tab' {
  return d === ';' ? 'semicolon' : d === ',' ? 'comma' : 'tab'
}

/** How the bytes of a file are to be read; found by sniffing the head, adjustable by the user. */
export interface FileFormat {
  encoding: FileEncoding
  /** A UTF-8 byte order mark starts the file (it is skipped). */
  bom: boolean
  delimiter: FileDelimiter
  /** The first record names the columns. */
  header: boolean
}

/** Our fields a column can be mapped to, per kind of file. */
export const inventoryFields = ['number', 'numberLast', 'count', 'serviceRef', 'status'] as const
export const invoiceFields = ['number', 'numberLast', 'count', 'serviceRef', 'amount', 'description'] as const
export type InventoryField = (typeof inventoryFields)[number]
export type InvoiceField = (typeof invoiceFields)[number]
export type ImportField = InventoryField | InvoiceField

/**
 * Which column (0-based index into a record) feeds which field; absent = not in the file.
 * `number` may hold one number or a whole block ("020 555 1000 t/m 020 555 1099", "0205551000;100");
 * `numberLast` holds the last number of a block, `count` its size; a column mapped to either may also
 * hold the other (a short value is a count, a long one a last number).
 */
export type ColumnMapping = Partial<Record<ImportField, number>>

/** Why a row could not be read: message keys (app/i18n/messages/import-rows.ts), with a detail. */
export const rowProblems = [
  'row.empty',
  'row.numberMissing',
  'row.numberInvalid',
  'row.numberNotDutch',
  'row.rangeInvalid',
  'row.rangeReversed',
  'row.rangeTooLarge',
  'row.countInvalid',
  'row.statusUnknown',
  'row.amountInvalid',
  'row.amountMissing',
  'row.serviceMissing',
  'row.nothingToBill',
  'row.columnsMissing',
] as const
export type RowProblem = (typeof rowProblems)[number]

/** One data row of a carrier file, read. */
export type ReadRow =
  | {
      ok: true
      /** The numbers the row is about (a block of one for a single number); null for a service-only invoice line. */
      numbers: { first: E164; count: number } | null
      /** The carrier's reference of the line or access, as written (trimmed); null when not given. */
      serviceRef: string | null
      /** Inventory rows: the carrier's status in our vocabulary; null when the file has no status column. */
      status: NumberStatus | null
      /** Invoice rows: the line's amount in integer cents (may be negative for credits). */
      amountCents: number | null
      description: string | null
    }
  | { ok: false; problem: RowProblem; /** The offending value as written, for the error report. */ detail: string }
