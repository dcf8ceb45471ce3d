// GET /buildings/:buildingId/requests/:requestId/authorisation.pdf: the porting authorisation of a
// request, in the viewer's language (facility manager of the building, the requesting company's users).
import { fileName } from '#app/pdf/document.server.ts'
import { portingAuthorisationPdf } from '#app/pdf/porting-authorisation.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { pdfDownload } from '#app/server/download.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getPortingAuthorisation } from '#app/services/request-documents.server.ts'
import type { Route } from './+types/authorisation'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const locale = await getLocale(request)
  const result = await guarded(async () => getPortingAuthorisation({ db: await getDb(), actor, buildingId: params.buildingId, requestId: params.requestId, locale }))
  // The document cannot be made now (a blocked plan, an ended request): 409 with the reason.
  if (!result.ok) return new Response(result.message, { status: 409, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  const { doc, draw } = portingAuthorisationPdf(result.document)
  return pdfDownload(doc, fileName('porting-authorisation', result.document.subscriber.legalName, params.requestId.slice(0, 8)), draw)
}

