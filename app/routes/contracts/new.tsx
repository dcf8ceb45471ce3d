import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ContractForm } from '#app/components/contract-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { createContract, getContractForm } from '#app/services/contracts.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/new'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getContractForm({ db: await getDb(), actor, buildingId: params.buildingId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await createContract({ db: await getDb(), actor, buildingId: params.buildingId, input: formObject(formData) })
    return redirect(href('/buildings/:buildingId', { buildingId: params.buildingId }))
  })
}

export default function NewContract() {
  const { building, carrierNames, tenants, contacts } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const overview = href('/buildings/:buildingId', { buildingId: building.id })
  return (
    <div className="max-w-3xl">
      <PageHeader title={t.t('contracts.newTitle')} crumbs={[{ to: overview, label: building.name }]} />
      <ContractForm failure={failure} contract={null} carrierNames={carrierNames} tenants={tenants} contacts={contacts} cancelTo={overview} />
    </div>
  )
}
