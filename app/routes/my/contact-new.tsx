import { href, redirect, useActionData } from 'react-router'
import { ContactForm } from '#app/components/contact-form.tsx'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { createMyContact, listMyContacts } from '#app/services/my.server.ts'
import type { Route } from './+types/contact-new'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('my.newContact'))

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => {
    const { company } = await listMyContacts({ db: await getDb(), actor })
    return { company }
  })
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    await createMyContact({ db: await getDb(), actor, input: formObject(formData) })
    return redirect(href('/my/contacts'))
  })
}

export default function MyContactNew() {
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <div>
      <PageHeader title={t.t('my.newContact')} crumbs={[{ to: href('/my/contacts'), label: t.t('my.contacts') }]} />
      <ContactForm failure={failure} submitLabel={t.t('action.save')} cancelTo={href('/my/contacts')} />
    </div>
  )
}
