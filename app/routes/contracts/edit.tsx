import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ContractForm, ContractTimelineSummary } from '#app/components/contract-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { LinkButton, PageHeader } from '#app/components/ui.tsx'
import { editContract, getContractForm } from '#app/services/contracts.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/edit'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => {
    const form = await getContractForm({ db: await getDb(), actor, buildingId: params.buildingId, contractId: params.contractId })
    return { ...form, contract: form.contract! }
  })
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await editContract({ db: await getDb(), actor, buildingId: params.buildingId, contractId: params.contractId, input: formObject(formData) })
    return redirect(href('/buildings/:buildingId', { buildingId: params.buildingId }))
  })
}

export default function EditContract() {
  const { building, contract, timeline, carrierNames, tenants, contacts } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const overview = href('/buildings/:buildingId', { buildingId: building.id })
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title={t.t('contracts.editTitle', { number: contract.contractNumber })}
        subtitle={contract.carrierName}
        crumbs={[{ to: overview, label: building.name }]}
        actions={
          <LinkButton tone="danger" to={href('/buildings/:buildingId/contracts/:contractId/delete', { buildingId: building.id, contractId: contract.id })}>
            {t.t('contracts.delete')}
          </LinkButton>
        }
      />
      {timeline ? <ContractTimelineSummary timeline={timeline} /> : null}
      <ContractForm failure={failure} contract={contract} carrierNames={carrierNames} tenants={tenants} contacts={contacts} cancelTo={overview} />
    </div>
  )
}
