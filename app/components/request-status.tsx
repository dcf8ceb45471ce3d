// Pieces of a migration request's status page: state badge, facts, consent, the next steps, the
// difference found when approving, and the timeline.
import { Form, Link, useLocation } from 'react-router'
import type { RequestAction, RequestState } from '#app/domain/requests/lifecycle.ts'
import type { RequestFile } from '#app/domain/impact/request-file.ts'
import type { ConsentView, ImpactDifference, RequestViewer, TimelineEntry } from '#app/domain/requests/views.ts'
import { Field, FormErrors, SubmitButton, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { Badge, Card } from './ui.tsx'

const stateTone: Record<RequestState, 'neutral' | 'info' | 'warn' | 'danger' | 'ok'> = {
  draft: 'neutral',
  submitted: 'info',
  awaiting_consent: 'warn',
  awaiting_approval: 'warn',
  approved: 'info',
  scheduled: 'info',
  completed: 'ok',
  rejected: 'danger',
  cancelled: 'danger',
  withdrawn: 'neutral',
}

export function RequestStateBadge({ state }: { state: RequestState }) {
  const t = useT()
  return <Badge tone={stateTone[state]}>{t.t(`reqs.state.${state}`)}</Badge>
}

/** What the status page's pieces read of the request view (dates arrive as Date over single fetch). */
export interface RequestPage {
  viewer: RequestViewer
  request: {
    requesterName: string
    state: RequestState
    version: number
    portDate: string | null
    targetCarrier: string | null
    numbers: number
    submittedAt: Date | string | null
    installBeforePortAcknowledged: boolean
    file: Extract<RequestFile, { type: 'migration' }> | null
  }
  consents: ConsentView<Date | string>[]
  consentSummary: { total: number; given: number; refused: number }
  canAnswerConsent: boolean
  actions: RequestAction[]
}

export function RequestFacts({ view }: { view: RequestPage }) {
  const t = useT()
  const r = view.request
  const file = r.file
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-1">
      <dt className="text-slate-600">{label}</dt>
      <dd>{value}</dd>
    </div>
  )
  return (
    <Card title={t.t('reqs.detail.facts')}>
      <dl className="text-sm">
        {row(t.t('reqs.detail.requester'), r.requesterName)}
        {row(t.t('reqs.col.state'), <RequestStateBadge state={r.state} />)}
        {row(t.t('reqs.detail.portDate'), t.date(r.portDate))}
        {file ? row(t.t('reqs.detail.installDate'), t.date(file.installDate ?? file.portDate)) : null}
        {file ? row(t.t('reqs.detail.cutoverDate'), t.date(file.cutoverDate ?? file.portDate)) : null}
        {row(t.t('reqs.detail.carrier'), r.targetCarrier ?? '—')}
        {row(view.viewer === 'consenter' ? t.t('reqs.detail.yourNumbers') : t.t('reqs.detail.numbers'), t.count(r.numbers))}
        {row(t.t('reqs.detail.submitted'), r.submittedAt ? t.dateTime(r.submittedAt) : t.t('reqs.detail.notSubmitted'))}
        {r.installBeforePortAcknowledged && view.viewer !== 'consenter' ? row(t.t('reqs.detail.installAck'), '✓') : null}
      </dl>
    </Card>
  )
}

function Hidden({ intent, version }: { intent: string; version: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  )
}

