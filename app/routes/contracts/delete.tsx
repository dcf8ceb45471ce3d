import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { BuildingDeletePage } from '#app/components/contract-delete.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { getContractDeletion, removeContract } from '#app/services/contracts.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/delete'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getContractDeletion({ db: await getDb(), actor, buildingId: params.buildingId, contractId: params.contractId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await removeContract({ db: await getDb(), actor, buildingId: params.buildingId, contractId: params.contractId })
    return redirect(href('/buildings/:buildingId', { buildingId: params.buildingId }))
  })
}

export default function DeleteContract() {
  const { building, contract, serviceCount } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <BuildingDeletePage
      building={building}
      what={t.t('contracts.deleteWhat', { number: contract.contractNumber })}
      summary={t.t('contracts.deleteSummary', {
        carrier: contract.carrierName,
        number: contract.contractNumber,
        start: t.date(contract.startDate),
        fee: t.money(contract.monthlyFeeCents),
      })}
      blocker={serviceCount > 0 ? t.t('contract.hasServices', { count: serviceCount }) : null}
      failure={failure}
    />
  )
}
