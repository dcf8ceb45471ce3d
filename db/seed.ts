import { count } from 'drizzle-orm'
import { hashPassword } from '#app/server/password.server.ts'
import { openConfiguredDatabase, type Db } from './client.ts'
import { demoBuilding } from './demo-data.ts'
import { demoPassword } from './demo-users.ts'
import { loadInventory } from './load-inventory.ts'
import { buildings } from './schema/index.ts'

/** Loads the demo building and its users unless the database already holds a building. */
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  const [row] = await db.select({ n: count() }).from(buildings)
  if ((row?.n ?? 0) > 0) return { seeded: false }
  await loadInventory(db, demoBuilding(), { passwordHash: await hashPassword(demoPassword), source: 'demo data' })
  return { seeded: true }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const database = await openConfiguredDatabase()
  try {
    if (database.kind === 'pglite') await database.migrate()
    const { seeded } = await seedDemo(database.db)
    console.log(seeded ? 'Demo building loaded.' : 'Database already has buildings; demo not loaded.')
  } finally {
    await database.close()
  }
}
