import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ContactForm } from '#app/components/contact-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { editMyContact, getMyContact } from '#app/services/my.server.ts'
import type { Route } from './+types/contact-edit'

export const meta: Route.MetaFunction = ({ matches, data }) =>
  pageTitle(matches, (t) => (data ? `${t.t('contact.edit')} · ${data.contact.name}` : t.t('contact.edit')))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getMyContact({ db: await getDb(), actor, contactId: params.contactId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await editMyContact({ db: await getDb(), actor, contactId: params.contactId, input: formObject(formData) })
    return redirect(href('/my/contacts'))
  })
}

export default function MyContactEdit() {
  const { company, contact } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <div>
      <PageHeader title={t.t('contact.edit')} subtitle={company.legalName} crumbs={[{ to: href('/my/contacts'), label: t.t('my.contacts') }]} />
      <ContactForm failure={failure} defaults={contact} submitLabel={t.t('action.save')} cancelTo={href('/my/contacts')} />
    </div>
  )
}
