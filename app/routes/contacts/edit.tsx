import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ContactForm } from '#app/components/contact-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { editContact, getContact } from '#app/services/contacts.server.ts'
import type { Route } from './+types/edit'

export const meta: Route.MetaFunction = ({ matches, data }) =>
  pageTitle(matches, (t) => (data ? `${t.t('contact.edit')} · ${data.contact.name}` : t.t('contact.edit')))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getContact({ db: await getDb(), actor, buildingId: params.buildingId, contactId: params.contactId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const contact = await editContact({ db: await getDb(), actor, buildingId: params.buildingId, contactId: params.contactId, input: formObject(formData) })
    return redirect(
      contact.tenantId
        ? href('/buildings/:buildingId/tenants/:tenantId', { buildingId: params.buildingId, tenantId: contact.tenantId })
        : href('/buildings/:buildingId/tenants', { buildingId: params.buildingId }),
    )
  })
}

export default function EditContact() {
  const { building, contact, tenant } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const back = tenant
    ? href('/buildings/:buildingId/tenants/:tenantId', { buildingId: building.id, tenantId: tenant.id })
    : href('/buildings/:buildingId/tenants', { buildingId: building.id })
  return (
    <div>
      <PageHeader
        title={t.t('contact.edit')}
        subtitle={tenant ? t.t('contact.ofTenant', { tenant: tenant.legalName }) : t.t('contact.ofBuilding')}
        crumbs={[
          { to: href('/buildings/:buildingId/tenants', { buildingId: building.id }), label: t.t('tenants.title') },
          ...(tenant ? [{ to: back, label: tenant.legalName }] : []),
        ]}
      />
      <ContactForm failure={failure} defaults={contact} submitLabel={t.t('action.save')} cancelTo={back} />
    </div>
  )
}
