// GET /buildings/:buildingId/inventory.pdf: the building's inventory report (contracts, lines, numbers
// with their holders), streamed as a download in the viewer's language. Facility managers of the building.
import { inventoryReportPdf } from '#app/pdf/inventory-report.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { pdfDownload } from '#app/server/download.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { getLocale } from '#app/server/i18n.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getInventoryReport } from '#app/services/inventory-report.server.ts'
import type { Route } from './+types/inventory'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const report = await guarded(async () => getInventoryReport({ db: await getDb(), actor, buildingId: params.buildingId, asOf: todayInNetherlands() }))
  const { doc, fileName, render } = inventoryReportPdf(report, { locale: await getLocale(request), generatedAt: new Date() })
  return pdfDownload(doc, fileName, render)
}
