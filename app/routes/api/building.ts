// GET /api/v1/buildings/{buildingId}: the building with the ids a request may name, as scoped.
import { getBuildingDirectory } from '#app/services/visible-buildings.server.ts'
import { apiJson, methodNotAllowed, withApiUser } from '#app/server/api.server.ts'
import type { BuildingDirectory } from '#app/server/openapi.server.ts'
import type { Route } from './+types/building'

export function loader({ request, params }: Route.LoaderArgs) {
  return withApiUser(request, async (actor, db) => apiJson((await getBuildingDirectory({ db, actor, buildingId: params.buildingId })) satisfies BuildingDirectory))
}

export function action() {
  return methodNotAllowed(['GET'])
}
