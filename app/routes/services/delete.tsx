import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { BuildingDeletePage } from '#app/components/contract-delete.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { getServiceDeletion, removeService } from '#app/services/services.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/delete'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getServiceDeletion({ db: await getDb(), actor, buildingId: params.buildingId, serviceId: params.serviceId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await removeService({ db: await getDb(), actor, buildingId: params.buildingId, serviceId: params.serviceId })
    return redirect(href('/buildings/:buildingId', { buildingId: params.buildingId }))
  })
}

export default function DeleteService() {
  const { building, service, numberCount } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <BuildingDeletePage
      building={building}
      what={t.t('services.deleteWhat', { ref: service.carrierRef })}
      summary={t.t('services.deleteSummary', {
        kind: t.t(`kind.${service.kind}`),
        ref: service.carrierRef,
        carrier: service.carrierName,
        number: service.contractNumber,
      })}
      blocker={numberCount > 0 ? t.t('service.hasNumbers', { count: numberCount }) : null}
      failure={failure}
    />
  )
}
