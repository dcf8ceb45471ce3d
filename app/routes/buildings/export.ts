// GET /buildings/:buildingId/export: the building as a building file, downloaded (facility managers of the building).
import { fileSlug } from '#app/domain/file-names.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { exportBuildingFile } from '#app/services/building-file.server.ts'
import type { Route } from './+types/export'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const file = await guarded(async () => exportBuildingFile({ db: await getDb(), actor, buildingId: params.buildingId }))
  const name = fileSlug(file.building.name) || 'building'
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.building.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
