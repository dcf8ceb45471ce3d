import { csvDownload } from '#app/server/download.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { importErrorReport } from '#app/services/carrier-imports.server.ts'
import type { Route } from './+types/errors'

/** The rows of an import that could not be read, with line number and reason, as a spreadsheet. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () =>
    csvDownload(
      importErrorReport({ db: await getDb(), actor, buildingId: params.buildingId, jobId: params.importId, locale: await getLocale(request) }),
      `import-errors-${params.importId.slice(0, 8)}.csv`,
    ),
  )
}
