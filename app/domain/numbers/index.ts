import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/** A phone number in E.164 form, e.g. `+31205551000`. */
export type E164 = string

export type NumberError = 'number.empty' | 'number.invalid' | 'number.not_dutch'
export type RangeError =
  | NumberError
  | 'range.empty'
  | 'range.syntax'
  | 'range.count'
  | 'range.too_large'
  | 'range.reversed'
  | 'range.length_mismatch'

export type Parsed<T, E extends string> = { ok: true; value: T } | { ok: false; error: E }

/** Largest block accepted in one go (a full ISDN30 DDI block is 100–1000; 10,000 is generous). */
export const maxRangeCount = 10_000

/**
 * Parses a Dutch number in any common notation (`020-555 1000`, `+31 20 5551000`, `0031…`)
 * to E.164. Numbers outside the Dutch numbering plan are refused.
 */
export function parseDutchNumber(input: string): Parsed<E164, NumberError> {
  const trimmed = input.trim()
  if (trimmed === '') return { ok: false, error: 'number.empty' }
  const parsed = parsePhoneNumberFromString(trimmed, 'NL')
  if (!parsed) return { ok: false, error: 'number.invalid' }
  if (parsed.countryCallingCode !== '31') return { ok: false, error: 'number.not_dutch' }
  if (!parsed.isValid()) return { ok: false, error: 'number.invalid' }
  return { ok: true, value: parsed.number }
}

/** Dutch national notation for display (`020 555 1000`); foreign numbers internationally. */
export function formatNational(e164: E164): string {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return e164
  return parsed.countryCallingCode === '31' ? parsed.formatNational() : parsed.formatInternational()
}

/** The digits of an E.164 number as an integer (max 15 digits, safe in a JS number). */
export function e164Value(e164: E164): number {
  return Number(e164.slice(1))
}

/** The E.164 number `offset` places after `first`, keeping the same number of digits. */
export function offsetNumber(first: E164, offset: number): E164 | null {
  const digits = first.slice(1)
  const next = String(Number(digits) + offset)
  return next.length === digits.length ? `+${next}` : null
}

export interface NumberRange {
  first: E164
  count: number
}

/** All numbers of a block, in order. */
export function expandRange(range: NumberRange): E164[] {
  const out: E164[] = []
  for (let i = 0; i < range.count; i++) {
    const n = offsetNumber(range.first, i)
    if (n === null) break
    out.push(n)
  }
  return out
}

const countPattern = /^(.+?)\s*(?:,|\+|;)\s*(\d+)\s*(?:numbers?|nummers?|nrs?\.?|x)?\s*$/i
const spanPattern = /^(.+?)\s+(?:t\/m|tm|tot en met|to|through|until|-|–)\s+(.+)$/i

/**
 * Parses a block of numbers as people write them:
 * - a single number: `020 555 1000`
 * - first number and count: `+31 20 555 1000, 100 numbers` / `020-5551000 + 100`
 * - first and last number: `020-5551000 t/m 020-5551099` / `… to …` / `… - …` (spaces around the dash)
 */
export function parseNumberRange(input: string): Parsed<NumberRange, RangeError> {
  const text = input.trim()
  if (text === '') return { ok: false, error: 'range.empty' }

  const withCount = countPattern.exec(text)
  if (withCount) {
    const first = parseDutchNumber(withCount[1] ?? '')
    if (!first.ok) return first
    const count = Number(withCount[2])
    return checkedRange(first.value, count)
  }

  const span = spanPattern.exec(text)
  if (span) {
    const first = parseDutchNumber(span[1] ?? '')
    if (!first.ok) return first
    const last = parseDutchNumber(span[2] ?? '')
    if (!last.ok) return last
    if (first.value.length !== last.value.length) return { ok: false, error: 'range.length_mismatch' }
    const count = e164Value(last.value) - e164Value(first.value) + 1
    if (count < 1) return { ok: false, error: 'range.reversed' }
    return checkedRange(first.value, count)
  }

  // A single number may hold digits and the separators people type, nothing else.
  if (!/^\+?[\d\s().\-/]+$/.test(text)) return { ok: false, error: 'range.syntax' }
  const single = parseDutchNumber(text)
  if (!single.ok) return single
  return { ok: true, value: { first: single.value, count: 1 } }
}

function checkedRange(first: E164, count: number): Parsed<NumberRange, RangeError> {
  if (!Number.isInteger(count) || count < 1) return { ok: false, error: 'range.count' }
  if (count > maxRangeCount) return { ok: false, error: 'range.too_large' }
  const last = offsetNumber(first, count - 1)
  if (last === null) return { ok: false, error: 'range.length_mismatch' }
  const lastCheck = parseDutchNumber(last)
  if (!lastCheck.ok) return lastCheck
  return { ok: true, value: { first, count } }
}

/** Whether two blocks share at least one number. */
export function rangesOverlap(a: NumberRange, b: NumberRange): boolean {
  const a0 = e164Value(a.first)
  const b0 = e164Value(b.first)
  return a0 < b0 + b.count && b0 < a0 + a.count
}

/** Collapses numbers into runs of consecutive numbers, for compact display. */
export function collapseToRanges(e164s: readonly E164[]): NumberRange[] {
  const sorted = [...new Set(e164s)].sort((a, b) => a.length - b.length || e164Value(a) - e164Value(b))
  const out: NumberRange[] = []
  for (const n of sorted) {
    const last = out.at(-1)
    if (last && last.first.length === n.length && e164Value(last.first) + last.count === e164Value(n)) {
      last.count++
    } else {
      out.push({ first: n, count: 1 })
    }
  }
  return out
}

/**
 * Turns what someone typed into a number search into an E.164 pattern:
 * `020 555 10` → prefix `+3120555 10`, `+31 20` → prefix, `5551000` → anywhere in the number.
 */
export function numberSearchPattern(query: string): { kind: 'prefix' | 'contains'; digits: string } | null {
  const q = query.trim()
  if (q === '') return null
  const plus = q.startsWith('+')
  let digits = q.replace(/\D/g, '')
  if (digits === '') return null
  if (plus) return { kind: 'prefix', digits: `+${digits}` }
  if (digits.startsWith('00')) return { kind: 'prefix', digits: `+${digits.slice(2)}` }
  if (digits.startsWith('0')) {
    digits = `+31${digits.slice(1)}`
    return { kind: 'prefix', digits }
  }
  return { kind: 'contains', digits }
}
