import { href, useLoaderData } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { Badge, EmptyState, PageHeader, Pager, tableClass } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { listMyNumbers } from '#app/services/my.server.ts'
import { pageFromUrl } from '#app/services/pagination.ts'
import type { Route } from './+types/numbers'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('my.numbers'))

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const page = pageFromUrl(new URL(request.url))
  return guarded(async () => listMyNumbers({ db: await getDb(), actor, page }))
}

const statusTone = { active: 'ok', porting_out: 'warn', ported_out: 'neutral', disconnected: 'neutral' } as const

export default function MyNumbers() {
  const { company, numbers, total, page, pageSize } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="space-y-4">
      <PageHeader title={t.t('my.numbers')} subtitle={company.legalName} crumbs={[{ to: href('/my'), label: t.t('my.title') }]} />
      {numbers.length === 0 ? (
        <EmptyState>{t.t('my.numbersEmpty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass}>
            <caption className="sr-only">{t.t('my.numbers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('my.number')}</th>
                <th scope="col">{t.t('service.kind')}</th>
                <th scope="col">{t.t('service.carrierRef')}</th>
                <th scope="col">{t.t('my.status')}</th>
              </tr>
            </thead>
            <tbody>
              {numbers.map((n) => (
                <tr key={n.id}>
                  <td className="tabular-nums whitespace-nowrap">{t.phone(n.e164)}</td>
                  <td>{t.t(`kind.${n.serviceKind}`)}</td>
                  <td>{n.carrierRef}</td>
                  <td>
                    <Badge tone={statusTone[n.status]}>{t.t(`my.status.${n.status}`)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager total={total} page={page} pageSize={pageSize} />
    </div>
  )
}
