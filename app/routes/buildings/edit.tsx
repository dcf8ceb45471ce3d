import { redirect, useActionData, useLoaderData } from 'react-router'
import { BuildingForm } from '#app/components/building-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { editBuilding } from '#app/services/buildings.server.ts'
import { requireManagedBuilding } from '#app/services/scope.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/edit'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => (await requireManagedBuilding(await getDb(), actor, params.buildingId)).building)
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await editBuilding({ db: await getDb(), actor, buildingId: params.buildingId, input: formObject(formData) })
    return redirect(`/buildings/${params.buildingId}`)
  })
}

export default function EditBuilding() {
  const building = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  return (
    <>
      <PageHeader title={t.t('building.edit')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }, { to: `/buildings/${building.id}`, label: building.name }]} />
      <BuildingForm values={building} failure={isFormFailure(result) ? result : undefined} cancelTo={`/buildings/${building.id}`} />
    </>
  )
}
