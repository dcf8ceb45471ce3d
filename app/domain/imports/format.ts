// How the bytes of a carrier file are read: encoding, delimiter and header, guessed from the head of
// the file so the user only has to confirm. The streaming import decodes and parses with the same
// decoder and csv-parse options as the preview, so what the user saw is what gets imported.
import type { Options as CsvOptions } from 'csv-parse/sync'
import { parse } from 'csv-parse/sync'
import { fileDelimiters, type FileDelimiter, type FileEncoding, type FileFormat } from './types.ts'

/** How much of a file the sniffer and the preview look at. */
export const sniffHeadBytes = 64 * 1024

/** Records looked at to choose the delimiter: enough to see a pattern, few enough to stay in the head. */
const sniffRecords = 10

/**
 * Guesses how to read a file from its first bytes (up to {@link sniffHeadBytes}).
 * - encoding: a UTF-8 byte order mark, else valid UTF-8, else Windows-1252 (what Excel on a Dutch
 *   Windows machine writes as "CSV");
 * - delimiter: the one of `;` `,` tab that gives the most records the same number of columns (more
 *   than one); `;` first on a tie, as Dutch Excel writes it and decimal commas make `,` look plausible;
 * - header: see {@link looksLikeHeader}.
 */
export function sniffFormat(head: Uint8Array): FileFormat {
  const bom = startsWithBom(head)
  const encoding: FileEncoding = bom || isUtf8(withoutIncompleteTail(head)) ? 'utf-8' : 'windows-1252'
  const text = decodeHead(head, { encoding, bom, delimiter: ';', header: true })
  const delimiter = sniffDelimiter(text)
  const [first, second] = previewRecords(text, { encoding, bom, delimiter, header: true }, 2)
  return { encoding, bom, delimiter, header: looksLikeHeader(first, second) }
}

/**
 * The head decoded as text, without a byte order mark. A multi-byte UTF-8 character cut off by the end
 * of the head is dropped rather than shown as a replacement character.
 */
export function decodeHead(head: Uint8Array, format: FileFormat): string {
  const bytes = format.encoding === 'utf-8' ? withoutIncompleteTail(head) : head
  return createTextDecoder(format).decode(bytes)
}

/** Decodes a file chunk by chunk; call `decode(chunk, { stream: true })` per chunk and `decode()` at the end. */
export interface ChunkDecoder {
  decode(chunk?: Uint8Array, options?: { stream?: boolean }): string
}

/**
 * A decoder for the file's encoding, for the whole file (the streaming import) as for the head.
 * A leading UTF-8 byte order mark is always skipped: it is never content, whatever `format.bom` says.
 *
 * Windows-1252 is decoded through our own table for bytes 0x80–0x9F: Node 20.18.3 and later decode
 * `windows-1252` as ISO-8859-1 (nodejs/node#60888), which would turn € into U+0080. The correction
 * is a no-op where the platform decodes correctly.
 */
export function createTextDecoder(format: FileFormat): ChunkDecoder {
  if (format.encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: false })
  const latin = new TextDecoder('windows-1252')
  return {
    decode: (chunk, options) => fixWindows1252(latin.decode(chunk, options)),
  }
}

/** Options for csv-parse, shared by the preview and the streaming import. */
export interface CsvParseOptions {
  delimiter: FileDelimiter
  quote: '"'
  /** Carrier exports drop trailing empty cells; a short record is read with missing cells as empty. */
  relax_column_count: true
  /** A stray quote inside an unquoted cell (`5" rack`) is kept as text instead of failing the file. */
  relax_quotes: true
  skip_empty_lines: true
  trim: true
  /** The decoder has already removed a byte order mark. */
  bom: false
}

export function csvParseOptions(format: FileFormat): CsvParseOptions {
  const options: CsvParseOptions = {
    delimiter: format.delimiter,
    quote: '"',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    bom: false,
  }
  return options satisfies CsvOptions
}

/**
 * The first `max` records of a decoded head, for the preview and the column mapping. A final record
 * the head cut off inside a quoted cell is left out; so is everything from a record csv-parse cannot
 * read (the import itself reports that one with its line).
 */
