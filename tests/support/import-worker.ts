// A background importer in a process of its own, for tests that kill it with SIGKILL halfway
// (tests/integration/import-kill.test.ts). It opens the database it is given, says so on stdout, and
// runs one step of the real worker code:
//
//   node --import tsx tests/support/import-worker.ts postgres <url> | pglite <dataDir>  apply <jobId>
//   node --import tsx tests/support/import-worker.ts postgres <url> | pglite <dataDir>  work [<jobId to watch>]
//
// `apply` calls applyImportJob for the job, `work` one round of runImportWork. Lines on stdout:
// `started` right before the step begins, `progress <rows>` whenever the watched job's rows_done has
// grown (read through the worker's own connection: an embedded database cannot be watched from
// outside), and `done <outcome as JSON>` at the end. The import folder comes from the environment
// (SHAREDLINE_IMPORT_DIR), like the app's own worker.
import { applyImportJob, runImportWork } from '#app/services/carrier-imports.server.ts'
import { openPglite, openPostgres, type Database } from '#db/client.ts'

const [driver, target, step, jobId] = process.argv.slice(2)

function usage(): never {
  process.stderr.write('usage: import-worker.ts postgres|pglite <url|dataDir> apply <jobId> | work [<jobId>]\n')
  process.exit(2)
}

if ((driver !== 'postgres' && driver !== 'pglite') || !target || (step !== 'apply' && step !== 'work') || (step === 'apply' && !jobId)) usage()

function say(line: string) {
  process.stdout.write(`${line}\n`)
}

/** Reports the job's rows_done as it grows, until stopped. */
function watchProgress(database: Database, id: string) {
  let seen = 0
  let stopped = false
  const round = async () => {
    while (!stopped) {
      const [row] = await database.query('select rows_done from import_jobs where id = $1', [id])
      const rows = Number(row?.rows_done ?? 0)
      if (rows > seen) {
        seen = rows
        say(`progress ${rows}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const running = round()
  return async () => {
    stopped = true
    await running
  }
}

const database = driver === 'postgres' ? openPostgres(target) : await openPglite(target)
const stopWatching = jobId && step === 'work' ? watchProgress(database, jobId) : null
try {
  say('started')
  const outcome = step === 'apply' ? await applyImportJob(database, jobId!) : await runImportWork({ database })
  say(`done ${JSON.stringify(outcome)}`)
} finally {
  await stopWatching?.()
  await database.close()
}
