import { useLoaderData } from 'react-router'
import { MyRequestLists } from '#app/components/request-wizard.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUserWith } from '#app/server/session.server.ts'
import { listMyRequests } from '#app/services/request-views.server.ts'
import type { Route } from './+types/requests'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('wizard.list.title'))

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUserWith(request, 'tenant:view-own')
  return guarded(async () => ({ items: await listMyRequests({ db: await getDb(), actor }) }))
}

export default function MyRequests() {
  const { items } = useLoaderData<typeof loader>()
  return <MyRequestLists items={items} />
}
