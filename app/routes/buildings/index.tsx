import { FileUp, Plus, Upload } from 'lucide-react'
import { Link, redirect, useLoaderData } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { Badge, Card, EmptyState, LinkButton, PageHeader, tableClass } from '#app/components/ui.tsx'
import { noticeHorizonDays, staleDraftDays } from '#app/domain/deadlines.ts'
import { listPortfolio } from '#app/services/buildings.server.ts'
import { listDeadlines } from '#app/services/deadlines.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/index'

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  if (actor.role === 'tenant') throw redirect('/my')
  return guarded(async () => {
    const db = await getDb()
    const [buildings, deadlines] = await Promise.all([
      listPortfolio({ db, actor }),
      actor.role === 'facility_manager' ? listDeadlines({ db, actor, today: todayInNetherlands() }) : null,
    ])
    return { role: actor.role, buildings, deadlines }
  })
}

export default function Portfolio() {
  const { role, buildings, deadlines } = useLoaderData<typeof loader>()
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
      {deadlines ? <Deadlines deadlines={deadlines} /> : null}
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

type Deadline = NonNullable<Awaited<ReturnType<typeof loader>>['deadlines']>[number]

/** What needs the facility manager's attention across the managed buildings, soonest first. */
function Deadlines({ deadlines }: { deadlines: Deadline[] }) {
  const t = useT()
  const when = (days: number) =>
    days === 0 ? t.t('schedule.deadlines.today') : days === 1 ? t.t('schedule.deadlines.tomorrow') : days > 1 ? t.t('schedule.deadlines.inDays', { days }) : t.t('schedule.deadlines.daysAgo', { days: -days })
  return (
    <div className="mb-6">
      <Card title={t.t('schedule.deadlines.title')}>
        <p className="mb-3 text-sm text-slate-600">{t.t('schedule.deadlines.intro', { days: noticeHorizonDays, stale: staleDraftDays })}</p>
        {deadlines.length === 0 ? (
          <EmptyState>{t.t('schedule.deadlines.empty', { days: noticeHorizonDays })}</EmptyState>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">{t.t('schedule.deadlines.date')}</th>
                <th scope="col">{t.t('schedule.deadlines.what')}</th>
                <th scope="col">{t.t('schedule.deadlines.building')}</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((d) => (
                <tr key={`${d.kind}:${d.path}`}>
                  <td className="whitespace-nowrap tabular-nums">
                    {t.date(d.date)} <span className="text-xs text-slate-600">({when(d.daysLeft)})</span>
                  </td>
                  <td>
                    <Badge tone={d.kind === 'notice' ? 'warn' : d.kind === 'stale_draft' ? 'neutral' : 'info'}>{t.t(`schedule.kind.${d.kind}`)}</Badge>{' '}
                    <Link to={d.path} className="text-sky-800 hover:underline">
                      {d.title}
                    </Link>
                  </td>
                  <td>
                    <Link to={`/buildings/${d.buildingId}`} className="hover:underline">
                      {d.buildingName}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  )
}
