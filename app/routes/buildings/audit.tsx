import { Form, useLoaderData } from 'react-router'
import { inputClass } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { Badge, EmptyState, PageHeader, Pager, tableClass } from '#app/components/ui.tsx'
import { auditActions } from '#app/domain/enums.ts'
import { listBuildingAudit } from '#app/services/audit-view.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/audit'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => listBuildingAudit({ db: await getDb(), actor, buildingId: params.buildingId, url: new URL(request.url) }))
}

export default function Audit() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <PageHeader title={t.t('audit.title')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }, { to: `/buildings/${d.building.id}`, label: d.building.name }]} />
      <Form method="get" className="mb-4 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-7">
        <label className="text-sm">
          {t.t('audit.entity')}
          <select name="entity" defaultValue={d.filter.entity ?? ''} className={inputClass}>
            <option value="">{t.t('audit.anyEntity')}</option>
            {d.entityTypes.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </label>
        <label className="text-sm">
          {t.t('audit.action')}
          <select name="action" defaultValue={d.filter.action ?? ''} className={inputClass}>
            <option value="">{t.t('audit.anyAction')}</option>
            {auditActions.map((a) => <option key={a} value={a}>{t.t(`auditAction.${a}`)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          {t.t('audit.actor')}
          <input name="actor" defaultValue={d.filter.actor ?? ''} className={inputClass} />
        </label>
        <label className="text-sm">
          {t.t('audit.from')}
          <input type="date" name="from" defaultValue={d.filter.from ?? ''} className={inputClass} />
        </label>
        <label className="text-sm">
          {t.t('audit.to')}
          <input type="date" name="to" defaultValue={d.filter.to ?? ''} className={inputClass} />
        </label>
        <label className="text-sm">
          {t.t('audit.text')}
          <input name="q" defaultValue={d.filter.q ?? ''} className={inputClass} />
        </label>
        <div className="flex items-end gap-2">
          <button className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white">{t.t('action.filter')}</button>
          <a href="?" className="px-2 py-1.5 text-sm underline">{t.t('action.reset')}</a>
        </div>
      </Form>
      {d.rows.length === 0 ? (
        <EmptyState>{t.t('audit.empty')}</EmptyState>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{t.t('audit.at')}</th>
              <th scope="col">{t.t('audit.actor')}</th>
              <th scope="col">{t.t('audit.action')}</th>
              <th scope="col">{t.t('audit.entity')}</th>
              <th scope="col">{t.t('audit.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id} className="align-top">
                <td className="whitespace-nowrap tabular-nums">{t.dateTime(r.at)}</td>
                <td>{r.actorEmail}</td>
                <td><Badge tone={r.action === 'delete' ? 'danger' : r.action === 'create' ? 'ok' : 'info'}>{t.t(`auditAction.${r.action}`)}</Badge></td>
                <td>{r.entityType}</td>
                <td>
                  {r.summary}
                  {r.before != null || r.after != null ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-sky-800">{t.t('audit.details')}</summary>
                      <div className="grid gap-2 sm:grid-cols-2">
                        <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs" aria-label={t.t('audit.before')}>{JSON.stringify(r.before, null, 1)}</pre>
                        <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs" aria-label={t.t('audit.after')}>{JSON.stringify(r.after, null, 1)}</pre>
                      </div>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager total={d.total} page={d.page} pageSize={d.pageSize} />
    </>
  )
}
