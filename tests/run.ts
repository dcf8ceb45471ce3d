// `npm test`: every suite in order — types, lint, unit, integration (PGlite, and the real server when
// TEST_DATABASE_URL is set), browser. Stops at the first failing step and ends with one summary line.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const bin = (name: string) => path.join('node_modules', '.bin', name)
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-test-'))
let passed = 0
let failed = 0
const timings: string[] = []

function step(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, onFailure?: () => void) {
  const started = performance.now()
  console.log(`\n=== ${name}`)
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  timings.push(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  if (result.status !== 0) {
    onFailure?.()
    console.error(`\n${name} failed.`)
    finish(1)
  }
}

function vitest(name: string, project: string, env: NodeJS.ProcessEnv = {}) {
  const out = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`)
  const count = () => {
    if (!fs.existsSync(out)) return { numPendingTests: 0 }
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number }
    passed += report.numPassedTests
    failed += report.numFailedTests
    return { numPendingTests: report.numPendingTests + (report.numTodoTests ?? 0) }
  }
  step(name, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env, count)
  const report = count()
  if (report.numPendingTests > 0) {
    console.error(`${name}: ${report.numPendingTests} skipped tests — skipped tests are not allowed.`)
    finish(1)
  }
}

function finish(code: number): never {
  console.log(`\n${timings.join('\n')}`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(code)
}

/**
 * A Debian package the tests need (Chromium for the browser tests, poppler-utils to read and render
 * the PDFs): installed when we can (root), else the run stops saying how.
 */
function ensurePackage(name: string, file: string) {
  if (fs.existsSync(file)) return
  if (process.getuid?.() === 0) {
    step(`install ${name}`, 'sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${name} >/dev/null`])
    if (fs.existsSync(file)) return
  }
  console.error(`The tests need ${name}. Install it with:\n  sudo apt-get update && sudo apt-get install -y ${name}`)
  finish(1)
}

ensurePackage('poppler-utils', '/usr/bin/pdftoppm')
step('types', 'sh', ['-c', `${bin('react-router')} typegen && ${bin('tsc')} --noEmit`])
step('lint', bin('eslint'), ['--max-warnings', '0', '.'])
vitest('unit', 'unit')
vitest('integration (PGlite)', 'integration', { TEST_DB: 'pglite' })
if (process.env.TEST_DATABASE_URL) {
  vitest('integration (PostgreSQL)', 'integration', { TEST_DB: 'postgres' })
} else {
  console.log('\nTEST_DATABASE_URL not set: integration suite ran on PGlite only (.ci/run also runs it on PostgreSQL).')
}
ensurePackage('chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')
step('build', bin('react-router'), ['build'])
vitest('browser', 'e2e')
finish(failed > 0 ? 1 : 0)
