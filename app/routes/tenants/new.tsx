import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { TenantForm } from '#app/components/tenant-form.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { createTenant, getNewTenantForm } from '#app/services/tenants.server.ts'
import type { Route } from './+types/new'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('tenants.new'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getNewTenantForm({ db: await getDb(), actor, buildingId: params.buildingId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const tenant = await createTenant({ db: await getDb(), actor, buildingId: params.buildingId, input: formObject(formData) })
    return redirect(href('/buildings/:buildingId/tenants/:tenantId', { buildingId: params.buildingId, tenantId: tenant.id }))
  })
}

export default function NewTenant() {
  const { building } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const list = href('/buildings/:buildingId/tenants', { buildingId: building.id })
  return (
    <div>
      <PageHeader
        title={t.t('tenants.new')}
        subtitle={building.name}
        crumbs={[
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
          { to: list, label: t.t('tenants.title') },
        ]}
      />
      <TenantForm failure={failure} submitLabel={t.t('action.save')} cancelTo={list} />
    </div>
  )
}
