import { FileUp, Plus, Upload } from 'lucide-react'
import { Link, redirect, useLoaderData } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { Badge, EmptyState, LinkButton, PageHeader, tableClass } from '#app/components/ui.tsx'
import { listPortfolio } from '#app/services/buildings.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/index'

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  if (actor.role === 'tenant') throw redirect('/my')
  return guarded(async () => ({ role: actor.role, buildings: await listPortfolio({ db: await getDb(), actor }) }))
}

export default function Portfolio() {
  const { role, buildings } = useLoaderData<typeof loader>()
  const t = useT()
  const manager = role === 'facility_manager'
  return (
    <>
      <PageHeader
        title={manager ? t.t('buildings.title') : t.t('buildings.sharedTitle')}
        actions={
          <>
            {manager ? <LinkButton to="/buildings/new" tone="primary"><Plus size={16} aria-hidden="true" />{t.t('buildings.new')}</LinkButton> : null}
            {manager ? <LinkButton to="/buildings/import"><Upload size={16} aria-hidden="true" />{t.t('buildings.import')}</LinkButton> : null}
            <LinkButton to="/impact/preview"><FileUp size={16} aria-hidden="true" />{t.t('impact.nav.preview')}</LinkButton>
          </>
        }
      />
      {buildings.length === 0 ? (
        <EmptyState>{manager ? t.t('buildings.empty') : t.t('buildings.emptyShared')}</EmptyState>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{t.t('building.name')}</th>
              <th scope="col">{t.t('building.city')}</th>
              <th scope="col" className="text-right">{t.t('building.tenants')}</th>
              <th scope="col" className="text-right">{t.t('building.numbers')}</th>
              {manager ? <th scope="col" className="text-right">{t.t('building.unallocated')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {buildings.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link to={`/buildings/${b.id}`} className="font-medium text-sky-800 hover:underline">
                    {b.name}
                  </Link>
                  <div className="text-xs text-slate-600">{b.street}, {b.postcode}</div>
                </td>
                <td>{b.city}</td>
                <td className="text-right tabular-nums">{t.count(b.tenants)}</td>
                <td className="text-right tabular-nums">{t.count(b.numbers)}</td>
                {manager ? (
                  <td className="text-right">{b.unallocated ? <Badge tone="warn">{t.count(b.unallocated)}</Badge> : t.count(0)}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
