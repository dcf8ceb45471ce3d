import { redirect, useActionData, useLoaderData } from 'react-router'
import { ConfirmDelete } from '#app/components/confirm-delete.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { getBuildingDeletionImpact, removeBuilding } from '#app/services/buildings.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/delete'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getBuildingDeletionImpact({ db: await getDb(), actor, buildingId: params.buildingId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await removeBuilding({ db: await getDb(), actor, buildingId: params.buildingId })
    return redirect('/buildings')
  })
}

export default function DeleteBuilding() {
  const impact = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  return (
    <ConfirmDelete what={impact.building.name} cancelTo={`/buildings/${impact.building.id}`} failure={isFormFailure(result) ? result : undefined}>
      <p className="text-sm">{t.t('building.deleteSummary', { contracts: impact.contracts, tenants: impact.tenants, numbers: impact.numbers })}</p>
    </ConfirmDelete>
  )
}
