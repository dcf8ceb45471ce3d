import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ContactDeleteConfirmation } from '#app/components/contact-delete.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getContactDeletionImpact, removeContact } from '#app/services/contacts.server.ts'
import type { Route } from './+types/delete'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('contact.delete'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getContactDeletionImpact({ db: await getDb(), actor, buildingId: params.buildingId, contactId: params.contactId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const { tenantId } = await removeContact({ db: await getDb(), actor, buildingId: params.buildingId, contactId: params.contactId })
    return redirect(
      tenantId
        ? href('/buildings/:buildingId/tenants/:tenantId', { buildingId: params.buildingId, tenantId })
        : href('/buildings/:buildingId/tenants', { buildingId: params.buildingId }),
    )
  })
}

export default function DeleteContact() {
  const { building, contact, tenant, signedContracts } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const back = tenant
    ? href('/buildings/:buildingId/tenants/:tenantId', { buildingId: building.id, tenantId: tenant.id })
    : href('/buildings/:buildingId/tenants', { buildingId: building.id })
  return (
    <div className="max-w-2xl">
      <PageHeader
        title={t.t('confirm.deleteTitle', { what: contact.name })}
        subtitle={tenant ? t.t('contact.ofTenant', { tenant: tenant.legalName }) : t.t('contact.ofBuilding')}
      />
      <ContactDeleteConfirmation contact={contact} signedContracts={signedContracts} failure={failure} cancelTo={back} />
    </div>
  )
}
