// GET /buildings/:buildingId/numbers.csv: the building's numbers with their holders as a spreadsheet,
// streamed as a download in the viewer's language (the numbers list's filters apply when the URL
// carries them). Facility managers of the building.
import { getDb } from '#app/server/db.server.ts'
import { attachment, webStreamOf } from '#app/server/download.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { exportBuildingNumbersCsv } from '#app/services/number-export.server.ts'
import type { Route } from './+types/export'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const query = Object.fromEntries(new URL(request.url).searchParams)
  const locale = await getLocale(request)
  const csv = await guarded(async () => exportBuildingNumbersCsv({ db: await getDb(), actor, buildingId: params.buildingId, locale, query }))
  return new Response(webStreamOf(csv.body), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(csv.fileName),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
