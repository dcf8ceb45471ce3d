// The server entry: React Router's default rendering for Node (streaming HTML; bots and SPA mode get
// the whole document at once; rendering is aborted after a timeout), plus the background jobs, which
// start when the server loads this module — once per process, never under tests.
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable } from '@react-router/node'
import { isbot } from 'isbot'
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from 'react-dom/server'
import { ServerRouter, type EntryContext } from 'react-router'
import { closeDatabase, getDatabase, getDb } from './server/db.server.ts'
import { startBackgroundJobs } from './server/jobs.server.ts'
import { hourlyImportJobs, runImportWork } from './services/carrier-imports.server.ts'
import { hourlyMailJobs } from './services/deadlines.server.ts'

const stopJobs = startBackgroundJobs({
  db: getDb,
  hourly: [...hourlyMailJobs, ...hourlyImportJobs],
  frequent: [{ name: 'carrier imports', run: async () => runImportWork({ database: await getDatabase() }) }],
})

// react-router-serve closes its listener on SIGTERM and SIGINT; the jobs' timers and the database
// pool would still keep the process alive, so they stop too and the process ends by itself.
if (process.env.NODE_ENV === 'production' && !process.env.VITEST) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stopJobs().then(closeDatabase, closeDatabase))
  }
}

/** How long deferred data may stream before the render gives up on it. */
export const streamTimeout = 5_000

export default function handleRequest(request: Request, status: number, headers: Headers, routerContext: EntryContext) {
  // A HEAD request gets the status and headers only (RFC 9110 §9.3.2).
  if (request.method.toUpperCase() === 'HEAD') return new Response(null, { status, headers })

  const userAgent = request.headers.get('user-agent')
  const waitFor: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady'

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    // Abort a little after streamTimeout, so rejected boundaries can still be sent to the browser.
    let abortTimer: NodeJS.Timeout | undefined = setTimeout(() => abort(), streamTimeout + 1_000)
    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} />, {
      [waitFor]() {
        shellRendered = true
        const body = new PassThrough({
          final(callback) {
            clearTimeout(abortTimer)
            abortTimer = undefined
            callback()
          },
        })
        headers.set('Content-Type', 'text/html')
        pipe(body)
        resolve(new Response(createReadableStreamFromReadable(body), { status, headers }))
      },
      onShellError(error: unknown) {
        reject(error)
      },
      onError(error: unknown) {
        status = 500
        // Errors before the shell is ready reject above and React Router logs them; later ones only surface here.
        if (shellRendered) console.error(error)
      },
    })
  })
}
