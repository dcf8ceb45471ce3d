// The impact report of a migration request as a PDF, for everyone who may open its status page,
// redacted as the status page redacts it for them.
import { drawImpactReport } from '#app/pdf/impact-report.server.ts'
import { createPdf, fileName } from '#app/pdf/document.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { pdfDownload } from '#app/server/download.server.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale, getTranslator } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getRequestDocument } from '#app/services/request-views.server.ts'
import type { Route } from './+types/request-report'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const [locale, t] = [await getLocale(request), await getTranslator(request)]
  return guarded(async () => {
    const found = await getRequestDocument({ db: await getDb(), actor, requestId: params.requestId })
    if (found.building.id !== params.buildingId || !found.viewed) throw new NotFoundError('request')
    const viewed = found.viewed
    const doc = createPdf({
      title: t.t('doc.impact.title'),
      subject: t.t('doc.impact.subject', { tenant: found.request.requesterName }),
      locale,
      documentId: `request-${found.request.id}`,
      generatedAt: new Date(),
    })
    const name = fileName('impact-report', found.building.name, found.request.requesterName, found.request.id.slice(0, 8))
    return pdfDownload(doc, name, () => drawImpactReport(doc, { buildingName: found.building.name, requesterName: found.request.requesterName, ...viewed }))
  })
}
