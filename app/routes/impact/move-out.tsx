import { data, href, useLoaderData, useLocation } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { ImpactReportView } from '#app/components/impact/report.tsx'
import { MoveOutForm } from '#app/components/impact/request-form.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getMoveOutScreen } from '#app/services/impact-screen.server.ts'
import type { Route } from './+types/move-out'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('impact.moveOut.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const url = new URL(request.url)
  return guarded(async () => {
    const screen = await getMoveOutScreen({ db: await getDb(), actor, buildingId: params.buildingId, fields: url.searchParams })
    return data(screen, { status: screen.status })
  })
}

export default function MoveOut() {
  const { building, tenants, values, errors, outcome } = useLoaderData<typeof loader>()
  const t = useT()
  const location = useLocation()
  return (
    <div className="space-y-5">
      <PageHeader
        title={t.t('impact.moveOut.title')}
        subtitle={t.t('impact.moveOut.intro')}
        crumbs={[
          { to: href('/buildings'), label: t.t('buildings.title') },
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
        ]}
      />
      <MoveOutForm key={location.search} tenants={tenants} values={values} errors={errors} />
      {outcome ? <ImpactReportView outcome={outcome} paged /> : null}
    </div>
  )
}
