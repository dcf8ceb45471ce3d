import { TriangleAlert } from 'lucide-react'
import type { PageFinding, PageReport } from '#app/domain/impact/page-report.ts'
import { severities, type FindingCode, type Severity } from '#app/domain/impact/types.ts'
import { Badge, Card, EmptyState } from '../ui.tsx'
import { dateFieldKey, NumberBlocks, useImpactT, type Names } from './names.tsx'

type Text = { title: string; body: string }

/** Every finding code in plain language, with the facts the finding carries. */
const describe: Record<FindingCode, (f: PageFinding, n: Names) => Text> = {
  UNKNOWN_NUMBER: (f, { t }) => ({ title: t.t('impact.finding.UNKNOWN_NUMBER'), body: t.t('impact.finding.UNKNOWN_NUMBER.body', { count: f.data.count ?? f.numbers.total }) }),
  NUMBER_NOT_ACTIVE: (f, { t }) => ({ title: t.t('impact.finding.NUMBER_NOT_ACTIVE'), body: t.t('impact.finding.NUMBER_NOT_ACTIVE.body', { count: f.data.count ?? f.numbers.total }) }),
  NOT_OWNER: (f, n) => ({
    title: n.t.t('impact.finding.NOT_OWNER'),
    body:
      f.data.reason === 'unallocated'
        ? n.t.t('impact.finding.NOT_OWNER.unallocated', { count: f.data.count ?? f.numbers.total })
        : n.t.t('impact.finding.NOT_OWNER.other', { count: f.data.count ?? f.numbers.total, tenant: n.tenants(f.tenants) }),
  }),
  SERVICE_NOT_OWNER: (f, n) => ({
    title: n.t.t('impact.finding.SERVICE_NOT_OWNER'),
    body:
      f.data.reason === 'unallocated'
        ? n.t.t('impact.finding.SERVICE_NOT_OWNER.unallocated', { service: n.services(f.services) })
        : n.t.t('impact.finding.SERVICE_NOT_OWNER.other', { service: n.services(f.services), tenant: n.tenants(f.tenants) }),
  }),
  SIGNATORY_NOT_AUTHORIZED: (f, { t }) => ({
    title: t.t('impact.finding.SIGNATORY_NOT_AUTHORIZED'),
    body: t.t(f.data.reason === 'missing' ? 'impact.finding.SIGNATORY_NOT_AUTHORIZED.missing' : f.data.reason === 'no_role' ? 'impact.finding.SIGNATORY_NOT_AUTHORIZED.noRole' : 'impact.finding.SIGNATORY_NOT_AUTHORIZED.notContact'),
  }),
  DRAGS_OTHER_TENANT: (f, n) => ({
    title: n.t.t('impact.finding.DRAGS_OTHER_TENANT', { tenant: n.tenants(f.tenants) }),
    body: n.t.t(f.services.length > 0 ? 'impact.finding.DRAGS_OTHER_TENANT.lines' : 'impact.finding.DRAGS_OTHER_TENANT.body', {
      tenant: n.tenants(f.tenants),
      count: f.data.count ?? 0,
      lines: f.services.length,
    }),
  }),
  DRAGS_UNALLOCATED: (f, { t }) => ({ title: t.t('impact.finding.DRAGS_UNALLOCATED'), body: t.t('impact.finding.DRAGS_UNALLOCATED.body', { count: f.data.count ?? 0 }) }),
  DRAGS_UNBILLED: (f, { t }) => ({ title: t.t('impact.finding.DRAGS_UNBILLED'), body: t.t('impact.finding.DRAGS_UNBILLED.body', { count: f.data.count ?? 0 }) }),
  CRITICAL_SERVICE: (f, n) => {
    const use = f.data.criticalUse ? n.t.t(`critical.${f.data.criticalUse}`) : n.t.t('impact.criticalLine')
    return { title: n.t.t('impact.finding.CRITICAL_SERVICE', { use }), body: n.t.t('impact.finding.CRITICAL_SERVICE.body', { use, service: n.services(f.services) }) }
  },
  MAIN_NUMBER_IN_BLOCK: (f, n) => ({
    title: n.t.t('impact.finding.MAIN_NUMBER_IN_BLOCK'),
    body: f.data.suggestedMainNumber
      ? n.t.t('impact.finding.MAIN_NUMBER_IN_BLOCK.suggest', { service: n.services(f.services), suggested: n.t.phone(f.data.suggestedMainNumber) })
      : n.t.t('impact.finding.MAIN_NUMBER_IN_BLOCK.body', { service: n.services(f.services) }),
  }),
  EARLY_TERMINATION_FEE: (f, n) => ({
    title: n.t.t('impact.finding.EARLY_TERMINATION_FEE', { amount: n.t.money(f.data.amountCents ?? 0) }),
    body: n.t.t('impact.finding.EARLY_TERMINATION_FEE.body', {
      contract: n.contract(f.data.contractId),
      months: f.data.remainingMonths ?? 0,
      date: n.t.date(f.data.initialTermEnd),
      amount: n.t.money(f.data.amountCents ?? 0),
    }),
  }),
  NOTICE_PERIOD: (f, n) => ({
    title: n.t.t('impact.finding.NOTICE_PERIOD'),
    body: n.t.t('impact.finding.NOTICE_PERIOD.body', {
      contract: n.contract(f.data.contractId),
      days: f.data.noticeDays ?? 0,
      earliest: n.t.date(f.data.earliestDate),
      date: n.t.date(f.data.date),
    }),
  }),
  SERVICE_GAP: (f, { t }) => ({
    title: t.t('impact.finding.SERVICE_GAP', { days: f.data.workingDays ?? 0 }),
    body: t.t('impact.finding.SERVICE_GAP.body', { days: f.data.workingDays ?? 0, date: t.date(f.data.date) }),
  }),
  DATA_VOICE_SPLIT: (f, n) => ({
    title: n.t.t('impact.finding.DATA_VOICE_SPLIT'),
    body:
      f.data.reason === 'other_date'
        ? n.t.t('impact.finding.DATA_VOICE_SPLIT.otherDate', { service: n.services(f.services), date: n.t.date(f.data.date) })
        : n.t.t('impact.finding.DATA_VOICE_SPLIT.staysBehind', { service: n.services(f.services) }),
  }),
  NON_WORKING_DAY: (f, { t }) => {
    const field = t.t(dateFieldKey[f.data.dateField ?? 'portDate'])
    const holiday = f.data.holiday ? f.data.holiday[t.locale] : null
    return {
      title: t.t('impact.finding.NON_WORKING_DAY', { field }),
      body: holiday ? t.t('impact.finding.NON_WORKING_DAY.holiday', { date: t.date(f.data.date), holiday }) : t.t('impact.finding.NON_WORKING_DAY.weekend', { date: t.date(f.data.date) }),
    }
  },
  TENANT_MOVED_OUT: (f, n) => ({
    title: n.t.t('impact.finding.TENANT_MOVED_OUT'),
    body: n.t.t('impact.finding.TENANT_MOVED_OUT.body', { tenant: n.tenants(f.tenants), date: n.t.date(f.data.date), count: f.numbers.total }),
  }),
  CONTRACT_HOLDER_LEAVING: (f, n) => ({
    title: n.t.t('impact.finding.CONTRACT_HOLDER_LEAVING'),
    body: n.t.t('impact.finding.CONTRACT_HOLDER_LEAVING.body', { tenant: n.tenants(f.tenants), contract: n.contract(f.data.contractId) }),
  }),
  SIGNATORY_LEAVING: (f, n) => ({
    title: n.t.t('impact.finding.SIGNATORY_LEAVING'),
    body: n.t.t('impact.finding.SIGNATORY_LEAVING.body', { tenant: n.tenants(f.tenants), contract: n.contract(f.data.contractId) }),
  }),
  NUMBERS_RELEASED: (f, { t }) => ({ title: t.t('impact.finding.NUMBERS_RELEASED'), body: t.t('impact.finding.NUMBERS_RELEASED.body', { count: f.data.count ?? f.numbers.total }) }),
}

