import { data, Form, href, Link, useActionData, useLoaderData } from 'react-router'
import { FormErrors, inputClass, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { Badge, EmptyState, PageHeader, Pager, tableClass } from '#app/components/ui.tsx'
import { allows, needsInvoice, reconciliationCategories } from '#app/domain/imports/reconciliation.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { actOnDifference, getReconciliation } from '#app/services/reconciliation.server.ts'
import type { Route } from './+types/reconciliation'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('reconciliation.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getReconciliation({ db: await getDb(), actor, buildingId: params.buildingId, url: new URL(request.url) }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const done = await actOnDifference({ db: await getDb(), actor, buildingId: params.buildingId, input: formObject(formData) })
    return data({ ok: true as const, ...done })
  })
}

export default function Reconciliation() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const done = result && 'action' in result ? result : null
  const t = useT()
  const self = href('/buildings/:buildingId/reconciliation', { buildingId: d.building.id })
  return (
    <>
      <PageHeader
        title={t.t('reconciliation.title')}
        subtitle={d.invoice ? t.t('reconciliation.against', { file: d.invoice.fileName, when: t.dateTime(d.invoice.finishedAt), total: t.money(d.invoice.totalCents) }) : t.t('reconciliation.noInvoice')}
        crumbs={[
          { to: '/buildings', label: t.t('buildings.title') },
          { to: href('/buildings/:buildingId', { buildingId: d.building.id }), label: d.building.name },
          { to: href('/buildings/:buildingId/imports', { buildingId: d.building.id }), label: t.t('imports.title') },
        ]}
        actions={
          <a className="text-sm text-sky-800 underline" href={href('/buildings/:buildingId/reconciliation.csv', { buildingId: d.building.id })} download>
            {t.t('reconciliation.csv')}
          </a>
        }
      />
      <nav aria-label={t.t('reconciliation.categories')} className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {reconciliationCategories.map((c) => (
            <li key={c}>
              <Link
                to={`${self}?category=${c}`}
                aria-current={c === d.category ? 'page' : undefined}
                className={`inline-flex items-center gap-2 rounded border px-3 py-1.5 text-sm ${c === d.category ? 'border-sky-700 bg-sky-50 font-semibold text-sky-900' : 'border-slate-300 bg-white text-slate-800'}`}
              >
                {t.t(`reconciliation.category.${c}`)}
                <Badge tone={d.counts[c] > 0 ? 'warn' : 'ok'}>{t.count(d.counts[c])}</Badge>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="mb-3 text-sm text-slate-700">{t.t(`reconciliation.explain.${d.category}`)}</p>
      <div className="mb-3 space-y-2">
        <FormErrors failure={failure} />
        {done ? (
          <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
            {t.t(`reconciliation.done.${done.action}`, { number: done.e164 ? t.phone(done.e164) : '', tenant: done.tenantName ?? '' })}
          </p>
        ) : null}
      </div>
      {needsInvoice(d.category) && !d.invoice ? (
        <EmptyState>{t.t('reconciliation.needsInvoice')}</EmptyState>
      ) : d.rows.length === 0 ? (
        <EmptyState>{t.t('reconciliation.empty')}</EmptyState>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{d.category === 'servicesBilledNoNumbers' ? t.t('reconciliation.service') : t.t('numbers.number')}</th>
              {d.category !== 'servicesBilledNoNumbers' ? <th scope="col">{t.t('reconciliation.service')}</th> : null}
              <th scope="col">{t.t('reconciliation.tenant')}</th>
              <th scope="col">{t.t('reconciliation.status')}</th>
              <th scope="col" className="text-right">
                {t.t('reconciliation.amount')}
              </th>
              <th scope="col">{t.t('reconciliation.action')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => {
              const label = r.e164 ? t.phone(r.e164) : (r.serviceRef ?? '')
              return (
                <tr key={`${r.e164 ?? ''}|${r.serviceRef ?? ''}`} className="align-top">
                  <td className="whitespace-nowrap tabular-nums">{label}</td>
                  {d.category !== 'servicesBilledNoNumbers' ? <td>{r.serviceRef ?? '—'}</td> : null}
                  <td>
                    {r.tenantName ?? '—'}
                    {r.moveOut ? <span className="block text-xs text-slate-600">{t.t('reconciliation.movedOut', { date: t.date(r.moveOut) })}</span> : null}
                  </td>
                  <td>{r.status ? t.t(`numbers.status.${r.status as 'active'}`) : t.t('reconciliation.notInInventory')}</td>
                  <td className="text-right tabular-nums">{r.amountCents === null ? '—' : t.money(r.amountCents)}</td>
                  <td>
                    <div className="flex flex-wrap items-start gap-2">
                      {allows(d.category, 'allocate') && d.tenants.length > 0 && r.tenantId === null ? (
                        <Form method="post" className="flex items-center gap-1">
                          <input type="hidden" name="category" value={d.category} />
                          <input type="hidden" name="e164" value={r.e164 ?? ''} />
                          <label className="sr-only" htmlFor={`tenant-${r.e164 ?? ''}`}>
                            {t.t('reconciliation.allocateTo', { number: label })}
                          </label>
                          <select id={`tenant-${r.e164 ?? ''}`} name="tenantId" required defaultValue="" className={`${inputClass} w-44`}>
                            <option value="">{t.t('reconciliation.chooseTenant')}</option>
                            {d.tenants.map((tenant) => (
                              <option key={tenant.id} value={tenant.id}>
                                {tenant.legalName}
                              </option>
                            ))}
                          </select>
                          <SubmitButton name="action" value="allocate" tone="plain">
                            {t.t('reconciliation.do.allocate')}
                            <span className="sr-only"> {label}</span>
                          </SubmitButton>
                        </Form>
                      ) : null}
                      {allows(d.category, 'release') ? (
                        <Form
                          method="post"
                          onSubmit={(event) => {
                            if (!window.confirm(t.t('reconciliation.confirmRelease', { number: label }))) event.preventDefault()
                          }}
                        >
                          <input type="hidden" name="category" value={d.category} />
                          <input type="hidden" name="e164" value={r.e164 ?? ''} />
                          <SubmitButton name="action" value="release" tone="plain">
                            {t.t('reconciliation.do.release')}
                            <span className="sr-only"> {label}</span>
                          </SubmitButton>
                        </Form>
                      ) : null}
                      {r.flagged ? (
                        <Badge tone="info">{t.t('reconciliation.flagged')}</Badge>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="category" value={d.category} />
                          <input type="hidden" name="e164" value={r.e164 ?? ''} />
                          <input type="hidden" name="serviceRef" value={r.e164 ? '' : (r.serviceRef ?? '')} />
                          <SubmitButton name="action" value="flag" tone="plain">
                            {t.t('reconciliation.do.flag')}
                            <span className="sr-only"> {label}</span>
                          </SubmitButton>
                        </Form>
                      )}
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <Pager total={d.counts[d.category]} page={d.page} pageSize={d.pageSize} />
    </>
  )
}
