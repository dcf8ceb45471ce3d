import { CalendarDays, DoorOpen, Download, FileSignature, FileText, ListChecks, Mail, Pencil, Phone, Plus, Radar, Scale, Share2, Trash2, Upload, Users } from 'lucide-react'
import { Link, useLoaderData } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { Badge, Card, EmptyState, LinkButton, PageHeader, Stat, tableClass } from '#app/components/ui.tsx'

import { getBuildingOverview } from '#app/services/buildings.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/overview'

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.building.name} · Sharedline` : 'Sharedline' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const today = todayInNetherlands()
  return guarded(async () => ({ ...(await getBuildingOverview({ db: await getDb(), actor, buildingId: params.buildingId, asOf: today })), today }))
}

export default function BuildingOverview() {
  const data = useLoaderData<typeof loader>()
  return data.view === 'counts' ? <CountsView data={data} /> : <ManageView data={data} />
}

type Data = Awaited<ReturnType<typeof loader>>

function CountsView({ data }: { data: Extract<Data, { view: 'counts' }> }) {
  const t = useT()
  return (
    <>
      <PageHeader title={data.building.name} subtitle={data.building.city} crumbs={[{ to: '/buildings', label: t.t('buildings.sharedTitle') }]} />
      <p className="mb-4 rounded border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">{t.t('overview.countsOnly')}</p>
      <div className="mb-4 flex flex-wrap gap-2">
        <LinkButton to={`/buildings/${data.building.id}/impact`} tone="primary"><Radar size={16} aria-hidden="true" />{t.t('impact.title')}</LinkButton>
        <LinkButton to="/impact/preview">{t.t('impact.nav.preview')}</LinkButton>
      </div>
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label={t.t('building.tenants')} value={t.count(data.tenantCount)} />
        <Stat label={t.t('building.numbers')} value={t.count(data.numberCount)} />
      </div>
      <Card title={t.t('overview.services')}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{t.t('service.kind')}</th>
              <th scope="col" className="text-right">{t.t('service.numberCount')}</th>
            </tr>
          </thead>
          <tbody>
            {data.services.map((s, i) => (
              <tr key={i}>
                <td>{t.t(`kind.${s.kind}`)}</td>
                <td className="text-right tabular-nums">{t.count(s.numberCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  )
}

function ManageView({ data }: { data: Extract<Data, { view: 'manage' }> }) {
  const t = useT()
  const b = data.building
  const base = `/buildings/${b.id}`
  const maxCount = Math.max(1, ...data.tenants.map((x) => x.numberCount))
  const today = data.today
  return (
    <>
      <PageHeader
        title={b.name}
        subtitle={`${b.street}, ${b.postcode} ${b.city}`}
        crumbs={[{ to: '/buildings', label: t.t('buildings.title') }]}
        actions={
          <>
            <LinkButton to={`${base}/impact`} tone="primary"><Radar size={16} aria-hidden="true" />{t.t('impact.nav.impact')}</LinkButton>
            <LinkButton to={`${base}/move-out`}><DoorOpen size={16} aria-hidden="true" />{t.t('impact.nav.moveOut')}</LinkButton>
            <LinkButton to={`${base}/requests`}><FileSignature size={16} aria-hidden="true" />{t.t('reqs.nav.requests')}</LinkButton>
            <LinkButton to={`${base}/outbox`}><Mail size={16} aria-hidden="true" />{t.t('reqs.nav.outbox')}</LinkButton>
            <LinkButton to={`${base}/calendar`}><CalendarDays size={16} aria-hidden="true" />{t.t('reqs.nav.calendar')}</LinkButton>
            <LinkButton to={`${base}/numbers`}><Phone size={16} aria-hidden="true" />{t.t('overview.numbers')}</LinkButton>
            <LinkButton to={`${base}/imports`}><Upload size={16} aria-hidden="true" />{t.t('imports.title')}</LinkButton>
            <LinkButton to={`${base}/reconciliation`}><Scale size={16} aria-hidden="true" />{t.t('reconciliation.title')}</LinkButton>
            <LinkButton to={`${base}/tenants`}><Users size={16} aria-hidden="true" />{t.t('overview.tenants')}</LinkButton>
            <LinkButton to={`${base}/audit`}><ListChecks size={16} aria-hidden="true" />{t.t('audit.title')}</LinkButton>
            <LinkButton to={`${base}/shares`}><Share2 size={16} aria-hidden="true" />{t.t('overview.shares')}</LinkButton>
            <LinkButton to={`${base}/export`} reloadDocument><Download size={16} aria-hidden="true" />{t.t('buildings.export')}</LinkButton>
            <LinkButton to={`${base}/inventory.pdf`} reloadDocument><FileText size={16} aria-hidden="true" />{t.t('doc.link.inventory')}</LinkButton>
            <LinkButton to={`${base}/edit`}><Pencil size={16} aria-hidden="true" />{t.t('action.edit')}</LinkButton>
            <LinkButton to={`${base}/delete`} tone="danger"><Trash2 size={16} aria-hidden="true" />{t.t('action.delete')}</LinkButton>
          </>
        }
      />
      <div className="mb-5 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Stat label={t.t('building.tenants')} value={t.count(data.tenants.length)} />
        <Stat label={t.t('building.numbers')} value={t.count(data.flags.total)} />
        <Stat label={t.t('building.unallocated')} value={t.count(data.flags.unallocated)} tone={data.flags.unallocated ? 'warn' : 'neutral'} />
        <Stat label={t.t('building.unbilled')} value={t.count(data.flags.unbilled)} tone={data.flags.unbilled ? 'warn' : 'neutral'} />
        <Stat label={t.t('building.critical')} value={t.count(data.flags.critical)} tone={data.flags.critical ? 'danger' : 'neutral'} />
      </div>

      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={t.t('overview.contracts')} actions={<LinkButton to={`${base}/contracts/new`}><Plus size={16} aria-hidden="true" />{t.t('overview.addContract')}</LinkButton>}>
          {data.contracts.length === 0 ? (
            <EmptyState>{t.t('overview.noContracts')}</EmptyState>
          ) : (
            <ul className="space-y-3">
              {data.contracts.map((c) => (
                <li key={c.id} className="rounded border border-slate-200 p-3 text-sm">
                  <div className="flex items-center justify-between">
                    <strong>{c.carrierName} · {c.contractNumber}</strong>
                    <Link to={`${base}/contracts/${c.id}/edit`} className="text-sky-800 hover:underline">{t.t('action.edit')}</Link>
                  </div>
                  <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1">
                    <dt className="text-slate-600">{t.t('contract.holder')}</dt>
                    <dd>{c.holderName ?? t.t('contract.holderBuilding')}</dd>
                    <dt className="text-slate-600">{t.t('contract.startDate')}</dt>
                    <dd>{t.date(c.startDate)}</dd>
                    <dt className="text-slate-600">{t.t('contract.initialTermEnd')}</dt>
                    <dd>{t.date(c.timeline.initialTermEnd)}</dd>
                    <dt className="text-slate-600">{t.t('contract.noticeDeadline')}</dt>
                    <dd>
                      {c.timeline.noticeDeadline ? (
                        <Badge tone={c.timeline.noticeDeadline < today ? 'danger' : 'warn'}>{t.date(c.timeline.noticeDeadline)}</Badge>
                      ) : (
                        t.t('contract.afterRenewal', { days: c.timeline.effectiveNoticeDays })
                      )}
                    </dd>
                    <dt className="text-slate-600">{t.t('contract.earliestEnd')}</dt>
                    <dd>{t.date(c.timeline.earliestEnd)}</dd>
                    <dt className="text-slate-600">{t.t('contract.monthlyFee')}</dt>
                    <dd className="tabular-nums">{t.money(c.monthlyFeeCents)}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title={t.t('overview.services')} actions={<LinkButton to={`${base}/services/new`}><Plus size={16} aria-hidden="true" />{t.t('overview.addService')}</LinkButton>}>
          {data.services.length === 0 ? (
            <EmptyState>{t.t('overview.noServices')}</EmptyState>
          ) : (
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col">{t.t('service.kind')}</th>
                  <th scope="col">{t.t('service.carrierRef')}</th>
                  <th scope="col">{t.t('service.mainNumber')}</th>
                  <th scope="col" className="text-right">{t.t('service.numberCount')}</th>
                </tr>
              </thead>
              <tbody>
                {data.services.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`${base}/services/${s.id}/edit`} className="text-sky-800 hover:underline">{t.t(`kind.${s.kind}`)}</Link>
                      {s.criticalUse ? <> <Badge tone="danger">{t.t(`critical.${s.criticalUse}`)}</Badge></> : null}
                      {s.dedicatedTenantName ? <div className="text-xs text-slate-600">{t.t('service.dedicated')}: {s.dedicatedTenantName}</div> : null}
                    </td>
                    <td className="font-mono text-xs">{s.carrierRef}</td>
                    <td className="whitespace-nowrap">{s.mainNumber ? t.phone(s.mainNumber) : t.t('none')}</td>
                    <td className="text-right tabular-nums">
                      <Link to={`${base}/numbers?service=${s.id}`} className="hover:underline">{t.count(s.numberCount)}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>

        <Card title={t.t('overview.tenants')} actions={<LinkButton to={`${base}/tenants/new`}><Plus size={16} aria-hidden="true" />{t.t('action.add')}</LinkButton>}>
          {data.tenants.length === 0 ? (
            <EmptyState>{t.t('overview.noTenants')}</EmptyState>
          ) : (
            <>
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th scope="col">{t.t('building.name')}</th>
                    <th scope="col" className="w-1/3 text-right">{t.t('building.numbers')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.tenants.slice(0, 50).map((x) => (
                    <tr key={x.id}>
                      <td>
                        <Link to={`${base}/tenants/${x.id}`} className="text-sky-800 hover:underline">{x.legalName}</Link>
                        {x.moveOut && x.moveOut <= today ? <> <Badge tone="warn">{t.t('tenant.movedOut')}</Badge></> : null}
                      </td>
                      <td>
                        <div className="flex items-center justify-end gap-2">
                          <span aria-hidden="true" className="h-2 rounded bg-sky-300" style={{ width: `${Math.round((x.numberCount / maxCount) * 100)}px` }} />
                          <span className="tabular-nums">{t.count(x.numberCount)}</span>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.tenants.length > 50 ? (
                <p className="mt-2 text-sm"><Link to={`${base}/tenants`} className="text-sky-800 hover:underline">{t.t('overview.tenants')} ({t.count(data.tenants.length)}) →</Link></p>
              ) : null}
            </>
          )}
        </Card>

        <Card title={t.t('overview.recentAudit')} actions={<Link to={`${base}/audit`} className="text-sm text-sky-800 hover:underline">{t.t('overview.allAudit')}</Link>}>
          <ul className="space-y-1 text-sm">
            {data.recentAudit.map((a) => (
              <li key={a.id} className="flex gap-2">
                <time dateTime={a.at} className="shrink-0 text-slate-600 tabular-nums">{t.dateTime(a.at)}</time>
                <span className="truncate">{a.summary}</span>
                <span className="ml-auto shrink-0 text-xs text-slate-500">{a.actorEmail}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  )
}
