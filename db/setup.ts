// Run by `npm start` / `npm run dev`: on the embedded database, migrate and load the demo on first start.
import { openConfiguredDatabase } from './client.ts'
import { seedDemo } from './seed.ts'

const started = performance.now()
const database = await openConfiguredDatabase()
try {
  if (database.kind === 'pglite') {
    await database.migrate()
    const { seeded } = await seedDemo(database.db)
    if (seeded) console.log('First start: demo building loaded into the embedded database.')
  }
  console.log(`Database ready (${database.kind}) in ${Math.round(performance.now() - started)} ms.`)
} finally {
  await database.close()
}
