import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ServiceForm } from '#app/components/contract-service-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { LinkButton, PageHeader } from '#app/components/ui.tsx'
import { editService, getServiceForm } from '#app/services/services.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/edit'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => {
    const form = await getServiceForm({ db: await getDb(), actor, buildingId: params.buildingId, serviceId: params.serviceId })
    return { ...form, service: form.service! }
  })
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await editService({ db: await getDb(), actor, buildingId: params.buildingId, serviceId: params.serviceId, input: formObject(formData) })
    return redirect(href('/buildings/:buildingId', { buildingId: params.buildingId }))
  })
}

export default function EditService() {
  const { building, service, contracts, tenants, numbers } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const overview = href('/buildings/:buildingId', { buildingId: building.id })
  return (
    <div className="max-w-3xl">
      <PageHeader
        title={t.t('services.editTitle', { ref: service.carrierRef })}
        subtitle={`${t.t(`kind.${service.kind}`)} · ${service.carrierName} · ${service.contractNumber}`}
        crumbs={[{ to: overview, label: building.name }]}
        actions={
          <LinkButton tone="danger" to={href('/buildings/:buildingId/services/:serviceId/delete', { buildingId: building.id, serviceId: service.id })}>
            {t.t('services.delete')}
          </LinkButton>
        }
      />
      <ServiceForm failure={failure} service={service} contracts={contracts} tenants={tenants} numbers={numbers} cancelTo={overview} />
    </div>
  )
}
