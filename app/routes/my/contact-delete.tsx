import { href, redirect, useActionData, useLoaderData } from 'react-router'
import { ContactDeleteConfirmation } from '#app/components/contact-delete.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getMyContactDeletionImpact, removeMyContact } from '#app/services/my.server.ts'
import type { Route } from './+types/contact-delete'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('contact.delete'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getMyContactDeletionImpact({ db: await getDb(), actor, contactId: params.contactId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await removeMyContact({ db: await getDb(), actor, contactId: params.contactId })
    return redirect(href('/my/contacts'))
  })
}

export default function MyContactDelete() {
  const { company, contact, signedContracts } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <div className="max-w-2xl">
      <PageHeader
        title={t.t('confirm.deleteTitle', { what: contact.name })}
        subtitle={company.legalName}
        crumbs={[{ to: href('/my/contacts'), label: t.t('my.contacts') }]}
      />
      <ContactDeleteConfirmation contact={contact} signedContracts={signedContracts} failure={failure} cancelTo={href('/my/contacts')} />
    </div>
  )
}
