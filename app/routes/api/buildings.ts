// GET /api/v1/buildings: the buildings the token may see. POST: import a building file.
import { listVisibleBuildings } from '#app/services/visible-buildings.server.ts'
import { importBuildingFile } from '#app/services/building-file.server.ts'
import { apiJson, methodNotAllowed, readJsonBody, withApiUser } from '#app/server/api.server.ts'
import type { BuildingList, ImportResult } from '#app/server/openapi.server.ts'
import type { Route } from './+types/buildings'

export function loader({ request }: Route.LoaderArgs) {
  return withApiUser(request, async (actor, db) => apiJson({ buildings: await listVisibleBuildings({ db, actor }) } satisfies BuildingList))
}

export function action({ request }: Route.ActionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
  return withApiUser(request, async (actor, db) => {
    const imported = await importBuildingFile({ db, actor, json: await readJsonBody(request) })
    const self = `/api/v1/buildings/${imported.buildingId}`
    const body: ImportResult = { id: imported.buildingId, tenants: imported.tenants, numbers: imported.numbers, links: { self, export: `${self}/export` } }
    return apiJson(body, { status: 201, headers: { Location: self } })
  })
}
