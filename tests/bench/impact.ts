// npm run bench:impact [-- --tenants 400 --numbers 20000 --runs 30]
//
// The impact engine on a generated building, alone and through the HTTP API, against a floor
// measured in the same run: the raw SQL that fetches the same building graph (no ORM, no engine,
// no HTTP). Uses PostgreSQL when DATABASE_URL is set, otherwise PGlite in a temporary folder.
// Prints figures and ratios; exits 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { inventoryFromFile, parseBuildingFile } from '#app/domain/impact/building-file.ts'
import { computeImpact, indexInventory } from '#app/domain/impact/index.ts'
import type { MigrationRequest } from '#app/domain/impact/types.ts'
import { createApiToken } from '#app/services/api-tokens.server.ts'
import { openPglite, openPostgres, type Database } from '#db/client.ts'
import { largeBuilding } from '#db/demo-data.ts'
import { inventoryDataToBuildingFile } from '#db/inventory-data.ts'
import { loadInventory } from '#db/load-inventory.ts'
import { buildingManagers, users } from '#db/schema/index.ts'
import { freePort } from '#tests/support/net.ts'

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '400' },
    numbers: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '30' },
  },
})
const tenants = Number(values.tenants)
const numbers = Number(values.numbers)
const runs = Number(values.runs)
const asOf = '2026-11-23'
const targets = { engineMs: 20, apiToFloor: 3 }

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { median: at(0.5), p95: at(0.95), min: sorted[0]! }
}
async function measure(label: string, fn: () => Promise<unknown> | unknown, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  const s = stats(samples)
  console.log(`${label.padEnd(44)} median ${s.median.toFixed(2).padStart(8)} ms   p95 ${s.p95.toFixed(2).padStart(8)} ms   min ${s.min.toFixed(2).padStart(8)} ms`)
  return s
}

console.log(`Impact benchmark: ${tenants} tenants, ${numbers} numbers, ${runs} runs each (after warm-up), as of ${asOf}`)

// The building, as the engine sees it, and a request: tenant t1 ports one number on a shared ISDN30 line.
const data = largeBuilding({ tenants, numbers })
const parsed = parseBuildingFile(inventoryDataToBuildingFile(data))
if (!parsed.ok) throw new Error(`generated building is invalid: ${parsed.problems[0]?.message}`)
const inventory = inventoryFromFile(parsed.value)
const requested = inventory.numbers.find((n) => n.tenantId === 't1')!
const signatory = inventory.contacts.find((c) => c.tenantId === 't1' && c.roles.includes('authorized_signatory'))
const request: MigrationRequest = {
  type: 'migration',
  tenantId: 't1',
  numbers: [requested.e164],
  dataServiceIds: [],
  mechanism: 'auto',
  portDate: '2027-01-12',
  installDate: '2027-01-12',
  cutoverDate: null,
  signatoryContactId: signatory?.id ?? null,
  targetCarrier: 'Vodafone',
}
const engine = await measure('engine alone (index + 3 mechanisms)', () => computeImpact(inventory, request, asOf))
const indexed = indexInventory(inventory)
await measure('engine, inventory already indexed', () => computeImpact(inventory, request, asOf, indexed))

// A database of its own with the building, a facility manager and an API token.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-bench-'))
const adminUrl = process.env.DATABASE_URL
const benchDbName = `sharedline_bench_${process.pid}`
let serverDatabaseUrl: string | null = null
let database: Database
if (adminUrl) {
  const admin = openPostgres(adminUrl, { max: 1 })
  await admin.query(`create database ${benchDbName}`)
  await admin.close()
  const url = new URL(adminUrl)
  url.pathname = `/${benchDbName}`
  serverDatabaseUrl = url.toString()
  database = openPostgres(serverDatabaseUrl)
} else {
  database = await openPglite(dataDir)
}
console.log(`database: ${adminUrl ? 'PostgreSQL' : 'PGlite'}`)

