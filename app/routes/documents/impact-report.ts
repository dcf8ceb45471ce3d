// The impact screen's report as a PDF: the same query as /buildings/:id/impact, the same checks and
// the same redaction for the viewer. A query that does not stand for a request gets 400 and its problems.
import { data } from 'react-router'
import { drawImpactReport } from '#app/pdf/impact-report.server.ts'
import { createPdf, fileName } from '#app/pdf/document.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { pdfDownload } from '#app/server/download.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale, getTranslator } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getImpactDocument } from '#app/services/impact-screen.server.ts'
import type { Route } from './+types/impact-report'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const [locale, t] = [await getLocale(request), await getTranslator(request)]
  return guarded(async () => {
    const found = await getImpactDocument({ db: await getDb(), actor, buildingId: params.buildingId, fields: new URL(request.url).searchParams })
    if (!found.viewed) return data({ errors: found.errors }, { status: 400 })
    const viewed = found.viewed
    const today = todayInNetherlands()
    const doc = createPdf({
      title: t.t('doc.impact.title'),
      subject: t.t('doc.impact.subject', { tenant: found.requesterName }),
      locale,
      documentId: `preview-${found.building.id.slice(0, 8)}-${today}`,
      generatedAt: new Date(),
    })
    const name = fileName('impact-preview', found.building.name, found.requesterName, today)
    return pdfDownload(doc, name, () => drawImpactReport(doc, { buildingName: found.building.name, requesterName: found.requesterName, ...viewed }))
  })
}
