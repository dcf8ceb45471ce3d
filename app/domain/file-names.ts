/**
 * Parts of a download's file name as one ASCII slug ("Bedrijvencentrum Café Noord", "2026-12-06" →
 * "bedrijvencentrum-cafe-noord-2026-12-06"): letters, digits and dashes only, safe in any file system.
 */
export function fileSlug(...parts: string[]): string {
  return parts
    .map((p) =>
      p
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-')
}
