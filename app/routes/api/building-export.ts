// GET /api/v1/buildings/{buildingId}/export: the building file (facility managers of the building).
import { exportBuildingFile } from '#app/services/building-file.server.ts'
import { apiJson, methodNotAllowed, withApiUser } from '#app/server/api.server.ts'
import type { Route } from './+types/building-export'

export function loader({ request, params }: Route.LoaderArgs) {
  return withApiUser(request, async (actor, db) => apiJson(await exportBuildingFile({ db, actor, buildingId: params.buildingId })))
}

export function action() {
  return methodNotAllowed(['GET'])
}
