import { CircleAlert, CircleCheck, OctagonX } from 'lucide-react'
import type { PageReport } from '#app/domain/impact/page-report.ts'
import type { Verdict } from '#app/domain/impact/types.ts'
import { Badge } from '../ui.tsx'
import { useImpactT, type Names } from './names.tsx'

const tone = { ok: 'ok', needs_consent: 'warn', blocked: 'danger' } as const satisfies Record<Verdict, string>
const frame = {
  ok: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  needs_consent: 'border-amber-300 bg-amber-50 text-amber-950',
  blocked: 'border-red-300 bg-red-50 text-red-950',
} as const satisfies Record<Verdict, string>
const icons = { ok: CircleCheck, needs_consent: CircleAlert, blocked: OctagonX } as const

/** The verdict as a badge with its word: never colour alone. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const t = useImpactT()
  return <Badge tone={tone[verdict]}>{t.t(`impact.verdict.${verdict}`)}</Badge>
}

/** The verdict at the top of a report, with what it means and the headline counts. */
export function VerdictBanner({ report, names }: { report: PageReport; names: Names }) {
  const t = useImpactT()
  const { verdict, outcome } = report
  const Icon = icons[verdict]
  const c = outcome.counts
  const moveOut = report.request.type === 'move_out'
  return (
    <section aria-labelledby="verdict-heading" className={`rounded-lg border p-4 ${frame[verdict]}`}>
      <div className="flex flex-wrap items-center gap-3">
        <Icon size={28} aria-hidden="true" />
        <h2 id="verdict-heading" className="text-lg font-semibold">
          {t.t('impact.verdictHeading')} <VerdictBadge verdict={verdict} />
        </h2>
        <span className="text-sm">
          {moveOut
            ? t.t(report.request.keepNumbers ? 'impact.moveOutOf.keep' : 'impact.moveOutOf.release', { tenant: names.tenant(report.request.tenantId), date: t.date(report.request.date) })
            : t.t('impact.migrationOf', { tenant: names.tenant(report.request.tenantId), carrier: report.request.targetCarrier ?? '', date: t.date(report.request.date) })}
          {' · '}
          {t.t('impact.chosenMechanism', { mechanism: names.mechanismInline(report.chosen) })}
        </span>
      </div>
      <p className="mt-2 text-sm">{t.t(`impact.verdict.${verdict}.body`)}</p>
      <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <li>{t.t('impact.count.moved', { count: c.moved })}</li>
        <li>{t.t('impact.count.otherTenants', { tenants: c.otherTenants, numbers: c.otherTenantNumbers })}</li>
        <li>{t.t('impact.count.unallocated', { count: c.unallocated })}</li>
        <li>{t.t('impact.count.critical', { count: c.critical })}</li>
        <li>{t.t('impact.count.fee', { amount: t.money(c.feeCents) })}</li>
      </ul>
      {report.view !== 'full' ? (
        <p className="mt-2 text-xs">{t.t(report.view === 'tenant' ? 'impact.view.tenant' : 'impact.view.sales', { numbers: report.hidden.numbers, services: report.hidden.services })}</p>
      ) : null}
    </section>
  )
}
