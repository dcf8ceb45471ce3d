import type { ComponentProps } from 'react'
import { data, Form, useActionData, useLoaderData } from 'react-router'
import { Field, FormErrors, isFormFailure, SubmitButton, inputClass } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { ShareTable } from '#app/components/share-table.tsx'
import { Badge, Card, PageHeader } from '#app/components/ui.tsx'
import { listShares, shareBuilding, unshareBuilding } from '#app/services/buildings.server.ts'
import { requireUuid } from '#app/services/scope.server.ts'
import { setShareProspect } from '#app/services/shares.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/shares'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => {
    const { building, shares, tenants } = await listShares({ db: await getDb(), actor, buildingId: params.buildingId })
    return { building: { id: building.id, name: building.name }, tenants, shares: shares.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })) }
  })
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const db = await getDb()
    const userId = String(formData.get('userId') ?? '')
    if (formData.get('intent') === 'revoke') {
      await unshareBuilding({ db, actor, buildingId: params.buildingId, userId: requireUuid(userId, 'user') })
    } else if (formData.get('intent') === 'prospect') {
      await setShareProspect({ db, actor, buildingId: params.buildingId, userId, input: formObject(formData) })
    } else {
      await shareBuilding({ db, actor, buildingId: params.buildingId, input: formObject(formData) })
    }
    return data({ ok: true as const })
  })
}

export default function Shares() {
  const { building, shares, tenants } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <>
      <PageHeader title={t.t('shares.title')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }, { to: `/buildings/${building.id}`, label: building.name }]} />
      <div className="grid max-w-5xl gap-5">
        <p className="text-sm text-slate-700">{t.t('prospect.body')}</p>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <div className="grow">
            <Field label={t.t('shares.email')} name="email" type="email" required failure={failure} />
          </div>
          <Field label={t.t('prospect.label')} name="prospectTenantId" failure={failure}>
            {(p) => <ProspectSelect {...p} tenants={tenants} value="" />}
          </Field>
          <SubmitButton intent="share">{t.t('shares.add')}</SubmitButton>
        </Form>
        <FormErrors failure={failure && !failure.errors.email ? failure : undefined} />
        <Card>
          <ShareTable
            shares={shares}
            empty={t.t('shares.empty')}
            removeIntent="revoke"
            removeLabel={t.t('shares.revoke')}
            extra={{
              header: t.t('prospect.label'),
              cell: (s) => (
                <Form method="post" className="flex items-center gap-2" aria-label={t.t('prospect.of', { email: s.email })}>
                  <input type="hidden" name="userId" value={s.userId} />
                  <ProspectSelect tenants={tenants} value={s.prospectTenantId ?? ''} name="prospectTenantId" aria-label={t.t('prospect.of', { email: s.email })} className={`${inputClass} w-64`} />
                  <SubmitButton intent="prospect" tone="plain">{t.t('action.save')}</SubmitButton>
                  {s.prospectName ? null : <Badge>{t.t('prospect.countsOnly')}</Badge>}
                </Form>
              ),
            }}
          />
        </Card>
      </div>
    </>
  )
}

/** The building's tenants, or none: counts only. */
function ProspectSelect({ tenants, value, ...props }: { tenants: { id: string; legalName: string }[]; value: string } & Omit<ComponentProps<'select'>, 'value' | 'defaultValue'>) {
  const t = useT()
  return (
    <select {...props} defaultValue={value}>
      <option value="">{t.t('prospect.none')}</option>
      {tenants.map((x) => (
        <option key={x.id} value={x.id}>
          {x.legalName}
        </option>
      ))}
    </select>
  )
}
