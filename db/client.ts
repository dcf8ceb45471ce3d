import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as relations from './relations.ts'
import * as tables from './schema/index.ts'

export const schema = { ...tables, ...relations }
export type Schema = typeof schema

/** Accepts both drivers and a transaction of either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>

export interface Database {
  db: Db
  kind: 'postgres' | 'pglite'
  /** Applies pending migrations from the migrations folder. */
  migrate: () => Promise<void>
  /** Raw SQL through the driver, no ORM (benchmarks' floors, diagnostics). */
  query: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>
  /**
   * Bulk load: `COPY … FROM STDIN` fed with the text of whole rows (each chunk ends at a row end).
   * postgres.js streams the chunks on one connection; PGlite takes them in blobs of a few MB.
   */
  copyIn: (statement: string, chunks: AsyncIterable<string>) => Promise<void>
  close: () => Promise<void>
}

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? 'migrations')

/** Opens PostgreSQL through postgres.js. */
export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} })
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' })
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    migrate: () => migratePostgres(db, { migrationsFolder }),
    query: async (text, params = []) => [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[]))],
    copyIn: async (statement, chunks) => {
      const writable = await client.unsafe(statement).writable()
      await pipeline(Readable.from(chunks, { objectMode: false }), writable)
    },
    close: () => client.end({ timeout: 5 }),
  }
}

/**
 * Characters of rows handed to PGlite's COPY at a time: its COPY reads a whole blob into memory, and
 * runs in this thread, so a smaller blob also gives the rest of the server a turn more often.
 */
const pgliteCopyBlobChars = 1024 * 1024

/** Opens embedded PostgreSQL (PGlite): a folder on disk, or memory when dataDir is undefined. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database & { client: PGlite }> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { btree_gist },
  })
  const db = drizzlePglite({ client, schema, casing: 'snake_case' })
  return {
    client,
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    query: async (text, params = []) => (await client.query<Record<string, unknown>>(text, params)).rows,
    copyIn: async (statement, chunks) => {
      const fromBlob = statement.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'")
      let pending: string[] = []
      let size = 0
      const flush = async () => {
        if (size === 0) return
        const blob = new Blob(pending)
        pending = []
        size = 0
        await client.query(fromBlob, [], { blob })
      }
      for await (const chunk of chunks) {
        pending.push(chunk)
        size += chunk.length
        if (size >= pgliteCopyBlobChars) await flush()
      }
      await flush()
    },
    close: () => client.close(),
  }
}

/** Default data folder of the embedded database. */
export function defaultDataDir(): string {
  return path.resolve(process.env.SHAREDLINE_DATA_DIR ?? '.data/pglite')
}

/** DATABASE_URL set → that server; otherwise PGlite in the data folder. */
export async function openConfiguredDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL
  if (url) return openPostgres(url)
  return openPglite(defaultDataDir())
}
