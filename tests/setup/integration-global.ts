import { openPostgres } from '#db/client.ts'
import { postgresTarget, templateDatabase } from '../support/db.ts'

/**
 * With TEST_DB=postgres: builds one migrated template database on the real server; each test file
 * then gets a fresh copy of it (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
 */
export async function setup() {
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
