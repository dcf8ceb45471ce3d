// Reads one data record of a carrier file into a row: the number or block, the service, the status or
// the amount, or the reason it cannot be read. The import pushes every record of files of a million
// lines through this, so the common case — one plain Dutch number — is read digit by digit without
// libphonenumber (tens of microseconds a call); blocks and unusual notations take the general parser.
import type { NumberStatus } from '#app/domain/enums.ts'
import { parseEuroToCents } from '#app/domain/money.ts'
import {
  e164Value,
  maxRangeCount,
  offsetNumber,
  parseDutchNumber,
  parseNumberRange,
  type E164,
  type RangeError,
} from '#app/domain/numbers/index.ts'
import type { ColumnMapping, ImportKind, ReadRow, RowProblem } from './types.ts'

/** Longest detail kept with a problem: enough to recognise the cell in the error report. */
export const maxDetailLength = 80

/**
 * The carrier's status words (compared without case, accents or surrounding space) in our vocabulary.
 * An empty status cell is no statement at all and reads as null (the caller treats it as active).
 */
export const statusWords: Readonly<Record<string, NumberStatus>> = {
  actief: 'active',
  active: 'active',
  'in gebruik': 'active',
  'in use': 'active',
  aangesloten: 'active',
  live: 'active',
  ok: 'active',
  opgezegd: 'disconnected',
  beeindigd: 'disconnected',
  afgesloten: 'disconnected',
  disconnected: 'disconnected',
  terminated: 'disconnected',
  cancelled: 'disconnected',
  inactief: 'disconnected',
  inactive: 'disconnected',
  geporteerd: 'ported_out',
  uitgeporteerd: 'ported_out',
  ported: 'ported_out',
  'ported out': 'ported_out',
  ported_out: 'ported_out',
  porteren: 'porting_out',
  'wordt geporteerd': 'porting_out',
  porting: 'porting_out',
  'porting out': 'porting_out',
  porting_out: 'porting_out',
}

/** A status cell in our vocabulary; null for an empty cell, undefined for a word we do not know. */
export function readStatus(cell: string): NumberStatus | null | undefined {
  const word = cell
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
  if (word === '') return null
  return Object.hasOwn(statusWords, word) ? statusWords[word] : undefined
}

/**
 * An amount as carriers and Excel write it, in integer cents: Dutch `1.234,56`, English `1,234.56`,
 * with or without `€`/`EUR`; a credit as `-12,50`, `12,50-` or `(12,50)`. Null when it is not an amount.
 */
export function readAmountCents(cell: string): number | null {
  let text = cell.trim()
  let negative = false
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true
    text = text.slice(1, -1)
  }
  text = text.replace(/€|eur/gi, '').replace(/\s/g, '').replace(/^[\u2212\u2013]/, '-')
  const leading = text.startsWith('-')
  const trailing = text.endsWith('-')
  if (leading || trailing) {
    // One way of saying "credit" at a time: "-(12,50)" or "-12,50-" is not an amount anyone writes.
    if (negative || (leading && trailing) || text.length < 2) return null
    negative = true
    text = leading ? text.slice(1) : text.slice(0, -1)
  }
  const cents = parseEuroToCents(text)
  if (cents === null) return null
  return negative && cents !== 0 ? -cents : cents
}

type NumberRead = { ok: true; first: E164; count: number } | { ok: false; problem: RowProblem }

/**
 * A reader for the data records of one file. It holds a cache of number prefixes, so use one reader per
 * file (or share it across files of the same import: the cache is never wrong, only warm).
 *
 * Per record:
 * - a record of empty cells only is `row.empty`;
 * - a record too short to reach a column the row cannot do without — the number of an inventory row;
 *   the amount of an invoice row, or both its number and service columns — is `row.columnsMissing`
 *   (a broken line, not an empty cell); any other cell beyond the end of the record reads as empty;
 * - then the number or block, the last number or count, the status (inventory) or the amount (invoice).
 * A problem's detail is the offending cell as written (trimmed, at most {@link maxDetailLength} chars).
 */
