import { Form, href, Link, useLoaderData } from 'react-router'
import { inputClass } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { RequestStateBadge } from '#app/components/request-status.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { EmptyState, PageHeader, Pager, tableClass } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { readRequestListFilter, listBuildingRequestsPage } from '#app/services/request-views.server.ts'
import type { Route } from './+types/index'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('reqs.list.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const url = new URL(request.url)
  return guarded(async () => listBuildingRequestsPage({ db: await getDb(), actor, buildingId: params.buildingId, filter: readRequestListFilter(url) }))
}

export default function BuildingRequests() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <PageHeader
        title={t.t('reqs.list.title')}
        subtitle={t.t('reqs.list.intro')}
        crumbs={[
          { to: href('/buildings'), label: t.t('buildings.title') },
          { to: href('/buildings/:buildingId', { buildingId: d.building.id }), label: d.building.name },
        ]}
      />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3">
        <label className="text-sm">
          {t.t('reqs.list.state')}
          <select name="state" defaultValue={d.filter.state} className={inputClass}>
            <option value="">{t.t('reqs.list.anyState')}</option>
            <option value="open">{t.t('reqs.list.open')}</option>
            {d.states.map((s) => <option key={s} value={s}>{t.t(`reqs.state.${s}`)}</option>)}
          </select>
        </label>
        <button className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white">{t.t('action.filter')}</button>
      </Form>
      {d.items.length === 0 ? (
        <EmptyState>{d.filter.state ? t.t('reqs.list.emptyFiltered') : t.t('reqs.list.empty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-2">
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">{t.t('reqs.col.requester')}</th>
                <th scope="col">{t.t('reqs.col.state')}</th>
                <th scope="col">{t.t('reqs.col.portDate')}</th>
                <th scope="col">{t.t('reqs.col.carrier')}</th>
                <th scope="col" className="text-right">{t.t('reqs.col.numbers')}</th>
                <th scope="col">{t.t('reqs.col.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={href('/buildings/:buildingId/requests/:requestId', { buildingId: r.buildingId, requestId: r.id })} className="text-sky-800 hover:underline">
                      {r.requesterName}
                    </Link>
                  </td>
                  <td><RequestStateBadge state={r.state} /></td>
                  <td>{t.date(r.portDate)}</td>
                  <td>{r.targetCarrier ?? '—'}</td>
                  <td className="text-right">{t.count(r.numbers)}</td>
                  <td>{t.dateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={d.total} page={d.page} pageSize={d.pageSize} />
        </div>
      )}
    </>
  )
}
