import { Form, href, Link, useActionData, useLoaderData } from 'react-router'
import { Field, FormErrors, isFormFailure, SubmitButton, valueOf } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { BilledBadge, NumberStatusBadge, NumberUseBadge } from '#app/components/number-badges.tsx'
import { Badge, Card, EmptyState, PageHeader, tableClass } from '#app/components/ui.tsx'
import { numberStatuses, numberUses } from '#app/domain/enums.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getNumberDetails, updateNumberDetails } from '#app/services/numbers.server.ts'
import type { Route } from './+types/detail'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getNumberDetails({ db: await getDb(), actor, buildingId: params.buildingId, numberId: params.numberId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => ({
    ok: true as const,
    ...(await updateNumberDetails({ db: await getDb(), actor, buildingId: params.buildingId, numberId: params.numberId, input: formObject(formData) })),
  }))
}

export default function NumberDetail() {
  const { building, number, history } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const done = result && !isFormFailure(result) ? result : undefined
  const t = useT()
  const tenantHref = (tenantId: string) => href('/buildings/:buildingId/tenants/:tenantId', { buildingId: building.id, tenantId })
  return (
    <div className="space-y-4">
      <PageHeader
        title={t.t('numbers.detailTitle', { number: t.phone(number.e164) })}
        subtitle={number.e164}
        crumbs={[
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
          { to: href('/buildings/:buildingId/numbers', { buildingId: building.id }), label: t.t('numbers.title') },
        ]}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">{t.t('numbers.service')}</dt>
            <dd>
              {number.serviceCarrierRef} <span className="text-slate-600">· {t.t(`kind.${number.serviceKind}`)}</span>
            </dd>
            <dt className="text-slate-600">{t.t('numbers.holder')}</dt>
            <dd>
              {number.tenantId ? (
                <Link to={tenantHref(number.tenantId)} className="text-sky-800 hover:underline">
                  {number.tenantName}
                </Link>
              ) : (
                <Badge tone="warn">{t.t('numbers.unallocated')}</Badge>
              )}
            </dd>
            <dt className="text-slate-600">{t.t('numbers.status')}</dt>
            <dd>
              <NumberStatusBadge status={number.status} />
            </dd>
            <dt className="text-slate-600">{t.t('numbers.billed')}</dt>
            <dd>
              <BilledBadge billed={number.billed} />
            </dd>
            <dt className="text-slate-600">{t.t('numbers.use')}</dt>
            <dd>
              <NumberUseBadge use={number.use} />
            </dd>
            <dt className="text-slate-600">{t.t('numbers.addedOn')}</dt>
            <dd>{t.dateTime(number.createdAt)}</dd>
          </dl>
        </Card>
        <Card title={t.t('numbers.attributes')}>
          <Form method="post" className="space-y-3">
            {done ? (
              <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
                {done.changed ? t.t('form.saved') : t.t('numbers.unchanged')}
              </p>
            ) : null}
            <FormErrors failure={failure} />
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label={t.t('numbers.billed')} name="billed" failure={failure}>
                {(p) => (
                  <select {...p} defaultValue={valueOf(failure, 'billed', number.billed ? 'yes' : 'no')}>
                    <option value="yes">{t.t('yes')}</option>
                    <option value="no">{t.t('no')}</option>
                  </select>
                )}
              </Field>
              <Field label={t.t('numbers.use')} name="use" failure={failure}>
                {(p) => (
                  <select {...p} defaultValue={valueOf(failure, 'use', number.use)}>
                    {numberUses.map((u) => (
                      <option key={u} value={u}>
                        {t.t(`numbers.use.${u}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t.t('numbers.status')} name="status" failure={failure}>
                {(p) => (
                  <select {...p} defaultValue={valueOf(failure, 'status', number.status)}>
                    {numberStatuses.map((s) => (
                      <option key={s} value={s}>
                        {t.t(`numbers.status.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <SubmitButton>{t.t('action.save')}</SubmitButton>
          </Form>
        </Card>
      </div>
      <Card title={t.t('numbers.history')}>
        {history.length === 0 ? (
          <EmptyState>{t.t('numbers.noHistory')}</EmptyState>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">{t.t('numbers.bulkTenant')}</th>
                <th scope="col">{t.t('numbers.heldFrom')}</th>
                <th scope="col">{t.t('numbers.heldUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>
                    <Link to={tenantHref(h.tenantId)} className="text-sky-800 hover:underline">
                      {h.tenantName}
                    </Link>
                  </td>
                  <td className="tabular-nums">{t.dateTime(h.validFrom)}</td>
                  <td className="tabular-nums">{h.validTo ? t.dateTime(h.validTo) : <Badge tone="info">{t.t('numbers.stillHeld')}</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  )
}
