import type { PageReport } from '#app/domain/impact/page-report.ts'
import { Badge, Card, EmptyState, Pager, tableClass } from '../ui.tsx'
import { NumberBlocks, type Names } from './names.tsx'

/** Groups opened by default; longer lists start collapsed. */
const openGroups = 4

/** What moves, grouped by tenant and line, each group collapsible; numbers as compact blocks. */
export function MovedNumbers({ report, names, paged }: { report: PageReport; names: Names; paged: boolean }) {
  const { t } = names
  const { groups, total, page, pageSize } = report.outcome.moved
  return (
    <Card title={t.t('impact.moved', { count: report.outcome.counts.moved })}>
      {groups.length === 0 && report.released.total === 0 ? <EmptyState>{t.t('impact.nothingMoves')}</EmptyState> : null}
      <div className="space-y-2">
        {groups.map((g, i) => (
          <details key={g.tenantId ?? 'none'} open={(page === 1 && i < openGroups) || g.tenantId === report.request.tenantId} className="rounded border border-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
              {g.tenantId === null ? t.t('impact.unallocatedGroup') : names.tenant(g.tenantId)}{' '}
              <span className="font-normal text-slate-600">{t.t('impact.numberCount', { count: g.count })}</span>
              {g.tenantId === report.request.tenantId ? (
                <>
                  {' '}
                  <Badge tone="info">{t.t('impact.requester')}</Badge>
                </>
              ) : null}
            </summary>
            <table className={`${tableClass} table-fixed`}>
              <thead>
                <tr>
                  <th scope="col" className="w-1/3">
                    {t.t('impact.col.service')}
                  </th>
                  <th scope="col" className="w-48">
                    {t.t('impact.col.reason')}
                  </th>
                  <th scope="col">{t.t('impact.col.numbers')}</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={`${r.serviceId}-${r.reason}`}>
                    <td>{names.service(r.serviceId)}</td>
                    <td>
                      <Badge tone={r.reason === 'requested' ? 'info' : 'warn'}>{t.t(`impact.reason.${r.reason}`)}</Badge>
                    </td>
                    <td>
                      <NumberBlocks numbers={r.numbers} max={20} /> <span className="text-xs text-slate-600">({t.count(r.numbers.total)})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ))}
      </div>
      {paged && total > pageSize ? (
        <Pager total={total} page={page} pageSize={pageSize} />
      ) : total > groups.length ? (
        <p className="mt-3 text-sm text-slate-700">{t.t('impact.moreGroups', { count: total - groups.length })}</p>
      ) : null}
      {report.hidden.numbers > 0 ? <p className="mt-3 text-sm text-slate-700">{t.t('impact.hiddenNumbers', { count: report.hidden.numbers })}</p> : null}
      {report.released.total > 0 ? (
        <p className="mt-3 text-sm">
          {t.t('impact.released', { count: report.released.total })}: <NumberBlocks numbers={report.released} max={20} />
        </p>
      ) : null}
    </Card>
  )
}