export function previewRecords(text: string, format: FileFormat, max = 6): string[][] {
  const records: string[][] = []
  if (max < 1) return records
  try {
    parse(text, {
      ...csvParseOptions(format),
      to: max,
      on_record: (record: string[]) => {
        records.push(record)
        return record
      },
    })
  } catch {
    // The records read before the error are the preview; the import reports the error itself.
  }
  return records
}

/**
 * A cell that reads as a value rather than a column name: a phone number, a count or an amount
 * (`020-5551000`, `+31 20 555 1000`, `100`, `12,50`, `-€ 3,00`). Column names start with a letter.
 */
export function isValueLike(cell: string): boolean {
  return /^[+(€-]*\s*\d[\d\s().,\-/]*$/.test(cell.trim())
}

/**
 * Whether the first record names the columns. Column names are words; data rows of a carrier file hold
 * at least a number or an amount. So a first record holding a value-like cell is data, when the second
 * record holds one too (or there is none). A first record of words only is a header; and when the first
 * holds a value but the second does not, the file is odd and the default (a header) stands.
 */
export function looksLikeHeader(first: readonly string[] | undefined, second: readonly string[] | undefined): boolean {
  if (!first || !first.some(isValueLike)) return true
  return second !== undefined && !second.some(isValueLike)
}

function sniffDelimiter(text: string): FileDelimiter {
  const counts = delimiterCounts(text)
  let best: FileDelimiter = ';'
  let bestScore = 0
  // fileDelimiters lists `;` first, and only a strictly better score replaces it.
  for (const delimiter of fileDelimiters) {
    const score = consistency(counts.map((c) => c[delimiter] + 1))
    if (score > bestScore) {
      best = delimiter
      bestScore = score
    }
  }
  return best
}

/**
 * Per record (up to {@link sniffRecords}, blank lines skipped), how often each candidate delimiter
 * occurs outside quotes. A quote opens a quoted cell only at the start of a cell, so an inch mark in
 * `19" rack` is text, as csv-parse's relax_quotes reads it. A final record without a line end may have
 * been cut off by the end of the head, so it counts only when it is the only one.
 */
function delimiterCounts(text: string): Record<FileDelimiter, number>[] {
  const out: Record<FileDelimiter, number>[] = []
  let current = { ';': 0, ',': 0, '\t': 0 }
  let blank = true
  let quoted = false
  let cellStart = true
  for (let i = 0; i < text.length && out.length < sniffRecords; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++
        else quoted = false
      }
    } else if (ch === '\n' || ch === '\r') {
      if (!blank) out.push(current)
      current = { ';': 0, ',': 0, '\t': 0 }
      blank = true
      cellStart = true
    } else if (ch === ';' || ch === ',' || ch === '\t') {
      current[ch]++
      blank = false
      cellStart = true
    } else if (ch === '"' && cellStart) {
      quoted = true
      blank = false
    } else if (ch !== ' ') {
      blank = false
      cellStart = false
    }
  }
  if (!blank && out.length === 0) out.push(current)
  return out
}

/** How many records share the most common column count, or 0 when that count is one column. */
function consistency(columns: number[]): number {
  const tally = new Map<number, number>()
  for (const c of columns) tally.set(c, (tally.get(c) ?? 0) + 1)
  let best = 0
  for (const [count, records] of tally) if (count > 1 && records > best) best = records
  return best
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/**
 * The bytes without a UTF-8 sequence that starts within the last three bytes but runs past the end:
 * a head cut at 64 KiB can split a character, which must not count as invalid UTF-8.
 */
function withoutIncompleteTail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: the lead is further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return length > back ? bytes.subarray(0, bytes.length - back) : bytes
  }
  return bytes
}

/** Windows-1252 characters of bytes 0x80–0x9F (WHATWG index); the five unassigned bytes stay as they are. */
const windows1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => windows1252High[c.charCodeAt(0) - 0x80] ?? c)
}
