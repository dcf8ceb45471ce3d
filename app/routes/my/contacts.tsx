import { href, useLoaderData } from 'react-router'
import { ContactTable } from '#app/components/contact-list.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { LinkButton, PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { listMyContacts } from '#app/services/my.server.ts'
import type { Route } from './+types/contacts'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('my.contacts'))

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => listMyContacts({ db: await getDb(), actor }))
}

export default function MyContacts() {
  const { company, contacts } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="space-y-4">
      <PageHeader
        title={t.t('my.contacts')}
        subtitle={company.legalName}
        crumbs={[{ to: href('/my'), label: t.t('my.title') }]}
        actions={
          <LinkButton tone="primary" to={href('/my/contacts/new')}>
            {t.t('my.newContact')}
          </LinkButton>
        }
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <ContactTable
          contacts={contacts}
          empty={t.t('my.contactsEmpty')}
          caption={t.t('my.contacts')}
          hrefs={(c) => ({
            edit: href('/my/contacts/:contactId/edit', { contactId: c.id }),
            delete: href('/my/contacts/:contactId/delete', { contactId: c.id }),
          })}
        />
      </div>
    </div>
  )
}