export function createRowReader(kind: ImportKind, mapping: ColumnMapping): (record: string[]) => ReadRow {
  const iNumber = mapping.number ?? -1
  const iLast = mapping.numberLast ?? -1
  const iCount = mapping.count ?? -1
  const iService = mapping.serviceRef ?? -1
  const iStatus = kind === 'inventory' ? (mapping.status ?? -1) : -1
  const iAmount = kind === 'invoice' ? (mapping.amount ?? -1) : -1
  const iDescription = kind === 'invoice' ? (mapping.description ?? -1) : -1
  // The record must reach this column, or the row is a broken line (see above).
  const firstBillable = Math.min(nonNegative(iNumber), nonNegative(iService))
  const minLength =
    kind === 'inventory' ? iNumber + 1 : Math.max(iAmount + 1, firstBillable === Number.POSITIVE_INFINITY ? 0 : firstBillable + 1)

  const numbers = createNumberReader()
  const statusCache = new Map<string, NumberStatus | null | undefined>()

  const readStatusCached = (cell: string): NumberStatus | null | undefined => {
    let status = statusCache.get(cell)
    if (status === undefined && !statusCache.has(cell)) {
      status = readStatus(cell)
      // A file has a handful of status words; a file of made-up ones must not grow the cache unbounded.
      if (statusCache.size < 256) statusCache.set(cell, status)
    }
    return status
  }

  return (record) => {
    if (isBlankRecord(record)) return problem('row.empty', '')
    if (record.length < minLength) return problem('row.columnsMissing', record.join(' | '))

    const numberCell = cellAt(record, iNumber)
    let block: { first: E164; count: number } | null = null
    if (numberCell !== '') {
      const read = numbers.readBlock(numberCell)
      if (!read.ok) return problem(read.problem, numberCell)
      const lastCell = cellAt(record, iLast)
      const countCell = cellAt(record, iCount)
      let count = read.count
      // Whether the size is already stated: by a block in the number cell, or by the last number when
      // the count is filled in too. A second statement must agree, or we would silently pick one.
      let stated = count > 1
      if (lastCell !== '' || countCell !== '') {
        for (const extra of [lastCell, countCell]) {
          if (extra === '') continue
          const size = numbers.blockSize(read.first, extra)
          if (typeof size === 'string') return problem(size, extra)
          if (stated && size !== count) return problem('row.rangeInvalid', extra)
          count = size
          stated = true
        }
      }
      block = { first: read.first, count }
    } else if (kind === 'inventory') {
      return problem('row.numberMissing', '')
    }

    const serviceCell = cellAt(record, iService)
    const serviceRef = serviceCell === '' ? null : serviceCell

    if (kind === 'inventory') {
      let status: NumberStatus | null = null
      if (iStatus >= 0) {
        const statusCell = cellAt(record, iStatus)
        const read = readStatusCached(statusCell)
        if (read === undefined) return problem('row.statusUnknown', statusCell)
        status = read
      }
      return { ok: true, numbers: block, serviceRef, status, amountCents: null, description: null }
    }

    if (block === null && serviceRef === null) return problem('row.nothingToBill', '')
    const amountCell = cellAt(record, iAmount)
    if (amountCell === '') return problem('row.amountMissing', '')
    const amountCents = readAmountCents(amountCell)
    if (amountCents === null) return problem('row.amountInvalid', amountCell)
    const descriptionCell = cellAt(record, iDescription)
    return {
      ok: true,
      numbers: block,
      serviceRef,
      status: null,
      amountCents,
      description: descriptionCell === '' ? null : descriptionCell,
    }
  }
}

