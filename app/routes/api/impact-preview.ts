// POST /api/v1/impact/preview: `{ building, request }` evaluated in memory and never stored.
import type { ImpactReport } from '#app/domain/impact/types.ts'
import { previewImpactOfFile } from '#app/services/impact.server.ts'
import { apiJson, asOfParameter, methodNotAllowed, readJsonBody, withApiUser } from '#app/server/api.server.ts'
import type { Route } from './+types/impact-preview'

export function loader() {
  return methodNotAllowed(['POST'])
}

export function action({ request }: Route.ActionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['POST'])
  return withApiUser(request, async (actor) => {
    const asOf = asOfParameter(request)
    const body = await readJsonBody(request)
    // Anything but an object leaves both parts missing; the service reports $.building and $.request.
    const { building, request: requestFile } = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
    const { report } = previewImpactOfFile({ actor, building, request: requestFile, asOf })
    return apiJson(report satisfies ImpactReport)
  })
}
