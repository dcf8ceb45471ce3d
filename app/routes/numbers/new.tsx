import { Form, href, redirect, useActionData, useLoaderData } from 'react-router'
import { Field, FormErrors, isFormFailure, SubmitButton, valueOf } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { EmptyState, LinkButton, PageHeader } from '#app/components/ui.tsx'
import { numberUses } from '#app/domain/enums.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { addNumberBlock, getNumberFormChoices } from '#app/services/numbers.server.ts'
import type { Route } from './+types/new'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getNumberFormChoices({ db: await getDb(), actor, buildingId: params.buildingId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const added = await addNumberBlock({ db: await getDb(), actor, buildingId: params.buildingId, input: formObject(formData) })
    const list = href('/buildings/:buildingId/numbers', { buildingId: params.buildingId })
    return redirect(`${list}?${new URLSearchParams({ service: added.serviceId, added: String(added.count) }).toString()}`)
  })
}

export default function NewNumbers() {
  const { building, services, tenants } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const listHref = href('/buildings/:buildingId/numbers', { buildingId: building.id })
  return (
    <div className="max-w-xl">
      <PageHeader
        title={t.t('numbers.addTitle')}
        subtitle={t.t('numbers.addIntro')}
        crumbs={[
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
          { to: listHref, label: t.t('numbers.title') },
        ]}
      />
      {services.length === 0 ? (
        <EmptyState>{t.t('numbers.noVoiceServices')}</EmptyState>
      ) : (
        <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <FormErrors failure={failure} />
          <Field label={t.t('numbers.service')} name="serviceId" failure={failure} required>
            {(p) => (
              <select {...p} required defaultValue={valueOf(failure, 'serviceId', services.length === 1 ? services[0]?.id : '')}>
                <option value="">{t.t('numbers.chooseService')}</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.carrierRef} · {t.t(`kind.${s.kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t.t('numbers.range')} name="range" failure={failure} hint={t.t('numbers.rangeHint')} inputMode="tel" autoComplete="off" required />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t.t('numbers.billed')} name="billed" failure={failure}>
              {(p) => (
                <select {...p} defaultValue={valueOf(failure, 'billed', 'yes')}>
                  <option value="yes">{t.t('yes')}</option>
                  <option value="no">{t.t('no')}</option>
                </select>
              )}
            </Field>
            <Field label={t.t('numbers.use')} name="use" failure={failure}>
              {(p) => (
                <select {...p} defaultValue={valueOf(failure, 'use', 'tenant')}>
                  {numberUses.map((u) => (
                    <option key={u} value={u}>
                      {t.t(`numbers.use.${u}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label={t.t('numbers.allocateTo')} name="tenantId" failure={failure}>
            {(p) => (
              <select {...p} defaultValue={valueOf(failure, 'tenantId', '')}>
                <option value="">{t.t('numbers.nobody')}</option>
                {tenants.map((tenant) => (
                  <option key={tenant.id} value={tenant.id}>
                    {tenant.legalName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="flex gap-2">
            <SubmitButton>{t.t('numbers.add')}</SubmitButton>
            <LinkButton to={listHref}>{t.t('action.cancel')}</LinkButton>
          </div>
        </Form>
      )}
    </div>
  )
}
