/**
 * Rows cut into slices small enough for one INSERT or UPDATE: PostgreSQL takes at most 65,535
 * parameters per statement, and 2,000 rows of up to ~30 columns stay below that.
 */
export const batchSize = 2_000

export function batches<T>(rows: readonly T[], size = batchSize): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}
