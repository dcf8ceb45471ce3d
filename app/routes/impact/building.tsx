import { data, href, redirect, useLoaderData, useLocation } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { ImpactReportView } from '#app/components/impact/report.tsx'
import { MigrationForm } from '#app/components/impact/request-form.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { LinkButton, PageHeader, Stat } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getImpactScreen, impactPrefillFromNumbers } from '#app/services/impact-screen.server.ts'
import type { Route } from './+types/building'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('impact.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const url = new URL(request.url)
  return guarded(async () => {
    const db = await getDb()
    const prefill = await impactPrefillFromNumbers({ db, actor, buildingId: params.buildingId, fields: url.searchParams })
    if (prefill !== null) throw redirect(`${url.pathname}?${prefill}`)
    const screen = await getImpactScreen({ db, actor, buildingId: params.buildingId, fields: url.searchParams })
    return data(screen, { status: screen.status })
  })
}

export default function BuildingImpact() {
  const screen = useLoaderData<typeof loader>()
  const t = useT()
  const location = useLocation()
  const { building } = screen
  const crumbs = screen.mode === 'migration' && screen.view === 'tenant' ? [{ to: href('/my'), label: t.t('nav.my') }] : [
    { to: href('/buildings'), label: t.t('buildings.title') },
    { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
  ]
  if (screen.mode === 'counts') {
    return (
      <div className="space-y-5">
        <PageHeader title={t.t('impact.title')} subtitle={building.name} crumbs={crumbs} />
        <p className="rounded border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">{t.t('impact.countsOnly')}</p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label={t.t('building.tenants')} value={t.count(screen.counts.tenants)} />
          <Stat label={t.t('building.numbers')} value={t.count(screen.counts.numbers)} />
          <Stat label={t.t('impact.countsServices')} value={t.count(screen.counts.services)} />
        </div>
        <LinkButton to={href('/impact/preview')}>{t.t('impact.upload.link')}</LinkButton>
      </div>
    )
  }
  return (
    <div className="space-y-5">
      <PageHeader title={t.t('impact.title')} subtitle={t.t(`impact.intro.${screen.view}`, { building: building.name })} crumbs={crumbs} />
      <MigrationForm key={location.search} method="get" form={screen} />
      {screen.outcome ? (
        <>
          <LinkButton to={`/buildings/${building.id}/impact.pdf${location.search}`} reloadDocument>
            {t.t('doc.link.preview')}
          </LinkButton>
          <ImpactReportView outcome={screen.outcome} paged />
        </>
      ) : null}
    </div>
  )
}
