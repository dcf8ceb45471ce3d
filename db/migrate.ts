import { openConfiguredDatabase } from './client.ts'

const database = await openConfiguredDatabase()
try {
  await database.migrate()
  console.log(`Migrations applied (${database.kind}).`)
} finally {
  await database.close()
}
