import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ContactForm } from '#app/components/contact-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { createContact, getNewContactForm } from '#app/services/contacts.server.ts'
import type { Route } from './+types/new'

export const meta: Route.MetaFunction = ({ matches, data }) =>
  pageTitle(matches, (t) => (data?.tenant ? t.t('contact.newFor', { tenant: data.tenant.legalName }) : t.t('contact.newBuilding')))

/** `?tenant=<id>` adds the contact to that tenant; without it the contact belongs to the building. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const tenantId = new URL(request.url).searchParams.get('tenant')
  return guarded(async () => getNewContactForm({ db: await getDb(), actor, buildingId: params.buildingId, tenantId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  const tenantId = new URL(request.url).searchParams.get('tenant')
  return formAction(formData, async () => {
    const contact = await createContact({ db: await getDb(), actor, buildingId: params.buildingId, tenantId, input: formObject(formData) })
    return redirect(
      contact.tenantId
        ? href('/buildings/:buildingId/tenants/:tenantId', { buildingId: params.buildingId, tenantId: contact.tenantId })
        : href('/buildings/:buildingId/tenants', { buildingId: params.buildingId }),
    )
  })
}

export default function NewContact() {
  const { building, tenant } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const back = tenant
    ? href('/buildings/:buildingId/tenants/:tenantId', { buildingId: building.id, tenantId: tenant.id })
    : href('/buildings/:buildingId/tenants', { buildingId: building.id })
  return (
    <div>
      <PageHeader
        title={tenant ? t.t('contact.newFor', { tenant: tenant.legalName }) : t.t('contact.newBuilding')}
        subtitle={building.name}
        crumbs={[
          { to: href('/buildings/:buildingId/tenants', { buildingId: building.id }), label: t.t('tenants.title') },
          ...(tenant ? [{ to: back, label: tenant.legalName }] : []),
        ]}
      />
      <ContactForm failure={failure} submitLabel={t.t('action.save')} cancelTo={back} />
    </div>
  )
}
