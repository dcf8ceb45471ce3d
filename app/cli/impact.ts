// `npm run impact -- --building FILE --request FILE [--as-of YYYY-MM-DD]`
// Evaluates a request on a building file with no server and no database. The report goes to stdout
// as JSON; invalid input lists every problem with its JSON path on stderr and exits with 2.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { isIsoDate } from '#app/domain/dates.ts'
import { inventoryFromFile, parseBuildingFile, type FileProblem } from '#app/domain/impact/building-file.ts'
import { computeImpact } from '#app/domain/impact/index.ts'
import { parseRequestFile, resolveRequest } from '#app/domain/impact/request-file.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'

const usage = 'Usage: npm run impact -- --building FILE --request FILE [--as-of YYYY-MM-DD]'

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`)
  process.exit(2)
}

function readJson(label: string, file: string): unknown {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    return fail([`${label} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`])
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    return fail([`${label} ${file}: $: not valid JSON (${(error as Error).message})`])
  }
}

const report = (label: string, file: string, problems: FileProblem[]) => problems.map((p) => `${label} ${file}: ${p.path}: ${p.message}`)

let args: { building?: string; request?: string; 'as-of'?: string; help?: boolean }
try {
  args = parseArgs({
    options: { building: { type: 'string' }, request: { type: 'string' }, 'as-of': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }).values
} catch (error) {
  fail([(error as Error).message, usage])
}
if (args.help) {
  process.stdout.write(`${usage}\n`)
  process.exit(0)
}
if (!args.building || !args.request) fail([`Both --building and --request are required.`, usage])
if (args['as-of'] !== undefined && !isIsoDate(args['as-of'])) fail([`--as-of: use a calendar date as YYYY-MM-DD, not "${args['as-of']}"`])

const building = parseBuildingFile(readJson('building', args.building))
const request = parseRequestFile(readJson('request', args.request))
const problems = [...(building.ok ? [] : report('building', args.building, building.problems)), ...(request.ok ? [] : report('request', args.request, request.problems))]
if (!building.ok || !request.ok) fail(problems)

const inventory = inventoryFromFile(building.value)
const resolved = resolveRequest(request.value, inventory)
if (!resolved.ok) fail(report('request', args.request, resolved.problems))

const asOf = args['as-of'] ?? request.value.asOf ?? todayInNetherlands()
process.stdout.write(`${JSON.stringify(computeImpact(inventory, resolved.value, asOf), null, 2)}\n`)
