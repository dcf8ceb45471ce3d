import { csvDownload } from '#app/server/download.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { reconciliationCsv } from '#app/services/reconciliation.server.ts'
import type { Route } from './+types/reconciliation-csv'

/** The reconciliation report, every category, as a spreadsheet. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () =>
    csvDownload(
      reconciliationCsv({ db: await getDb(), actor, buildingId: params.buildingId, locale: await getLocale(request) }),
      `reconciliation-${params.buildingId.slice(0, 8)}.csv`,
    ),
  )
}