export function describeFinding(f: PageFinding, names: Names): Text {
  return describe[f.code](f, names)
}

const severityTone = { blocking: 'danger', needs_consent: 'warn', warning: 'info' } as const satisfies Record<Severity, string>

/**
 * A tenant user sees other companies as counts: the consent findings about them become one line
 * ("3 other companies, 41 numbers"). Everyone else gets one finding per company.
 */
interface ShownFinding {
  key: string
  severity: Severity
  code: FindingCode
  text: Text
  finding: PageFinding | null
}

function shown(report: PageReport, names: Names): ShownFinding[] {
  const findings = report.outcome.findings
  const drags = findings.filter((f) => f.code === 'DRAGS_OTHER_TENANT')
  const merge = report.view === 'tenant' && drags.length > 0
  const rows = findings
    .filter((f) => !(merge && f.code === 'DRAGS_OTHER_TENANT'))
    .map((f, i) => ({ key: `${f.code}-${i}`, severity: f.severity, code: f.code, text: describeFinding(f, names), finding: f as PageFinding | null }))
  const t = names.t
  const more = report.outcome.moreConsent
  if (!merge && more.tenants > 0) {
    rows.push({
      key: 'DRAGS_OTHER_TENANT-more',
      severity: 'needs_consent',
      code: 'DRAGS_OTHER_TENANT',
      text: { title: t.t('impact.finding.DRAGS_OTHER_TENANT.more', more), body: t.t('impact.finding.DRAGS_OTHER_TENANT.moreBody', more) },
      finding: null,
    })
  }
  if (merge) {
    const params = { tenants: report.outcome.counts.otherTenants, numbers: report.outcome.counts.otherTenantNumbers }
    rows.push({
      key: 'DRAGS_OTHER_TENANT-others',
      severity: 'needs_consent',
      code: 'DRAGS_OTHER_TENANT',
      text: { title: t.t('impact.finding.DRAGS_OTHER_TENANT.others', params), body: t.t('impact.finding.DRAGS_OTHER_TENANT.othersBody', params) },
      finding: null,
    })
  }
  return rows
}

