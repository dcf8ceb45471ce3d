import { Form, href, redirect, useActionData, useLoaderData } from 'react-router'
import { FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { Card, LinkButton, PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getTenantDeletionImpact, removeTenant } from '#app/services/tenants.server.ts'
import type { Route } from './+types/delete'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('tenant.delete'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getTenantDeletionImpact({ db: await getDb(), actor, buildingId: params.buildingId, tenantId: params.tenantId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await removeTenant({ db: await getDb(), actor, buildingId: params.buildingId, tenantId: params.tenantId })
    return redirect(href('/buildings/:buildingId/tenants', { buildingId: params.buildingId }))
  })
}

export default function DeleteTenant() {
  const impact = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const { building, tenant } = impact
  const detail = href('/buildings/:buildingId/tenants/:tenantId', { buildingId: building.id, tenantId: tenant.id })
  const blocked = impact.blockers.length > 0
  return (
    <div className="max-w-2xl">
      <PageHeader
        title={t.t('confirm.deleteTitle', { what: tenant.legalName })}
        crumbs={[
          { to: href('/buildings/:buildingId/tenants', { buildingId: building.id }), label: t.t('tenants.title') },
          { to: detail, label: tenant.legalName },
        ]}
      />
      <Card>
        <div className="space-y-3 text-sm">
          <FormErrors failure={failure} />
          {blocked ? (
            <div role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
              <p className="font-medium">{t.t('tenant.deleteBlocked')}</p>
              <ul className="mt-1 list-inside list-disc space-y-0.5">
                {impact.blockers.map((b) => (
                  <li key={b.key}>{t.t(b.key, b.params)}</li>
                ))}
              </ul>
              <ul className="mt-2 space-y-0.5 text-amber-800">
                {impact.numbers > 0 ? <li>{t.t('tenant.deleteHeldNumbers', { count: impact.numbers })}</li> : null}
                {impact.heldContracts.map((c) => (
                  <li key={c.id}>{t.t('tenant.deleteHeldContract', { contract: c.contractNumber, carrier: c.carrierName })}</li>
                ))}
                {impact.dedicatedServices.map((s) => (
                  <li key={s.id}>{t.t('tenant.deleteDedicatedService', { service: `${t.t(`kind.${s.kind}`)} ${s.carrierRef}` })}</li>
                ))}
                {impact.contractsSignedByContacts.map((c) => (
                  <li key={c.id}>{t.t('tenant.deleteSignedContract', { contact: c.contactName, contract: c.contractNumber })}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p>{t.t('tenant.deleteTakesAlong', { contacts: impact.contacts, users: impact.userAccounts })}</p>
              <p>{t.t('confirm.deleteBody')}</p>
            </>
          )}
          <Form method="post" className="flex gap-2">
            {blocked ? null : <SubmitButton tone="danger">{t.t('action.confirmDelete')}</SubmitButton>}
            <LinkButton to={detail}>{blocked ? t.t('action.back') : t.t('action.cancel')}</LinkButton>
          </Form>
        </div>
      </Card>
    </div>
  )
}
