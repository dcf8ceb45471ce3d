import { openPostgres } from '#db/client.ts'
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { postgresTarget, testDatabasePrefix } from '../support/db.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}

/** One template per run, so two runs on the same server never trip over each other. */
const templateDatabase = `sharedline_tpl_${process.pid}_${randomBytes(3).toString('hex')}`

/**
 * With TEST_DB=postgres: builds one migrated template database on the real server; each test file
 * then gets a fresh copy of it (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
 */
export async function setup(project: TestProject) {
  project.provide('templateDatabase', templateDatabase)
  const target = postgresTarget()
  if (!target) return
  const admin = openPostgres(target.adminUrl, { max: 1 })
  try {
    await admin.db.execute(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`)
    await admin.db.execute(`CREATE DATABASE ${templateDatabase}`)
  } finally {
    await admin.close()
  }
  const template = openPostgres(target.urlFor(templateDatabase), { max: 1 })
  try {
    await template.migrate()
  } finally {
    await template.close()
  }
}

export async function teardown() {
  const target = postgresTarget()
  if (!target) return
  const admin = openPostgres(target.adminUrl, { max: 1 })
  try {
    // The copies of the template (one per test file) go too: a file's own cleanup does not always run.
    const copies = await admin.query('select datname from pg_database where starts_with(datname, $1)', [testDatabasePrefix(templateDatabase)])
    for (const { datname } of copies) await admin.db.execute(`DROP DATABASE IF EXISTS ${String(datname)} WITH (FORCE)`)
    await admin.db.execute(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`)
  } finally {
    await admin.close()
  }
}
