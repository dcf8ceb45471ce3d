// Any other path under /api/v1/: a problem+json 404 instead of the HTML error page.
import { problemResponse } from '#app/server/api.server.ts'

const notFound = () => problemResponse(404, 'There is no such endpoint; see /api/v1/openapi.json.')

export const loader = notFound
export const action = notFound
