// Carrier files on disk: an upload streamed into the import folder under a name we choose (never
// buffered whole, refused as soon as it passes the size limit), its head for sniffing, and its records
// read back as a stream (bytes → text in the file's encoding → csv-parse), in batches.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import { parse } from 'csv-parse'
import { createTextDecoder, csvParseOptions } from '#app/domain/imports/format.ts'
import type { FileFormat } from '#app/domain/imports/types.ts'
import { defaultDataDir } from '#db/client.ts'
import { env } from './env.server.ts'

/** Where uploaded carrier files wait to be read (SHAREDLINE_IMPORT_DIR, else beside the embedded database). */
export function importDir(): string {
  return path.resolve(process.env.SHAREDLINE_IMPORT_DIR ?? path.join(path.dirname(defaultDataDir()), 'imports'))
}

/** Largest carrier file accepted, in bytes (IMPORT_MAX_MB, default 200 MB: a million numbers is ~40 MB). */
export function importMaxBytes(): number {
  return env().IMPORT_MAX_MB * 1024 * 1024
}

export function storedFilePath(storedFile: string): string {
  // Stored names are ours (uuid.csv); refuse anything else so a row can never point outside the folder.
  if (!/^[0-9a-f-]{36}\.csv$/.test(storedFile)) throw new Error(`not a stored import file: ${storedFile}`)
  return path.join(importDir(), storedFile)
}

export async function removeStoredFile(storedFile: string): Promise<void> {
  await fs.promises.rm(storedFilePath(storedFile), { force: true })
}

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`upload larger than ${limit} bytes`)
    this.name = 'UploadTooLargeError'
  }
}

export interface StoredUpload {
  fields: Record<string, string>
  /** Null when the form carried no file (or an empty one). */
  file: { storedFile: string; fileName: string; bytes: number } | null
}

/**
 * Streams a multipart form into the import folder: text fields in memory (small), the `file` part to
 * disk. A request announcing more than the limit is refused before a byte is read; one that turns out
 * larger is cut off and its partial file removed.
 */
export async function storeUpload(request: Request, limit = importMaxBytes()): Promise<StoredUpload> {
  const announced = Number(request.headers.get('content-length') ?? '0')
  // The form around the file adds a little; anything beyond that is over the limit.
  if (announced > limit + 64 * 1024) throw new UploadTooLargeError(limit)
  if (!request.body) return { fields: {}, file: null }
  fs.mkdirSync(importDir(), { recursive: true })
  const fields: Record<string, string> = {}
  let file: StoredUpload['file'] = null
  let tooLarge = false
  const writes: Promise<void>[] = []
  const parser = busboy({
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    limits: { fileSize: limit, files: 1, fields: 20, fieldSize: 10_000 },
  })
  parser.on('field', (name, value) => {
    fields[name] = value
  })
  parser.on('file', (name, stream, info) => {
    const fileName = info.filename
    if (name !== 'file' || !fileName) {
      stream.resume()
      return
    }
    const storedFile = `${randomUUID()}.csv`
    const target = storedFilePath(storedFile)
    let bytes = 0
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    stream.on('limit', () => {
      tooLarge = true
    })
    writes.push(
      pipeline(stream, fs.createWriteStream(target)).then(() => {
        file = { storedFile, fileName: path.basename(fileName).slice(0, 200), bytes }
      }),
    )
  })
  await pipeline(Readable.fromWeb(request.body as WebReadableStream), parser)
  await Promise.all(writes)
  const stored = file as StoredUpload['file']
  if (tooLarge) {
    if (stored) await removeStoredFile(stored.storedFile)
    throw new UploadTooLargeError(limit)
  }
  if (stored && stored.bytes === 0) {
    await removeStoredFile(stored.storedFile)
    return { fields, file: null }
  }
  return { fields, file: stored }
}

/** Copies a file already on this machine into the import folder (command line, tests, benchmark). */
export async function storeLocalFile(source: string): Promise<{ storedFile: string; fileName: string; bytes: number }> {
  fs.mkdirSync(importDir(), { recursive: true })
  const storedFile = `${randomUUID()}.csv`
  await fs.promises.copyFile(source, storedFilePath(storedFile))
  return { storedFile, fileName: path.basename(source), bytes: (await fs.promises.stat(source)).size }
}

/** The first bytes of a stored file, for sniffing its format and showing its first records. */
export async function readHead(storedFile: string, bytes = 64 * 1024): Promise<Uint8Array> {
  const handle = await fs.promises.open(storedFilePath(storedFile), 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

export interface RecordBatch {
  /** Each record with the line it starts on (1-based, header included). */
  records: { line: number; cells: string[] }[]
  /** Bytes of the file read so far. */
  bytesRead: number
}

/**
 * The records of a stored file, in batches, decoded in its encoding and parsed by csv-parse with the
 * options the format implies. The header record, when the format has one, is left out. Memory stays
 * flat: a batch is handed on before the next is read. Line numbers are counted here (csv-parse's
 * `info` would triple the parse time): empty lines come through as blank records for that reason, and
 * a record with quoted line breaks spans as many lines as it has breaks.
 */
export async function* readRecords(storedFile: string, format: FileFormat, batchSize = 1_000): AsyncGenerator<RecordBatch> {
  let bytesRead = 0
  // Small chunks: csv-parse turns a whole chunk into records at once, and a megabyte of records outlives
  // the young generation (peak memory grew ~4× with 1 MiB chunks).
  const source = fs.createReadStream(storedFilePath(storedFile), { highWaterMark: 64 * 1024 })
  // Not TextDecoder itself: Node 20's windows-1252 is Latin-1 (no €); the domain's decoder fixes that.
  const decoder = createTextDecoder(format)
  async function* decoded() {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytesRead += chunk.length
      yield decoder.decode(chunk, { stream: true })
    }
    const tail = decoder.decode()
    if (tail !== '') yield tail
  }
  const parser = parse({ ...csvParseOptions(format), skip_empty_lines: false })
  const feeding = pipeline(Readable.from(decoded()), parser).catch((error: unknown) => {
    parser.destroy(error as Error)
  })
  let batch: RecordBatch['records'] = []
  let line = 1
  let skipHeader = format.header
  // Records are taken with read() while the parser has them, so the loop awaits once per chunk of
  // the file rather than once per record.
  const ended = new Promise<void>((resolve) => parser.once('end', resolve))
  let finished = false
  void ended.then(() => (finished = true))
  for (;;) {
    let record = parser.read() as string[] | null
    if (record === null) {
      if (finished || parser.readableEnded) break
      const failure = parser.errored
      if (failure) throw failure
      await Promise.race([new Promise((resolve) => parser.once('readable', resolve)), ended])
      continue
    }
    for (; record !== null; record = parser.read() as string[] | null) {
      const start = line
      line++
      for (const cell of record) if (cell.includes('\n')) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line++
      if (skipHeader) {
        // Blank lines before the header are not the header.
        if (record.length === 1 && record[0] === '') continue
        skipHeader = false
        continue
      }
      batch.push({ line: start, cells: record })
    }
    if (batch.length >= batchSize) {
      yield { records: batch, bytesRead }
      batch = []
    }
  }
  await feeding
  if (batch.length > 0) yield { records: batch, bytesRead }
}
