import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ServiceForm } from '#app/components/contract-service-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { EmptyState, LinkButton, PageHeader } from '#app/components/ui.tsx'
import { createService, getServiceForm } from '#app/services/services.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/new'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getServiceForm({ db: await getDb(), actor, buildingId: params.buildingId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await createService({ db: await getDb(), actor, buildingId: params.buildingId, input: formObject(formData) })
    return redirect(href('/buildings/:buildingId', { buildingId: params.buildingId }))
  })
}

export default function NewService() {
  const { building, contracts, tenants, numbers } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const overview = href('/buildings/:buildingId', { buildingId: building.id })
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t.t('services.newTitle')} crumbs={[{ to: overview, label: building.name }]} />
      {contracts.length === 0 ? (
        <>
          <EmptyState>{t.t('service.noContracts')}</EmptyState>
          <LinkButton tone="primary" to={href('/buildings/:buildingId/contracts/new', { buildingId: building.id })}>
            {t.t('overview.addContract')}
          </LinkButton>
        </>
      ) : (
        <ServiceForm failure={failure} service={null} contracts={contracts} tenants={tenants} numbers={numbers} cancelTo={overview} />
      )}
    </div>
  )
}
