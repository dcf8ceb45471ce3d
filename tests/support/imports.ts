// Helpers for carrier-import tests: a private import folder per test file, multipart upload requests
// as a browser sends them, and driving one file from upload to dry run through the real worker.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { storeUpload } from '#app/server/import-files.server.ts'
import { runImportWork, startCarrierImport, submitImportMapping } from '#app/services/carrier-imports.server.ts'
import type { ServiceKind } from '#app/domain/enums.ts'
import { delimiterName, type FileFormat } from '#app/domain/imports/types.ts'
import type { Database, Db } from '#db/client.ts'
import { getImportJob } from '#db/queries/imports.ts'
import { insertBuilding, insertCarrier, insertContract, insertService, insertUser } from './factories.ts'

/** A building managed by a new facility manager, with one carrier's contract holding the given lines. */
export async function insertCarrierBuilding(db: Db, lines: { kind: ServiceKind; carrierRef: string }[]) {
  const actor = await insertUser(db)
  const building = await insertBuilding(db, {}, [actor])
  const carrier = await insertCarrier(db)
  const contract = await insertContract(db, building.id, { carrierId: carrier.id })
  const services: Record<string, Awaited<ReturnType<typeof insertService>>> = {}
  for (const line of lines) services[line.carrierRef] = await insertService(db, building.id, contract.id, line)
  return { actor, buildingId: building.id, carrierId: carrier.id, services }
}

/** Points the import folder at a fresh temporary folder for this test file, removed afterwards. */
export function useImportDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-imports-'))
  process.env.SHAREDLINE_IMPORT_DIR = dir
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A multipart POST like the upload form sends. */
export function uploadRequest(fields: Record<string, string>, file: { name: string; content: string | Buffer } | null): Request {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  if (file) form.set('file', new File([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], file.name, { type: 'text/csv' }))
  return new Request('http://localhost/buildings/x/imports', { method: 'POST', body: form })
}

/** Uploads a file and returns the new import's id. */
export async function upload(database: Database, actor: Actor, buildingId: string, carrierId: string, kind: 'inventory' | 'invoice', name: string, content: string | Buffer) {
  const stored = await storeUpload(uploadRequest({ kind, carrierId }, { name, content }))
  const started = await startCarrierImport({ db: database.db, actor, buildingId, upload: stored })
  return started.jobId
}

/**
 * Uploads a file, submits the mapping the page proposes (with `form` overriding fields), and lets the
 * worker read it: the import then waits with its dry run.
 */
export async function uploadAndRead(
  database: Database,
  actor: Actor,
  buildingId: string,
  carrierId: string,
  kind: 'inventory' | 'invoice',
  content: string | Buffer,
  form: Record<string, string> = {},
) {
  const jobId = await upload(database, actor, buildingId, carrierId, kind, `${kind}.csv`, content)
  const job = await getImportJob(database.db, { buildingId, jobId })
  if (!job) throw new Error('import not found')
  const format = job.format as FileFormat
  const mapping = (job.mapping ?? {}) as Record<string, number>
  const input: Record<string, string> = {
    intent: 'start',
    delimiter: delimiterName(format.delimiter),
    encoding: format.encoding,
    header: format.header ? 'yes' : 'no',
    markMissing: 'on',
    ...Object.fromEntries(Object.entries(mapping).map(([field, index]) => [`col.${field}`, String(index)])),
    ...form,
  }
  await submitImportMapping({ db: database.db, actor, buildingId, jobId, input })
  await runImportWork({ database })
  return jobId
}
