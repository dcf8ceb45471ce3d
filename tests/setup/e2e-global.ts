import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openPglite } from '#db/client.ts'
import { prepareE2eDatabase } from '../support/e2e-data.ts'
import { freePort } from '#tests/support/net.ts'
import { startSmtpPeer, subjectOf, type SmtpPeer } from '#tests/support/smtp.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    e2eUsers: Record<string, string>
    demoBuildingId: string
    otherBuildingId: string
    ids: Record<'demo' | 'other', Record<string, string>>
    storyBuildingId: string
    /** A submitted request in the demo building (tenant2's port of one number). */
    demoRequestId: string
    /** JSON lines, one per mail the app delivered to the SMTP peer of the run. */
    mailLog: string
  }
}


/** The environment of the app under test: a production server, not a test process (no DATABASE_URL, no VITEST* flags). */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, ...rest } = env
  return Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('VITEST')))
}

let server: ChildProcess | undefined
let dataRoot: string | undefined
let smtp: SmtpPeer | undefined

/**
 * Runs the built app (react-router-serve, as `npm start` does) on a fresh embedded database holding
 * the demo building, a second building with its own manager, and known users for every role.
 */
export async function setup(project: TestProject) {
  if (!fs.existsSync('build/server/index.js')) throw new Error('Run `npx react-router build` first (npm test does).')
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-e2e-'))
  const dataDir = path.join(dataRoot, 'pglite')
  const database = await openPglite(dataDir)
  await database.migrate()
  const prepared = await prepareE2eDatabase(database.db)
  await database.close()

  // The app delivers its mail to a real SMTP peer; what arrives is logged for the tests to read.
  const mailLog = path.join(dataRoot, 'mail.jsonl')
  fs.writeFileSync(mailLog, '')
  smtp = await startSmtpPeer(await freePort(), (mail) => fs.appendFileSync(mailLog, `${JSON.stringify({ to: mail.to, subject: subjectOf(mail.raw) })}\n`))
  const port = await freePort()
  server = spawn(path.join('node_modules', '.bin', 'react-router-serve'), ['./build/server/index.js'], {
    env: { ...withoutDatabaseUrl(process.env), NODE_ENV: 'production', PORT: String(port), SHAREDLINE_DATA_DIR: dataDir, SESSION_SECRET: 'e2e-session-secret-0123456789', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, APP_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/login`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${log}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  project.provide('baseUrl', baseUrl)
  project.provide('e2eUsers', prepared.users)
  project.provide('demoBuildingId', prepared.demoBuildingId)
  project.provide('otherBuildingId', prepared.otherBuildingId)
  project.provide('ids', { demo: prepared.demo, other: prepared.other })
  project.provide('storyBuildingId', prepared.storyBuildingId)
  project.provide('demoRequestId', prepared.demoRequestId)
  project.provide('mailLog', mailLog)
}

export async function teardown() {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((r) => server?.once('exit', r))
  }
  await smtp?.close()
  if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true })
}
