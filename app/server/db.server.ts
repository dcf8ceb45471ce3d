import { openConfiguredDatabase, type Database, type Db } from '#db/client.ts'

let opening: Promise<Database> | undefined

/**
 * The process-wide database. The embedded default (PGlite) migrates itself on first use;
 * a real server is migrated with `npm run db:migrate`.
 */
export async function getDatabase(): Promise<Database> {
  opening ??= (async () => {
    const database = await openConfiguredDatabase()
    if (database.kind === 'pglite') await database.migrate()
    return database
  })()
  return opening
}

/**
 * Hands the process an already opened database instead of the configured one: tests call route
 * modules in-process against their own fresh database.
 */
export function setDatabase(database: Database): void {
  opening = Promise.resolve(database)
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db
}

/** Closes the process-wide database if it was opened (at shutdown). */
export async function closeDatabase(): Promise<void> {
  const open = opening
  opening = undefined
  if (open) await (await open).close()
}
