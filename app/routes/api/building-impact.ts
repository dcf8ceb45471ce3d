// POST /api/v1/buildings/{buildingId}/impact: a request file evaluated on a stored building. The
// report is scoped and redacted by the service exactly as on the web pages; only the report is sent.
import type { ImpactReport } from '#app/domain/impact/types.ts'
import { computeImpactForRequest } from '#app/services/impact.server.ts'
import { apiJson, asOfParameter, methodNotAllowed, readJsonBody, withApiUser } from '#app/server/api.server.ts'
import type { Route } from './+types/building-impact'

export function loader() {
  return methodNotAllowed(['POST'])
}

export function action({ request, params }: Route.ActionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['POST'])
  return withApiUser(request, async (actor, db) => {
    const { report } = await computeImpactForRequest({ db, actor, buildingId: params.buildingId, request: await readJsonBody(request), asOf: asOfParameter(request) })
    return apiJson(report satisfies ImpactReport)
  })
}
