import { data, href, redirect, useActionData, useLoaderData, useSearchParams } from 'react-router'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { ImpactReportView } from '#app/components/impact/report.tsx'
import { ConsentCard, DifferenceConfirm, RequestActions, RequestDocuments, RequestFacts, RequestStateBadge, Timeline } from '#app/components/request-status.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { LinkButton, PageHeader } from '#app/components/ui.tsx'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { actOnRequest } from '#app/services/request-actions.server.ts'
import { getRequestView } from '#app/services/request-views.server.ts'
import type { Route } from './+types/detail'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('reqs.list.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const url = new URL(request.url)
  return guarded(async () => {
    const view = await getRequestView({ db: await getDb(), actor, requestId: params.requestId, movedPage: Number(url.searchParams.get('page') ?? 1) })
    // The request lives in one building: under another building's URL it does not exist.
    if (view.building.id !== params.buildingId) throw new NotFoundError('request')
    return { ...view, today: todayInNetherlands() }
  })
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const result = await actOnRequest({ db: await getDb(), actor, requestId: params.requestId, form: formObject(formData) })
    if (!result.applied) return data(result)
    throw redirect(`${href('/buildings/:buildingId/requests/:requestId', params)}?done=${result.intent}`)
  })
}

export default function RequestStatus() {
  const view = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const difference = result && !isFormFailure(result) && result.difference && !result.applied ? result : null
  const [search] = useSearchParams()
  const done = search.get('done')
  const t = useT()
  const r = view.request
  const crumbs =
    view.viewer === 'facility_manager'
      ? [
          { to: href('/buildings'), label: t.t('buildings.title') },
          { to: href('/buildings/:buildingId', { buildingId: view.building.id }), label: view.building.name },
          { to: href('/buildings/:buildingId/requests', { buildingId: view.building.id }), label: t.t('reqs.list.title') },
        ]
      : [{ to: href('/my/requests'), label: t.t('reqs.nav.myRequests') }]
  return (
    <div className="space-y-5">
      <PageHeader
        title={t.t('reqs.detail.title', { requester: r.requesterName })}
        subtitle={<span className="flex items-center gap-2">{view.building.name} <RequestStateBadge state={r.state} /></span>}
        crumbs={crumbs}
        actions={view.viewer === 'requester' && r.state === 'draft' ? <LinkButton to={href('/my/requests/:requestId/edit', { requestId: r.id })}>{t.t('reqs.detail.edit')}</LinkButton> : undefined}
      />
      {done && !failure ? (
        <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">{t.t(`reqs.done.${done}` as 'reqs.done.submit')}</p>
      ) : null}
      {view.viewer === 'consenter' ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {t.t('reqs.consenter.notice', { requester: r.requesterName, carrier: r.targetCarrier ?? '—', date: t.date(r.portDate), count: r.numbers })}
        </p>
      ) : null}
      {difference?.difference ? <DifferenceConfirm difference={difference.difference} names={difference.names} version={r.version} /> : null}
      <div className="grid gap-5 lg:grid-cols-2">
        <RequestFacts view={view} />
        <div className="space-y-5">
          <RequestActions view={view} failure={failure} today={view.today} />
          <ConsentCard view={view} failure={failure} />
        </div>
      </div>
      <RequestDocuments view={view} buildingId={view.building.id} requestId={r.id} />
      <Timeline entries={view.timeline} />
      <section aria-labelledby="impact-title" className="space-y-3">
        <h2 id="impact-title" className="text-lg font-semibold">{view.snapshotTaken ? t.t('reqs.detail.snapshot') : t.t('reqs.detail.liveDraft')}</h2>
        {view.outcome ? <ImpactReportView outcome={view.outcome} paged /> : <p className="text-sm">{t.t('reqs.detail.noImpact')}</p>}
      </section>
    </div>
  )
}
