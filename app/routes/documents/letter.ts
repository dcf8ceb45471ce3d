// GET /buildings/:buildingId/requests/:requestId/letters/:tenantId.pdf: the notice letter for one
// affected company, in its contact's language (facility manager: every letter; a tenant user: its own).
import { noticeLetterPdf } from '#app/pdf/notice-letter.server.ts'
import { fileName } from '#app/pdf/document.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { pdfDownload } from '#app/server/download.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getNoticeLetter } from '#app/services/request-documents.server.ts'
import type { Route } from './+types/letter'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const locale = await getLocale(request)
  const result = await guarded(async () => getNoticeLetter({ db: await getDb(), actor, buildingId: params.buildingId, requestId: params.requestId, tenantId: params.tenantId, locale }))
  // The document cannot be made now (a blocked plan, an ended request): 409 with the reason.
  if (!result.ok) return new Response(result.message, { status: 409, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  const { doc, draw } = noticeLetterPdf(result.document)
  return pdfDownload(doc, fileName('notice-letter', result.document.recipient.legalName, params.requestId.slice(0, 8)), draw)
}
