// Dutch registry identifiers: postcode and KvK number.

/** Normalises `1234ab` / `1234 ab` to `1234 AB`; null when it is not a Dutch postcode. */
export function normalizePostcode(input: string): string | null {
  const m = /^\s*([1-9]\d{3})\s*([a-zA-Z]{2})\s*$/.exec(input)
  if (!m) return null
  const letters = (m[2] ?? '').toUpperCase()
  // SA, SD and SS are not issued in Dutch postcodes.
  if (['SA', 'SD', 'SS'].includes(letters)) return null
  return `${m[1]} ${letters}`
}

/** A KvK number is exactly eight digits (spaces and dots people type are ignored). */
export function normalizeKvk(input: string): string | null {
  const digits = input.replace(/[\s.]/g, '')
  return /^\d{8}$/.test(digits) ? digits : null
}
