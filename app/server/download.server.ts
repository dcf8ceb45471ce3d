// Documents streamed to the browser as downloads: the response starts as soon as the first bytes are
// drawn, and the rest follows while the document is written (a long report is never held in memory).
import { Readable } from 'node:stream'

/** The Content-Disposition of a download, with an ASCII name and the exact one for modern browsers. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/**
 * The document as a web stream, by hand rather than `Readable.toWeb`: that one can throw
 * "Controller is already closed" (uncaught) when a download is cancelled at the wrong moment, which
 * would take the server down. The response holds one chunk: while it waits unread the document is
 * paused, so what is not yet read stays in the document's own buffer (its unread bytes are what paced
 * drawing waits on); a pull resumes it; a cancel destroys it and ignores what still comes.
 */
export function webStreamOf(source: Readable): ReadableStream<Uint8Array> {
  let done = false
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.on('data', (chunk: Buffer) => {
          if (done) return
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
          if ((controller.desiredSize ?? 1) <= 0) source.pause()
        })
        source.once('end', () => {
          if (done) return
          done = true
          controller.close()
        })
        source.once('error', (error) => {
          if (done) return
          done = true
          controller.error(error)
        })
      },
      pull() {
        if (source.isPaused()) source.resume()
      },
      cancel() {
        done = true
        source.destroy()
      },
    },
    { highWaterMark: 1 },
  )
}

/**
 * A PDF download: `render` draws into `doc` (it may wait for rows from the database); the document is
 * ended when it is done. A failure halfway aborts the stream, so the browser sees a failed download
 * rather than a truncated file that looks complete.
 */
export function pdfDownload(doc: PDFKit.PDFDocument, fileName: string, render: () => Promise<void> | void): Response {
  const body = webStreamOf(doc as unknown as Readable)
  Promise.resolve()
    .then(render)
    .then(
      () => doc.end(),
      (error: unknown) => (doc as unknown as Readable).destroy(error instanceof Error ? error : new Error(String(error))),
    )
  return new Response(body, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': attachment(fileName),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/**
 * A CSV download from lines produced a batch at a time. The first batch is produced before the
 * response is made, so a refusal or a missing record (thrown by the producer's scope check) is an
 * error status rather than a broken download.
 */
export async function csvDownload(lines: AsyncGenerator<string>, fileName: string): Promise<Response> {
  const first = await lines.next()
  async function* all() {
    if (!first.done) yield Buffer.from(first.value)
    for await (const chunk of lines) yield Buffer.from(chunk)
  }
  return new Response(webStreamOf(Readable.from(all())), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(fileName), 'X-Content-Type-Options': 'nosniff' },
  })
}
