import type { ReactNode } from 'react'
import type { PageReport } from '#app/domain/impact/page-report.ts'
import { Badge, Card, EmptyState, tableClass } from '../ui.tsx'
import type { Names } from './names.tsx'
import { VerdictBadge } from './verdict.tsx'

/** The three mechanisms side by side: what each would do, the chosen one marked in words. */
export function MechanismComparison({ report, names }: { report: PageReport; names: Names }) {
  const { t } = names
  const outcomes = report.alternatives
  if (outcomes.length === 0) return null
  const row = (label: string, cell: (o: PageReport['alternatives'][number]) => ReactNode) => (
    <tr>
      <th scope="row" className="font-normal text-slate-700">
        {label}
      </th>
      {outcomes.map((o) => (
        <td key={o.mechanism} className={`text-right tabular-nums ${o.mechanism === report.chosen ? 'bg-sky-50 font-medium' : ''}`}>
          {cell(o)}
        </td>
      ))}
    </tr>
  )
  const count = (n: number) => t.count(n)
  return (
    <Card title={t.t('impact.mechanisms')}>
      <p className="mb-2 text-sm text-slate-700">{t.t(report.request.mechanism === 'auto' ? 'impact.mechanisms.auto' : 'impact.mechanisms.fixed')}</p>
      <div className="overflow-x-auto">
        <table className={tableClass}>
          <caption className="sr-only">{t.t('impact.mechanisms')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{t.t('impact.col.measure')}</span>
              </th>
              {outcomes.map((o) => (
                <th key={o.mechanism} scope="col" className="text-right">
                  {names.mechanism(o.mechanism)}
                  {o.mechanism === report.chosen ? (
                    <>
                      {' '}
                      <Badge tone="info">{t.t('impact.chosen')}</Badge>
                    </>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {row(t.t('impact.col.verdict'), (o) => <VerdictBadge verdict={o.verdict} />)}
            {row(t.t('impact.col.moved'), (o) => count(o.counts.moved))}
            {row(t.t('impact.col.otherTenants'), (o) => t.t('impact.col.otherTenantsValue', { tenants: o.counts.otherTenants, numbers: o.counts.otherTenantNumbers }))}
            {row(t.t('impact.col.unallocated'), (o) => count(o.counts.unallocated))}
            {row(t.t('impact.col.critical'), (o) => (o.counts.critical > 0 ? <Badge tone="danger">{t.t('impact.col.criticalValue', { count: o.counts.critical })}</Badge> : count(0)))}
            {row(t.t('impact.col.fee'), (o) => t.money(o.counts.feeCents))}
            {row(t.t('impact.col.servicesLeaving'), (o) => count(o.counts.servicesLeaving))}
            {row(t.t('impact.col.contractsEnding'), (o) => count(o.counts.contractsEnding))}
          </tbody>
        </table>
      </div>
    </Card>
  )
}

/** What the chosen outcome does to each master contract it touches: term, renewal, notice, fee. */
export function ContractConsequences({ report, names }: { report: PageReport; names: Names }) {
  const { t } = names
  const contracts = report.outcome.contracts
  return (
    <Card title={t.t('impact.contracts')}>
      {contracts.length === 0 ? (
        <EmptyState>{t.t('impact.noContracts')}</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass}>
            <caption className="sr-only">{t.t('impact.contracts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('impact.col.contract')}</th>
                <th scope="col">{t.t('impact.col.ends')}</th>
                <th scope="col">{t.t('impact.col.initialTermEnd')}</th>
                <th scope="col">{t.t('impact.col.renewed')}</th>
                <th scope="col">{t.t('impact.col.notice')}</th>
                <th scope="col">{t.t('impact.col.noticeBy')}</th>
                <th scope="col" className="text-right">
                  {t.t('impact.col.fee')}
                </th>
              </tr>
            </thead>
            <tbody>
              {contracts.map((c) => (
                <tr key={c.contractId}>
                  <td>
                    {c.carrier} · {c.contractNumber}
                    {c.holderTenantId ? <div className="text-xs text-slate-600">{t.t('impact.heldBy', { tenant: names.tenant(c.holderTenantId) })}</div> : null}
                  </td>
                  <td>{c.ends ? <Badge tone="warn">{t.t('impact.contractEnds', { date: t.date(c.endDate) })}</Badge> : <Badge>{t.t('impact.contractContinues')}</Badge>}</td>
                  <td className="tabular-nums">{t.date(c.initialTermEnd)}</td>
                  <td>{c.renewed ? t.t('impact.renewedYes') : t.t('impact.renewedNo')}</td>
                  <td>{t.t('impact.noticeDays', { days: c.effectiveNoticeDays })}</td>
                  <td className="tabular-nums">{c.ends ? t.date(c.noticeBy) : t.t('impact.notNeeded')}</td>
                  <td className="text-right tabular-nums">
                    {t.money(c.feeCents)}
                    {c.remainingMonths > 0 ? <div className="text-xs text-slate-600">{t.t('impact.remainingMonths', { months: c.remainingMonths })}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}
