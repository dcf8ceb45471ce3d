// npm run db:generate-large -- --tenants 400 --numbers 20000 [--seed 42] [--manager fm@demo.example]
import { parseArgs } from 'node:util'
import { eq } from 'drizzle-orm'
import { hashPassword } from '#app/server/password.server.ts'
import { openConfiguredDatabase } from './client.ts'
import { largeBuilding } from './demo-data.ts'
import { loadInventory } from './load-inventory.ts'
import { buildingManagers, users } from './schema/index.ts'

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '400' },
    numbers: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
    manager: { type: 'string', default: 'fm@demo.example' },
  },
})
const tenants = Number(values.tenants)
const numbers = Number(values.numbers)
if (!Number.isInteger(tenants) || tenants < 1 || !Number.isInteger(numbers) || numbers < 1) {
  console.error('--tenants and --numbers must be positive whole numbers')
  process.exit(2)
}

const database = await openConfiguredDatabase()
try {
  if (database.kind === 'pglite') await database.migrate()
  const started = performance.now()
  const result = await loadInventory(database.db, largeBuilding({ tenants, numbers, seed: Number(values.seed) }), {
    passwordHash: await hashPassword(crypto.randomUUID()),
    source: 'generator',
  })
  const [manager] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, values.manager))
  if (manager) await database.db.insert(buildingManagers).values({ buildingId: result.buildingId, userId: manager.id })
  console.log(`Generated building ${result.buildingId}: ${result.tenants} tenants, ${result.numbers} numbers in ${Math.round(performance.now() - started)} ms${manager ? `, managed by ${values.manager}` : ''}.`)
} finally {
  await database.close()
}