/** Consent: a tenant answers its own task; the facility manager sees every task and may answer on a tenant's behalf. */
export function ConsentCard({ view, failure }: { view: RequestPage; failure: FormFailureLike | undefined }) {
  const t = useT()
  const { consentSummary: s, request: r } = view
  const awaiting = r.state === 'awaiting_consent'
  if (view.viewer === 'consenter') {
    const own = view.consents[0]
    return (
      <Card title={t.t('reqs.consent.yours')}>
        {view.canAnswerConsent ? (
          <Form method="post" className="space-y-3">
            <Hidden intent="consent" version={r.version} />
            <FormErrors failure={failure} />
            <Field label={t.t('reqs.consent.reason')} name="reason" failure={failure}>
              {(p) => <textarea {...p} rows={2} />}
            </Field>
            <div className="flex flex-wrap gap-2">
              <SubmitButton name="answer" value="given">{t.t('reqs.consent.give')}</SubmitButton>
              <SubmitButton name="answer" value="refused" tone="danger">{t.t('reqs.consent.refuse')}</SubmitButton>
            </div>
          </Form>
        ) : own ? (
          <p className="text-sm">{t.t('reqs.consent.answered', { state: t.t(`reqs.consent.state.${own.state}`) })}</p>
        ) : null}
      </Card>
    )
  }
  return (
    <Card title={t.t('reqs.consent.title')}>
      {s.total === 0 ? (
        <p className="text-sm text-slate-700">{r.state === 'draft' ? '—' : t.t('reqs.consent.none')}</p>
      ) : (
        <>
          <p className="mb-2 text-sm">{t.t('reqs.consent.summary', { given: s.given, total: s.total, refused: s.refused })}</p>
          {view.viewer === 'facility_manager' ? (
            <ul className="divide-y divide-slate-200 text-sm">
              {view.consents.map((c) => (
                <li key={c.tenantId} className="flex flex-wrap items-center gap-2 py-2">
                  <span className="font-medium">{c.tenantName}</span>
                  <Badge tone={c.state === 'given' ? 'ok' : c.state === 'refused' ? 'danger' : 'warn'}>{t.t(`reqs.consent.state.${c.state}`)}</Badge>
                  {c.onBehalf ? <span className="text-slate-600">{t.t('reqs.consent.onBehalf')}</span> : null}
                  {c.answeredAt ? <span className="text-slate-600">{t.dateTime(c.answeredAt)}</span> : null}
                  {awaiting && c.state === 'pending' ? (
                    <Form method="post" className="ml-auto flex gap-2">
                      <Hidden intent="consent" version={r.version} />
                      <input type="hidden" name="tenantId" value={c.tenantId} />
                      <SubmitButton name="answer" value="given" tone="plain">{t.t('reqs.consent.giveFor', { tenant: c.tenantName })}</SubmitButton>
                      <SubmitButton name="answer" value="refused" tone="plain">{t.t('reqs.consent.refuseFor', { tenant: c.tenantName })}</SubmitButton>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </Card>
  )
}

/** The steps the viewer may take now; destructive ones without a reason field ask for confirmation first. */
export function RequestActions({ view, failure, today }: { view: RequestPage; failure: FormFailureLike | undefined; today: string }) {
  const t = useT()
  const location = useLocation()
  const r = view.request
  const confirm = new URLSearchParams(location.search).get('confirm')
  const actions = view.actions.filter((a): a is Exclude<RequestAction, 'open_consent' | 'skip_consent' | 'all_consented'> => a !== 'open_consent' && a !== 'skip_consent' && a !== 'all_consented')
  if (view.viewer === 'consenter') return null
  return (
    <Card title={t.t('reqs.actions.title')}>
      <FormErrors failure={failure} />
      {actions.length === 0 ? <p className="text-sm text-slate-700">{t.t('reqs.actions.none')}</p> : null}
      <div className="space-y-4">
        {actions.map((action) => {
          if (action === 'reject' || action === 'cancel') {
            return (
              <Form key={action} method="post" className="space-y-2 rounded border border-slate-200 p-3">
                <Hidden intent={action} version={r.version} />
                <Field label={t.t('reqs.action.reason')} name="reason" failure={failure} required>
                  {(p) => <textarea {...p} rows={2} required />}
                </Field>
                <SubmitButton tone="danger">{t.t(`reqs.action.${action}`)}</SubmitButton>
              </Form>
            )
          }
          if (action === 'complete') {
            return (
              <Form key={action} method="post" className="space-y-2 rounded border border-slate-200 p-3">
                <Hidden intent={action} version={r.version} />
                <Field label={t.t('reqs.action.completedOn')} name="completedOn" type="date" failure={failure} defaultValue={today} required />
                <Field label={t.t('reqs.action.notMoved')} name="notMoved" failure={failure} hint={t.t('reqs.action.notMovedHint')}>
                  {(p) => <textarea {...p} rows={3} />}
                </Field>
                <SubmitButton>{t.t('reqs.action.complete')}</SubmitButton>
              </Form>
            )
          }
          if ((action === 'withdraw' || action === 'revise') && confirm !== action) {
            return (
              <Link key={action} to={`?confirm=${action}`} className="inline-block rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                {t.t(`reqs.action.${action}`)}
              </Link>
            )
          }
          if (action === 'withdraw' || action === 'revise') {
            return (
              <Form key={action} method="post" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3" role="alertdialog" aria-label={t.t(`reqs.action.${action}`)}>
                <Hidden intent={action} version={r.version} />
                <p className="text-sm">{t.t(`reqs.confirm.${action}`)}</p>
                <div className="flex gap-2">
                  <SubmitButton tone="danger">{t.t('reqs.confirm.yes')}</SubmitButton>
                  <Link to={location.pathname} className="px-2 py-1.5 text-sm underline">{t.t('reqs.confirm.no')}</Link>
                </div>
              </Form>
            )
          }
          return (
            <Form key={action} method="post">
              <Hidden intent={action} version={r.version} />
              <SubmitButton>{t.t(`reqs.action.${action}`)}</SubmitButton>
            </Form>
          )
        })}
      </div>
    </Card>
  )
}

/** What changed between the snapshot and today's impact; approving needs this confirmed. */
export function DifferenceConfirm({ difference, names, version }: { difference: ImpactDifference; names: Record<string, string>; version: number }) {
  const t = useT()
  const list = (title: string, items: string[], show: (x: string) => string) =>
    items.length === 0 ? null : (
      <div>
        <h3 className="font-medium">{title} ({t.count(items.length)})</h3>
        <p className="text-sm">{items.slice(0, 50).map(show).join(', ')}{items.length > 50 ? ' …' : ''}</p>
      </div>
    )
  return (
    <section role="alert" aria-labelledby="difference-title" className="space-y-2 rounded-lg border border-amber-400 bg-amber-50 p-4">
      <h2 id="difference-title" className="font-semibold">{t.t('reqs.difference.title')}</h2>
      <p className="text-sm">{t.t('reqs.difference.intro')}</p>
      {difference.verdict.before !== difference.verdict.after ? (
        <p className="text-sm">{t.t('reqs.difference.verdict', { before: t.t(`impact.verdict.${difference.verdict.before}` as 'impact.verdict.ok'), after: t.t(`impact.verdict.${difference.verdict.after}` as 'impact.verdict.ok') })}</p>
      ) : null}
      {list(t.t('reqs.difference.added'), difference.added, (n) => t.phone(n))}
      {list(t.t('reqs.difference.removed'), difference.removed, (n) => t.phone(n))}
      {list(t.t('reqs.difference.tenantsAdded'), difference.tenantsAdded, (id) => names[id] ?? id)}
      {list(t.t('reqs.difference.tenantsRemoved'), difference.tenantsRemoved, (id) => names[id] ?? id)}
      <Form method="post">
        <Hidden intent="approve" version={version} />
        <input type="hidden" name="confirmDifference" value="1" />
        <SubmitButton>{t.t('reqs.action.approveDifference')}</SubmitButton>
      </Form>
    </section>
  )
}

/**
 * The request's documents: the impact report for everyone who sees the page; the porting
 * authorisation for the facility manager and the requester; the notice letters, all of them for the
 * facility manager, a tenant's own for a tenant.
 */
export function RequestDocuments({
  view,
  buildingId,
  requestId,
}: {
  view: RequestPage & { request: { tenantId: string; open: boolean }; outcome: { report: { verdict: string } } | null }
  buildingId: string
  requestId: string
}) {
  const t = useT()
  const base = `/buildings/${buildingId}/requests/${requestId}`
  const letters =
    view.viewer === 'facility_manager'
      ? [{ tenantId: view.request.tenantId, label: t.t('doc.link.letter', { tenant: view.request.requesterName }) }, ...view.consents.map((c) => ({ tenantId: c.tenantId, label: t.t('doc.link.letter', { tenant: c.tenantName }) }))]
      : [{ tenantId: view.viewer === 'requester' ? view.request.tenantId : (view.consents[0]?.tenantId ?? ''), label: t.t('doc.link.ownLetter') }].filter((l) => l.tenantId !== '')
  const link = (to: string, label: string) => (
    <li key={to}>
      <Link to={to} reloadDocument className="text-sky-800 underline hover:no-underline">
        {label}
      </Link>
    </li>
  )
  return (
    <Card title={t.t('doc.links')}>
      <ul className="space-y-1 text-sm">
        {link(`${base}/report.pdf`, t.t('doc.link.report'))}
        {/* Only what can be made: no authorisation for a blocked or ended request, letters while it runs. */}
        {view.viewer !== 'consenter' && (view.request.open || view.request.state === 'draft') && view.outcome?.report.verdict !== 'blocked'
          ? link(`${base}/authorisation.pdf`, t.t('doc.link.authorisation'))
          : null}
        {view.request.open ? letters.map((l) => link(`${base}/letters/${l.tenantId}.pdf`, l.label)) : null}
      </ul>
    </Card>
  )
}

export function Timeline({ entries }: { entries: TimelineEntry<Date | string>[] }) {
  const t = useT()
  return (
    <Card title={t.t('reqs.timeline.title')}>
      <ol className="space-y-2 text-sm">
        {entries.map((e, i) => (
          <li key={i} className="border-l-2 border-sky-300 pl-3">
            <span className="font-medium">{t.t(`reqs.event.${e.action}` as 'reqs.event.submit')}</span>
            <span className="text-slate-600"> · {t.dateTime(e.at)} · {t.t(`reqs.timeline.by.${e.by}`)}</span>
            {e.reason ? <p className="text-slate-700">“{e.reason}”</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  )
}
