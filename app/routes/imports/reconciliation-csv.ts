import { Readable } from 'node:stream'
import { attachment, webStreamOf } from '#app/server/download.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { reconciliationCsv } from '#app/services/reconciliation.server.ts'
import type { Route } from './+types/reconciliation-csv'

/** The reconciliation report, every category, as a spreadsheet. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => {
    const lines = reconciliationCsv({ db: await getDb(), actor, buildingId: params.buildingId, locale: await getLocale(request) })
    // Reading the first chunk runs the scope check, so a foreign building is a 404 rather than a broken download.
    const first = await lines.next()
    async function* all() {
      if (!first.done) yield Buffer.from(first.value)
      for await (const chunk of lines) yield Buffer.from(chunk)
    }
    return new Response(webStreamOf(Readable.from(all())), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(`reconciliation-${params.buildingId.slice(0, 8)}.csv`) },
    })
  })
}
