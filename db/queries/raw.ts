import type { SQL } from 'drizzle-orm'
import type { Db } from '../client.ts'

/** Rows of raw SQL through drizzle on either driver: postgres.js returns the rows, PGlite `{ rows }`. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows
}
