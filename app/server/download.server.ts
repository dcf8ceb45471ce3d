// Documents streamed to the browser as downloads: the response starts as soon as the first bytes are
// drawn, and the rest follows while the document is written (a long report is never held in memory).
import { Readable } from 'node:stream'

/** The Content-Disposition of a download, with an ASCII name and the exact one for modern browsers. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/**
 * A PDF download: `render` draws into `doc` (it may wait for rows from the database); the document is
 * ended when it is done. A failure halfway aborts the stream, so the browser sees a failed download
 * rather than a truncated file that looks complete.
 */
export function pdfDownload(doc: PDFKit.PDFDocument, fileName: string, render: () => Promise<void> | void): Response {
  const body = Readable.toWeb(doc) as ReadableStream<Uint8Array>
  Promise.resolve()
    .then(render)
    .then(
      () => doc.end(),
      (error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))),
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