let server: ReturnType<typeof spawn> | null = null
try {
  await database.migrate()
  const loaded = await loadInventory(database.db, data, { passwordHash: 'x', source: 'benchmark' })
  const [manager] = await database.db
    .insert(users)
    .values({ email: 'bench@bench.example', name: 'Bench', role: 'facility_manager', passwordHash: 'x' })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId })
  await database.db.insert(buildingManagers).values({ buildingId: loaded.buildingId, userId: manager!.id })
  const { secret } = await createApiToken({ db: database.db, actor: manager!, name: 'benchmark' })
  const [tenantRow] = await database.query('select id from tenants where building_id = $1 and kvk_number = $2', [loaded.buildingId, data.tenants[0]!.kvkNumber])
  const [contactRow] = await database.query("select id from contacts where tenant_id = $1 and 'authorized_signatory' = any(roles) order by name limit 1", [tenantRow!.id])

  // Floor: the raw SQL that fetches the same building graph the API reads, through the driver.
  const graph = [
    'select name, street, postcode, city from buildings where id = $1',
    'select id, legal_name, kvk_number, unit, move_in, move_out from tenants where building_id = $1 order by kvk_number',
    'select id, tenant_id, name, email, phone, roles, locale from contacts where building_id = $1 order by name, email, id',
    'select c.id, k.name, c.contract_number, c.holder_tenant_id, c.signed_by_contact_id, c.start_date, c.initial_term_months, c.renewal_term_months, c.notice_days, c.monthly_fee_cents, c.early_termination_pct from contracts c join carriers k on k.id = c.carrier_id where c.building_id = $1 order by k.name, c.contract_number',
    'select id, contract_id, kind, carrier_ref, main_number, dedicated_tenant_id, critical_use from services where building_id = $1 order by carrier_ref',
    'select id, service_id, first_value from number_ranges where building_id = $1 order by first_value',
    'select e164, range_id, service_id, tenant_id, billed, use, status from numbers where building_id = $1 order by e164',
  ]
  const floor = await measure('floor: raw SQL of the building graph', () => Promise.all(graph.map((q) => database.query(q, [loaded.buildingId]))))

  // The API, end to end over HTTP against the built server.
  if (!fs.existsSync('build/server/index.js')) spawnSync('node_modules/.bin/react-router', ['build'], { stdio: 'inherit' })
  if (!adminUrl) await database.close()
  const port = await freePort()
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  server = spawn('node_modules/.bin/react-router-serve', ['./build/server/index.js'], {
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: String(port),
      ...(serverDatabaseUrl ? { DATABASE_URL: serverDatabaseUrl } : { SHAREDLINE_DATA_DIR: dataDir }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  await waitFor(`${base}/login`)
  const body = JSON.stringify({
    type: 'migration',
    tenant: tenantRow!.id,
    numbers: [requested.e164],
    mechanism: 'auto',
    portDate: request.portDate,
    installDate: request.installDate,
    signatory: contactRow?.id ?? null,
    targetCarrier: 'Vodafone',
    asOf,
  })
  const call = async () => {
    const response = await fetch(`${base}/api/v1/buildings/${loaded.buildingId}/impact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body,
    })
    if (response.status !== 200) throw new Error(`API answered ${response.status}: ${await response.text()}`)
    return response.json()
  }
  const api = await measure('API: POST /api/v1/buildings/{id}/impact', call)

  const ratio = api.median / floor.median
  console.log('')
  console.log(`engine alone: median ${engine.median.toFixed(2)} ms (target ≤ ${targets.engineMs} ms) ${engine.median <= targets.engineMs ? 'OK' : 'MISSED'}`)
  console.log(`API / floor:  ${ratio.toFixed(2)}× (API ${api.median.toFixed(1)} ms, floor ${floor.median.toFixed(1)} ms; target ≤ ${targets.apiToFloor}×) ${ratio <= targets.apiToFloor ? 'OK' : 'MISSED'}`)
  process.exitCode = engine.median <= targets.engineMs && ratio <= targets.apiToFloor ? 0 : 1
} finally {
  server?.kill('SIGTERM')
  if (adminUrl) {
    await database.close()
    const admin = openPostgres(adminUrl, { max: 1 })
    await admin.query(`drop database if exists ${benchDbName} with (force)`)
    await admin.close()
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
}


async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server did not answer at ${url}`)
}