/** Findings grouped by severity, blocking first; each in plain language with its subjects. */
export function FindingsBySeverity({ report, names }: { report: PageReport; names: Names }) {
  const { t } = names
  const rows = shown(report, names)
  return (
    <Card title={t.t('impact.findings')}>
      {rows.length === 0 ? (
        <EmptyState>{t.t('impact.noFindings')}</EmptyState>
      ) : (
        <div className="space-y-4">
          {severities.map((severity) => {
            const group = rows.filter((r) => r.severity === severity)
            if (group.length === 0) return null
            return (
              <section key={severity} aria-labelledby={`severity-${severity}`}>
                <h3 id={`severity-${severity}`} className="mb-2 flex items-center gap-2 text-sm font-semibold">
                  <Badge tone={severityTone[severity]}>{t.t(`impact.severity.${severity}`)}</Badge>
                  <span className="font-normal text-slate-600">{t.t('impact.findingCount', { count: group.length })}</span>
                </h3>
                <FindingList rows={group.slice(0, shownPerGroup)} />
                {group.length > shownPerGroup ? (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm text-sky-800">{t.t('impact.showMore', { count: group.length - shownPerGroup })}</summary>
                    <div className="mt-2">
                      <FindingList rows={group.slice(shownPerGroup)} />
                    </div>
                  </details>
                ) : null}
              </section>
            )
          })}
        </div>
      )}
    </Card>
  )
}

/** Findings of one severity shown before the rest is folded away. */
const shownPerGroup = 6

function FindingList({ rows }: { rows: ShownFinding[] }) {
  const t = useImpactT()
  return (
    <ul className="space-y-2">
      {rows.map((row) => (
        <li key={row.key} className="rounded border border-slate-200 p-3 text-sm">
          <p className="flex items-start gap-2 font-medium text-slate-900">
            {row.code === 'CRITICAL_SERVICE' ? <TriangleAlert size={16} aria-hidden="true" className="mt-0.5 shrink-0 text-red-700" /> : null}
            <span>{row.text.title}</span>
            <code className="ml-auto shrink-0 text-xs font-normal text-slate-600">{row.code}</code>
          </p>
          <p className="mt-1 text-slate-700">{row.text.body}</p>
          {row.finding && row.finding.numbers.total > 0 ? (
            <p className="mt-1 text-xs text-slate-700">
              {t.t('impact.subjectNumbers')}: <NumberBlocks numbers={row.finding.numbers} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
