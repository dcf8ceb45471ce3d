import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { TenantForm } from '#app/components/tenant-form.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { editTenant, getTenant } from '#app/services/tenants.server.ts'
import type { Route } from './+types/edit'

export const meta: Route.MetaFunction = ({ matches, data }) =>
  pageTitle(matches, (t) => (data ? `${t.t('tenant.edit')} · ${data.tenant.legalName}` : t.t('tenant.edit')))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getTenant({ db: await getDb(), actor, buildingId: params.buildingId, tenantId: params.tenantId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const tenant = await editTenant({ db: await getDb(), actor, buildingId: params.buildingId, tenantId: params.tenantId, input: formObject(formData) })
    return redirect(href('/buildings/:buildingId/tenants/:tenantId', { buildingId: params.buildingId, tenantId: tenant.id }))
  })
}

export default function EditTenant() {
  const { building, tenant } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const detail = href('/buildings/:buildingId/tenants/:tenantId', { buildingId: building.id, tenantId: tenant.id })
  return (
    <div>
      <PageHeader
        title={t.t('tenant.edit')}
        subtitle={tenant.legalName}
        crumbs={[
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
          { to: href('/buildings/:buildingId/tenants', { buildingId: building.id }), label: t.t('tenants.title') },
          { to: detail, label: tenant.legalName },
        ]}
      />
      <TenantForm failure={failure} defaults={tenant} submitLabel={t.t('action.save')} cancelTo={detail} />
    </div>
  )
}
