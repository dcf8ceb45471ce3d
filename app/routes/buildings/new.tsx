import { redirect, useActionData } from 'react-router'
import { BuildingForm } from '#app/components/building-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { createBuilding } from '#app/services/buildings.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject } from '#app/server/http.server.ts'
import { requireUserWith } from '#app/server/session.server.ts'
import type { Route } from './+types/new'

export async function loader({ request }: Route.LoaderArgs) {
  await requireUserWith(request, 'building:create')
  return null
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUserWith(request, 'building:create')
  const formData = await request.formData()
  return formAction(formData, async () => {
    const building = await createBuilding({ db: await getDb(), actor, input: formObject(formData) })
    return redirect(`/buildings/${building.id}`)
  })
}

export default function NewBuilding() {
  const result = useActionData<typeof action>()
  const t = useT()
  return (
    <>
      <PageHeader title={t.t('buildings.new')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }]} />
      <BuildingForm failure={isFormFailure(result) ? result : undefined} cancelTo="/buildings" />
    </>
  )
}
