import type { ImpactReport, MoveReason } from '#app/domain/impact/types.ts'
import { Badge, Card, EmptyState, tableClass } from '../ui.tsx'
import { NumberRuns, type Names } from './names.tsx'

interface Group {
  tenantId: string | null
  count: number
  /** Per service and reason, in inventory order. */
  rows: { serviceId: string; reason: MoveReason; numbers: string[] }[]
}

/** Moved numbers per tenant (the requester first, unallocated last), then per service and reason. */
function groupMoved(report: ImpactReport): Group[] {
  const groups = new Map<string | null, Group>()
  for (const m of report.outcome.moved) {
    let g = groups.get(m.tenantId)
    if (!g) groups.set(m.tenantId, (g = { tenantId: m.tenantId, count: 0, rows: [] }))
    g.count++
    let row = g.rows.find((r) => r.serviceId === m.serviceId && r.reason === m.reason)
    if (!row) g.rows.push((row = { serviceId: m.serviceId, reason: m.reason, numbers: [] }))
    row.numbers.push(m.e164)
  }
  const self = report.request.tenantId
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.tenantId === self) - Number(a.tenantId === self) ||
      Number(a.tenantId === null) - Number(b.tenantId === null) ||
      b.count - a.count ||
      (a.tenantId ?? '').localeCompare(b.tenantId ?? ''),
  )
}

/** Groups opened by default; longer lists start collapsed. */
const openGroups = 4

/** What moves, grouped by tenant and service, each group collapsible; numbers as compact blocks. */
export function MovedNumbers({ report, names }: { report: ImpactReport; names: Names }) {
  const { t } = names
  const groups = groupMoved(report)
  return (
    <Card title={t.t('impact.moved', { count: report.outcome.counts.moved })}>
      {groups.length === 0 && report.released.length === 0 ? <EmptyState>{t.t('impact.nothingMoves')}</EmptyState> : null}
      <div className="space-y-2">
        {groups.map((g, i) => (
          <details key={g.tenantId ?? 'none'} open={i < openGroups || g.tenantId === report.request.tenantId} className="rounded border border-slate-200">
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
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col">{t.t('impact.col.service')}</th>
                  <th scope="col">{t.t('impact.col.reason')}</th>
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
                      <NumberRuns numbers={r.numbers} max={20} /> <span className="text-xs text-slate-600">({t.count(r.numbers.length)})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ))}
      </div>
      {report.hidden.numbers > 0 ? <p className="mt-3 text-sm text-slate-700">{t.t('impact.hiddenNumbers', { count: report.hidden.numbers })}</p> : null}
      {report.released.length > 0 ? (
        <p className="mt-3 text-sm">
          {t.t('impact.released', { count: report.released.length })}: <NumberRuns numbers={report.released} max={20} />
        </p>
      ) : null}
    </Card>
  )
}
