/** Reads `?page=` from a URL; pages are 1-based. */
export function pageFromUrl(url: URL, pageSize = 50) {
  const raw = Number(url.searchParams.get('page') ?? '1')
  const page = Number.isInteger(raw) && raw > 0 ? raw : 1
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize }
}
