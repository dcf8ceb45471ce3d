import { randomBytes } from 'node:crypto'
import { afterAll, inject } from 'vitest'
import { openPglite, openPostgres, type Database } from '#db/client.ts'

/** The real server under test, when TEST_DB=postgres (URL from TEST_DATABASE_URL or DATABASE_URL). */
export function postgresTarget() {
  if (process.env.TEST_DB !== 'postgres') return null
  const raw = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
  if (!raw) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)')
  const urlFor = (name: string) => {
    const u = new URL(raw)
    u.pathname = `/${name}`
    return u.toString()
  }
  return { adminUrl: raw, urlFor }
}

/** The name prefix of the test databases copied from one run's template. */
export function testDatabasePrefix(templateDatabase: string): string {
  return `${templateDatabase.replace('sharedline_tpl_', 'sharedline_test_')}_`
}

/**
 * A fresh, migrated, empty database for one test file: PGlite in memory by default, a copy of the
 * migrated template on the real server with TEST_DB=postgres. Closed (and dropped) after the file.
 */
export async function createTestDatabase(): Promise<Database> {
  const target = postgresTarget()
  if (!target) {
    const database = await openPglite()
    await database.migrate()
    afterAll(() => database.close())
    return database
  }
  // Named after this run's template, so the run's teardown finds (and drops) every copy it made:
  // files call this from beforeAll, where the afterAll below is not registered by vitest.
  const name = `${testDatabasePrefix(inject('templateDatabase'))}${randomBytes(6).toString('hex')}`
  const admin = openPostgres(target.adminUrl, { max: 1 })
  await admin.db.execute(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`)
  const database = openPostgres(target.urlFor(name), { max: 10 })
  afterAll(async () => {
    await database.close()
    await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.close()
  })
  return database
}