/**
 * Dutch numbers, read fast. A plain number in one of the usual notations (`020-555 10 00`,
 * `+31 20 555 1000`, `0031 20 5551000`, `31205551000`, `+31 (0)20 …`, and `205551000` as Excel leaves
 * it after dropping the leading zero) is reduced to its national significant number (NSN) by walking
 * the digits, without regular expressions or libphonenumber.
 *
 * Whether such a 9-digit NSN is a valid Dutch number is libphonenumber's verdict, asked once per
 * five-digit prefix and cached. That is sound because the Dutch numbering plan assigns 9-digit numbers
 * by prefix (area codes, mobile, 085/088/091 ranges), and so do libphonenumber's patterns: with the
 * bundled metadata the first three digits already decide (checked for all 90,000 five-digit prefixes,
 * sixteen endings each). Five digits leave room for finer metadata while keeping the cache at one
 * libphonenumber call per 10,000 numbers at most. The unit tests compare this reader with
 * libphonenumber across the plan. Everything else (blocks, foreign numbers, 0800/0900 numbers of other
 * lengths, letters) goes through `parseNumberRange`, uncached.
 */
function createNumberReader() {
  // Verdict per five-digit NSN prefix (10000–99999): 0 not asked yet, 1 valid, 2 not valid.
  const verdicts = new Uint8Array(100_000)

  const isValidNsn = (nsn: number): boolean => {
    const prefix = Math.floor(nsn / 10_000)
    let verdict = verdicts[prefix]
    if (verdict === 0) {
      const e164 = `+31${nsn}`
      const parsed = parseDutchNumber(e164)
      verdict = parsed.ok && parsed.value === e164 ? 1 : 2
      verdicts[prefix] = verdict
    }
    return verdict === 1
  }

  const isValidE164 = (e164: E164): boolean => {
    if (e164.length === 12 && e164.startsWith('+31')) {
      const nsn = Number(e164.slice(3))
      if (nsn >= 100_000_000) return isValidNsn(nsn)
    }
    const parsed = parseDutchNumber(e164)
    return parsed.ok && parsed.value === e164
  }

  /** One number, no block: for a last number. */
  const readSingle = (cell: string): NumberRead => {
    const nsn = fastNsn(cell)
    if (nsn > 0) return isValidNsn(nsn) ? { ok: true, first: `+31${nsn}`, count: 1 } : { ok: false, problem: 'row.numberInvalid' }
    const parsed = parseDutchNumber(cell)
    if (parsed.ok) return { ok: true, first: parsed.value, count: 1 }
    return { ok: false, problem: parsed.error === 'number.not_dutch' ? 'row.numberNotDutch' : 'row.numberInvalid' }
  }

  /** A number cell: one number, or a block in any notation `parseNumberRange` reads. */
  const readBlock = (cell: string): NumberRead => {
    const nsn = fastNsn(cell)
    if (nsn > 0) return isValidNsn(nsn) ? { ok: true, first: `+31${nsn}`, count: 1 } : { ok: false, problem: 'row.numberInvalid' }
    const parsed = parseNumberRange(cell)
    if (parsed.ok) return { ok: true, first: parsed.value.first, count: parsed.value.count }
    return { ok: false, problem: rangeProblems[parsed.error] }
  }

  /**
   * How many numbers a block starting at `first` holds, from a last-number or count cell: a value of
   * at most five digits is a count, a longer one the last number. A problem code when it cannot be.
   */
  const blockSize = (first: E164, cell: string): number | RowProblem => {
    const compact = cell.replace(/[\s.]/g, '')
    let count: number
    if (/^\d{1,5}$/.test(compact)) {
      count = Number(compact)
      if (count < 1) return 'row.countInvalid'
      if (count > maxRangeCount) return 'row.rangeTooLarge'
    } else if (countDigits(cell) <= 5) {
      return 'row.countInvalid'
    } else {
      const last = readSingle(cell)
      if (!last.ok) return last.problem
      if (last.first.length !== first.length) return 'row.rangeInvalid'
      count = e164Value(last.first) - e164Value(first) + 1
      if (count < 1) return 'row.rangeReversed'
      if (count > maxRangeCount) return 'row.rangeTooLarge'
    }
    // The block must stay within numbers of the same length that exist (as parseNumberRange checks).
    const lastNumber = offsetNumber(first, count - 1)
    if (lastNumber === null || !isValidE164(lastNumber)) return 'row.rangeInvalid'
    return count
  }

  return { readBlock, blockSize }
}

