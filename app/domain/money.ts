/**
 * Parses a euro amount as typed in Dutch or English notation to integer cents:
 * `1.234,56`, `1234,5`, `1,234.56`, `1234.56`, `€ 12`. Ambiguous or malformed input gives null.
 */
export function parseEuroToCents(input: string): number | null {
  const s = input.replace(/€|eur/gi, '').replace(/\s/g, '')
  if (!/^\d[\d.,]*$/.test(s)) return null
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  let whole: string
  let fraction = ''
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = Math.max(lastComma, lastDot)
    const groupSep = dec === lastComma ? '.' : ','
    whole = s.slice(0, dec)
    fraction = s.slice(dec + 1)
    if (whole.includes(s[dec] ?? '') || !isGrouped(whole, groupSep)) return null
    whole = whole.split(groupSep).join('')
  } else if (lastComma >= 0) {
    // A lone comma is the Dutch decimal separator.
    if (s.indexOf(',') !== lastComma) return null
    whole = s.slice(0, lastComma)
    fraction = s.slice(lastComma + 1)
  } else if (lastDot >= 0) {
    const parts = s.split('.')
    const tail = parts.at(-1) ?? ''
    if (parts.length === 2 && tail.length <= 2) {
      whole = parts[0] ?? ''
      fraction = tail
    } else if (isGrouped(s, '.')) {
      whole = parts.join('')
    } else {
      return null
    }
  } else {
    whole = s
  }
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return null
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

/** `1.234.567` grouped by `.` in threes. */
function isGrouped(value: string, sep: string): boolean {
  if (!value.includes(sep)) return /^\d+$/.test(value)
  const [head, ...groups] = value.split(sep)
  return /^\d{1,3}$/.test(head ?? '') && groups.every((g) => /^\d{3}$/.test(g))
}

/** Euro amount in the user's locale, via Intl (`€ 1.234,56` / `€1,234.56`). */
export function formatCents(cents: number, locale: 'nl' | 'en'): string {
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-IE', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  )
}

/** Cents as a plain decimal for an input field in the user's notation (`1234,56` / `1234.56`). */
export function centsToInput(cents: number, locale: 'nl' | 'en'): string {
  const text = centsToDecimal(cents)
  return locale === 'nl' ? text.replace('.', ',') : text
}

/** Cents as an exact decimal string with two decimals (`184500` → `"1845.00"`), for files and APIs. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
