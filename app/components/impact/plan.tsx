import type { PageReport, PageStep } from '#app/domain/impact/page-report.ts'
import type { StepCode } from '#app/domain/impact/types.ts'
import { Card, EmptyState } from '../ui.tsx'
import { dateFieldKey, NumberBlocks, type Names } from './names.tsx'

/** Other companies in a step: by name (or "Tenant N"), or for a tenant user as a count. */
function companies(step: PageStep, n: Names): string {
  if (n.view === 'tenant') return n.t.t('impact.otherCompanies', { count: step.tenantCount })
  return n.tenants(step.tenants, step.tenantCount)
}

/** Every step code in plain language, with the facts the step carries. */
const describe: Record<StepCode, (s: PageStep, n: Names) => string> = {
  REMOVE_UNKNOWN_NUMBERS: (_, { t }) => t.t('impact.step.REMOVE_UNKNOWN_NUMBERS'),
  RESOLVE_OWNERSHIP: (_, { t }) => t.t('impact.step.RESOLVE_OWNERSHIP'),
  RESOLVE_SERVICE_OWNERSHIP: (s, n) => n.t.t('impact.step.RESOLVE_SERVICE_OWNERSHIP', { service: n.services(s.services) }),
  FIX_SIGNATORY: (_, { t }) => t.t('impact.step.FIX_SIGNATORY'),
  TRANSFER_CONTRACT: (s, n) => n.t.t('impact.step.TRANSFER_CONTRACT', { contract: n.contract(s.data.contractId) }),
  NAME_NEW_SIGNATORY: (s, n) => n.t.t('impact.step.NAME_NEW_SIGNATORY', { contract: n.contract(s.data.contractId) }),
  CHANGE_MAIN_NUMBER: (s, n) =>
    s.data.suggestedMainNumber
      ? n.t.t('impact.step.CHANGE_MAIN_NUMBER.suggest', { service: n.services(s.services), suggested: n.t.phone(s.data.suggestedMainNumber) })
      : n.t.t('impact.step.CHANGE_MAIN_NUMBER', { service: n.services(s.services) }),
  SEPARATE_CRITICAL_LINE: (s, n) => n.t.t('impact.step.SEPARATE_CRITICAL_LINE', { use: s.data.criticalUse ? n.t.t(`critical.${s.data.criticalUse}`) : n.t.t('impact.criticalLine') }),
  SETTLE_MOVED_OUT_TENANT: (s, n) => n.t.t('impact.step.SETTLE_MOVED_OUT_TENANT', { tenant: n.tenants(s.tenants), date: n.t.date(s.data.date) }),
  DECIDE_UNALLOCATED: (s, { t }) => t.t('impact.step.DECIDE_UNALLOCATED', { count: s.data.count ?? s.numbers.total }),
  DECIDE_RELEASED: (s, { t }) => t.t('impact.step.DECIDE_RELEASED', { count: s.data.count ?? s.numbers.total }),
  ASK_CONSENT: (s, n) => n.t.t('impact.step.ASK_CONSENT', { tenants: companies(s, n), count: s.data.count ?? 0 }),
  MOVE_TO_WORKING_DAY: (s, { t }) => t.t('impact.step.MOVE_TO_WORKING_DAY', { field: t.t(dateFieldKey[s.data.dateField ?? 'portDate']), date: t.date(s.data.date) }),
  GIVE_NOTICE: (s, n) => n.t.t('impact.step.GIVE_NOTICE', { contract: n.contract(s.data.contractId), days: s.data.noticeDays ?? 0, date: n.t.date(s.data.date) }),
  MOVE_PORT_DATE_FOR_NOTICE: (s, n) => n.t.t('impact.step.MOVE_PORT_DATE_FOR_NOTICE', { contract: n.contract(s.data.contractId), date: n.t.date(s.data.earliestDate) }),
  BUDGET_FEE: (s, n) =>
    n.t.t('impact.step.BUDGET_FEE', { amount: n.t.money(s.data.amountCents ?? 0), months: s.data.remainingMonths ?? 0, date: n.t.date(s.data.initialTermEnd), contract: n.contract(s.data.contractId) }),
  BOOK_INSTALLATION: (s, { t }) =>
    s.data.workingDays ? t.t('impact.step.BOOK_INSTALLATION.gap', { date: t.date(s.data.date), days: s.data.workingDays }) : t.t('impact.step.BOOK_INSTALLATION', { date: t.date(s.data.date) }),
  ALIGN_DATA_CUTOVER: (s, n) => n.t.t('impact.step.ALIGN_DATA_CUTOVER', { service: n.services(s.services), date: n.t.date(s.data.date) }),
  SUBMIT: (s, n) => {
    if (s.data.mechanism === 'release') return n.t.t('impact.step.SUBMIT.release')
    const params = { mechanism: n.mechanismInline(s.data.mechanism ?? 'port'), count: s.data.count ?? 0 }
    return s.data.targetCarrier ? n.t.t('impact.step.SUBMIT.carrier', { ...params, carrier: s.data.targetCarrier }) : n.t.t('impact.step.SUBMIT', params)
  },
}

export function describeStep(step: PageStep, names: Names): string {
  return describe[step.code](step, names)
}

/** The step plan of the chosen outcome, in order, each with the date it must be done by. */
export function StepPlan({ report, names }: { report: PageReport; names: Names }) {
  const { t } = names
  const steps = report.outcome.plan
  return (
    <Card title={t.t('impact.plan')}>
      {steps.length === 0 ? (
        <EmptyState>{t.t('impact.noSteps')}</EmptyState>
      ) : (
        <ol className="space-y-2 text-sm">
          {steps.map((step, i) => (
            <li key={`${step.code}-${i}`} className="grid grid-cols-[2rem_1fr_auto] items-start gap-2 rounded border border-slate-200 p-2">
              <span className="flex h-6 w-6 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold tabular-nums">{i + 1}</span>
              <div>
                <p className="text-slate-900">{describeStep(step, names)}</p>
                {step.numbers.total > 0 ? (
                  <p className="mt-0.5 text-xs text-slate-700">
                    {t.t('impact.subjectNumbers')}: <NumberBlocks numbers={step.numbers} />
                  </p>
                ) : null}
                <code className="text-xs text-slate-600">{step.code}</code>
              </div>
              <span className="whitespace-nowrap text-right text-xs text-slate-700">
                {step.byDate ? (
                  <>
                    {t.t('impact.byDate')} <time dateTime={step.byDate} className="font-medium tabular-nums">{t.date(step.byDate)}</time>
                  </>
                ) : (
                  t.t('impact.noDate')
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  )
}