const rangeProblems: Record<RangeError, RowProblem> = {
  'number.empty': 'row.numberMissing',
  'number.invalid': 'row.numberInvalid',
  'number.not_dutch': 'row.numberNotDutch',
  'range.empty': 'row.numberMissing',
  'range.syntax': 'row.numberInvalid',
  'range.count': 'row.countInvalid',
  'range.too_large': 'row.rangeTooLarge',
  'range.reversed': 'row.rangeReversed',
  'range.length_mismatch': 'row.rangeInvalid',
}

const nsnMin = 100_000_000 // a 9-digit NSN never starts with 0
const nsnMax = 999_999_999
const plus31 = 31_000_000_000 // "31" in front of a 9-digit NSN
const plus310 = 310_000_000_000 // "310" in front: the "(0)" of `+31 (0)20 …`

/**
 * The 9-digit national significant number of a plain Dutch number, or -1 when the cell is not one of
 * the plain shapes (then the general parser decides). Digits are read with the separators people type
 * (space, `-`, `.`, `/`, parentheses) and one leading `+`. A dash after a space may be a range
 * (`… - …`) and goes to the general parser too.
 */
export function fastNsn(cell: string): number {
  let plus = false
  let zeros = 0 // zeros before the first other digit
  let significant = 0 // digits from the first non-zero one
  let value = 0
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      if (significant === 0 && c === 48) zeros++
      else {
        value = value * 10 + (c - 48)
        if (++significant > 12) return -1
      }
    } else if (c === 45) {
      if (i > 0 && cell.charCodeAt(i - 1) === 32) return -1
    } else if (c === 43) {
      if (plus || zeros > 0 || significant > 0) return -1
      plus = true
    } else if (c !== 32 && c !== 46 && c !== 47 && c !== 40 && c !== 41) {
      return -1
    }
  }
  let nsn = -1
  // 205551000 is what Excel leaves of 0205551000; but libphonenumber reads 319001167 as +31 900 1167,
  // so a bare nine digits starting with 31 is left to it.
  const excelNational = significant === 9 && !plus && zeros === 0 && (value < 310_000_000 || value >= 320_000_000)
  if (significant === 9 && !plus && zeros === 1) nsn = value // 0205551000
  else if (excelNational) nsn = value
  else if (significant === 11 && (plus ? zeros === 0 : zeros === 0 || zeros === 2)) nsn = value - plus31 // +31…, 31…, 0031…
  else if (significant === 12 && (plus ? zeros === 0 : zeros === 2)) nsn = value - plus310 // +31 (0)…, 0031 (0)…
  return nsn >= nsnMin && nsn <= nsnMax ? nsn : -1
}

function problem(code: RowProblem, detail: string): ReadRow {
  return { ok: false, problem: code, detail: detail.length > maxDetailLength ? `${detail.slice(0, maxDetailLength - 1)}…` : detail }
}

function cellAt(record: readonly string[], index: number): string {
  if (index < 0) return ''
  const cell = record[index]
  return cell === undefined ? '' : cell.trim()
}

function isBlankRecord(record: readonly string[]): boolean {
  for (const cell of record) if (cell.length > 0 && cell.trim() !== '') return false
  return true
}

function countDigits(text: string): number {
  let digits = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) digits++
  }
  return digits
}

function nonNegative(index: number): number {
  return index < 0 ? Number.POSITIVE_INFINITY : index
}
