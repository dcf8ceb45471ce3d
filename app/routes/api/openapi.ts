// GET /api/v1/openapi.json: the API's own description, public like any documentation.
import { apiJson } from '#app/server/api.server.ts'
import { openApiDocument } from '#app/server/openapi.server.ts'

let document: Record<string, unknown> | undefined

export function loader() {
  document ??= openApiDocument()
  return apiJson(document, { headers: { 'Cache-Control': 'public, max-age=300' } })
}
