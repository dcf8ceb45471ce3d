import { useState, type ReactNode } from 'react'
import { Form, href, Link, useLocation, useNavigation } from 'react-router'
import type { ImpactOutcome, MigrationFormValues } from '#app/domain/impact/screen.ts'
import type { ConsentState, RequestState } from '#app/domain/requests/lifecycle.ts'
import { SubmitButton, type FieldMessageLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { ImpactReportView } from './impact/report.tsx'
import { MigrationForm, type MigrationFormData } from './impact/request-form.tsx'
import { RequestStateBadge } from './request-status.tsx'
import { Badge, Card, EmptyState, LinkButton, PageHeader, tableClass } from './ui.tsx'

const consentTone = { pending: 'warn', given: 'ok', refused: 'danger' } as const

/** One request in the tenant's list (see listMyRequests). */
export interface MyRequestItem {
  id: string
  buildingId: string
  requesterName: string
  state: RequestState
  portDate: string | null
  targetCarrier: string | null
  numbers: number
  updatedAt: Date | string
  relation?: 'own' | 'consent'
  consent?: ConsentState
}

const statusPage = (r: { id: string; buildingId: string }) => href('/buildings/:buildingId/requests/:requestId', { buildingId: r.buildingId, requestId: r.id })
const editPage = (requestId: string) => href('/my/requests/:requestId/edit', { requestId })

/** Where the wizard goes after a save: the status page once submitted, else the draft again (saying it was saved). */
export function pathAfterSave(saved: { submitted: boolean; request: { id: string; buildingId: string } }): string {
  return saved.submitted ? statusPage(saved.request) : `${editPage(saved.request.id)}?saved=1`
}

const linkClass = 'text-sky-800 underline hover:text-sky-950 focus:outline-2 focus:outline-sky-600'

/** A link whose visible text repeats per row, told apart for screen readers by the request's port date. */
function RowLink({ to, label, item }: { to: string; label: string; item: MyRequestItem }) {
  const t = useT()
  return (
    <Link to={to} className={linkClass}>
      {label}
      <span className="sr-only"> {t.t('wizard.list.about', { date: t.date(item.portDate) })}</span>
    </Link>
  )
}

interface Column {
  label: string
  /** The header is for screen readers only (a column of links). */
  hiddenLabel?: boolean
  /** Numbers: right-aligned, header too. */
  right?: boolean
  /** Further classes of the column's cells. */
  className?: string
  cell: (r: MyRequestItem) => ReactNode
}

const dateCell = 'tabular-nums whitespace-nowrap'

function RequestTable({ caption, items, columns }: { caption: string; items: MyRequestItem[]; columns: Column[] }) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.right ? 'text-right' : undefined}>
                {c.hiddenLabel ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              {columns.map((c) => (
                <td key={c.label} className={[c.right ? 'text-right' : '', c.className ?? ''].join(' ').trim() || undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The company's own requests, each linked to its status page, drafts also to the wizard. */
function OwnRequests({ items }: { items: MyRequestItem[] }) {
  const t = useT()
  if (items.length === 0) return <EmptyState>{t.t('wizard.list.ownEmpty')}</EmptyState>
  const columns: Column[] = [
    { label: t.t('impact.field.portDate'), className: dateCell, cell: (r) => t.date(r.portDate) },
    { label: t.t('wizard.list.carrier'), cell: (r) => r.targetCarrier ?? t.t('none') },
    { label: t.t('wizard.list.numbers'), right: true, className: 'tabular-nums', cell: (r) => t.count(r.numbers) },
    { label: t.t('wizard.list.state'), cell: (r) => <RequestStateBadge state={r.state} /> },
    { label: t.t('wizard.list.updated'), className: dateCell, cell: (r) => t.dateTime(r.updatedAt) },
    {
      label: t.t('wizard.list.actions'),
      hiddenLabel: true,
      className: 'space-x-3 whitespace-nowrap',
      cell: (r) => (
        <>
          <RowLink to={statusPage(r)} label={t.t('wizard.list.open')} item={r} />
          {r.state === 'draft' ? <RowLink to={editPage(r.id)} label={t.t('action.edit')} item={r} /> : null}
        </>
      ),
    },
  ]
  return <RequestTable caption={t.t('wizard.list.own')} items={items} columns={columns} />
}

/** Other companies' requests that ask this one for consent; the requester's name links to the status page. */
function ConsentRequests({ items }: { items: MyRequestItem[] }) {
  const t = useT()
  const columns: Column[] = [
    {
      label: t.t('wizard.list.requester'),
      cell: (r) => (
        <Link to={statusPage(r)} className={linkClass}>
          {r.requesterName}
        </Link>
      ),
    },
    { label: t.t('impact.field.portDate'), className: dateCell, cell: (r) => t.date(r.portDate) },
    { label: t.t('wizard.list.yourConsent'), cell: (r) => (r.consent ? <Badge tone={consentTone[r.consent]}>{t.t(`wizard.consent.${r.consent}`)}</Badge> : t.t('none')) },
    { label: t.t('wizard.list.state'), cell: (r) => <RequestStateBadge state={r.state} /> },
  ]
  return <RequestTable caption={t.t('wizard.list.consent')} items={items} columns={columns} />
}

/** The tenant's requests: its own (with "edit" for drafts) and, apart, those asking it for consent. */
export function MyRequestLists({ items }: { items: MyRequestItem[] }) {
  const t = useT()
  const own = items.filter((r) => r.relation !== 'consent')
  const consent = items.filter((r) => r.relation === 'consent')
  const newRequest = (
    <LinkButton tone="primary" to={href('/my/requests/new')}>
      {t.t('wizard.list.new')}
    </LinkButton>
  )
  return (
    <div className="space-y-5">
      <PageHeader title={t.t('wizard.list.title')} subtitle={t.t('wizard.list.intro')} crumbs={[{ to: href('/my'), label: t.t('nav.my') }]} actions={items.length > 0 ? newRequest : undefined} />
      {items.length === 0 ? (
        <div className="space-y-3 rounded border border-dashed border-slate-300 p-6 text-center">
          <p className="text-sm text-slate-600">{t.t('wizard.list.empty')}</p>
          {newRequest}
        </div>
      ) : (
        <>
          <Card title={t.t('wizard.list.own')}>
            <OwnRequests items={own} />
          </Card>
          {consent.length > 0 ? (
            <Card title={t.t('wizard.list.consent')}>
              <p className="mb-2 text-sm text-slate-600">{t.t('wizard.list.consentIntro')}</p>
              <ConsentRequests items={consent} />
            </Card>
          ) : null}
        </>
      )}
    </div>
  )
}

/** The form's key: a uuid for a new request (one draft however often it is sent), the version of a draft. */
type WizardKey = { clientKey: string } | { requestId: string; version: number }

/** What the wizard page shows, as the wizard service builds it. */
export interface WizardScreen extends Omit<MigrationFormData, 'tenants'> {
  building: { id: string; name: string }
  outcome: ImpactOutcome | null
  key: WizardKey
  ackInstall: boolean
  saved: boolean
}

/** A refused save: messages per field and what was sent. */
export interface WizardFailureLike {
  ok: false
  errors: Record<string, FieldMessageLike>
  values: MigrationFormValues
  ackInstall: boolean
}

export function isWizardFailure(value: unknown): value is WizardFailureLike {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'values' in value
}

/** Messages about the whole form rather than one of the request's fields. */
const formLevel = ['_form', 'ackInstall']

function KeyFields({ wizardKey }: { wizardKey: WizardKey }) {
  return 'clientKey' in wizardKey ? <input type="hidden" name="clientKey" value={wizardKey.clientKey} /> : <input type="hidden" name="version" value={wizardKey.version} />
}

/** The request as computed, sent along with the save: what is saved is what the report shows. */
function ComputedValues({ values }: { values: MigrationFormValues }) {
  const single = { tenant: values.tenant, shownTenant: values.shownTenant, numbers: values.numbers, mechanism: values.mechanism, portDate: values.portDate, installDate: values.installDate, cutoverDate: values.cutoverDate, signatory: values.signatory, carrier: values.carrier }
  return (
    <>
      {Object.entries(single).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {values.all ? <input type="hidden" name="all" value="1" /> : null}
      {values.lines.map((id) => (
        <input key={`line-${id}`} type="hidden" name="line" value={id} />
      ))}
      {values.n.map((e164) => (
        <input key={`n-${e164}`} type="hidden" name="n" value={e164} />
      ))}
      {values.data.map((id) => (
        <input key={`data-${id}`} type="hidden" name="data" value={id} />
      ))}
    </>
  )
}

/** The acknowledgement; when it was missing, the alert above the form says why and this box says what to do. */
function AckInstall({ values, checked, refused }: { values: MigrationFormValues; checked: boolean; refused: boolean }) {
  const t = useT()
  return (
    <div className="space-y-1 rounded border border-amber-300 bg-amber-50 p-3">
      <label className="flex items-start gap-2 text-sm font-medium text-slate-900">
        <input type="checkbox" name="ackInstall" value="1" defaultChecked={checked} aria-invalid={refused} aria-describedby={refused ? 'ack-hint ack-error' : 'ack-hint'} className="mt-1" />
        {t.t('wizard.ack.label')}
      </label>
      <p id="ack-hint" className="text-xs text-slate-700">
        {t.t('wizard.ack.hint', { install: t.date(values.installDate), port: t.date(values.portDate) })}
      </p>
      {refused ? (
        <p id="ack-error" className="text-sm font-medium text-red-700">
          {t.t('wizard.ack.needed')}
        </p>
      ) : null}
    </div>
  )
}

/** Save as draft or submit the request as computed; asks for the acknowledgement when the installation comes first. */
function SavePanel({ screen, values, failure, changed }: { screen: WizardScreen; values: MigrationFormValues; failure: WizardFailureLike | undefined; changed: boolean }) {
  const t = useT()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formMethod?.toUpperCase() === 'POST'
  const fieldRefused = failure !== undefined && Object.keys(failure.errors).some((k) => !formLevel.includes(k))
  return (
    <Form method="post" aria-labelledby="wizard-save" className="space-y-3 rounded-lg border border-sky-200 bg-sky-50/40 p-4">
      <h2 id="wizard-save" className="text-base font-semibold text-slate-900">
        {t.t('wizard.panel.title')}
      </h2>
      {screen.outcome === null ? (
        <p className="text-sm text-slate-700">{t.t('wizard.panel.computeFirst')}</p>
      ) : (
        <>
          <KeyFields wizardKey={screen.key} />
          <ComputedValues values={values} />
          {values.installDate !== '' && values.installDate < values.portDate ? <AckInstall values={values} checked={failure?.ackInstall ?? screen.ackInstall} refused={failure?.errors.ackInstall !== undefined} /> : null}
          <p className="text-sm text-slate-700">{t.t('wizard.panel.asComputed')}</p>
          {fieldRefused ? <p className="text-sm text-red-700">{t.t('wizard.panel.nothingSaved')}</p> : null}
          {changed ? (
            <p role="status" className="text-sm font-medium text-amber-900">
              {t.t('wizard.panel.changed')}
            </p>
          ) : null}
          <fieldset disabled={changed || busy} className="flex flex-wrap items-center gap-2">
            <SubmitButton intent="save" tone="plain">
              {t.t('wizard.save')}
            </SubmitButton>
            <SubmitButton intent="submit">{t.t('wizard.submit')}</SubmitButton>
            {busy ? (
              <span role="status" className="text-sm text-slate-600">
                {t.t('wizard.busy')}
              </span>
            ) : null}
          </fieldset>
        </>
      )}
    </Form>
  )
}

/** The form-level refusal (blocked, reserved, changed meanwhile, acknowledgement missing) above everything else. */
function RefusalAlert({ failure, wizardKey }: { failure: WizardFailureLike | undefined; wizardKey: WizardKey }) {
  const t = useT()
  const messages = formLevel.map((k) => failure?.errors[k]).filter((m): m is FieldMessageLike => m !== undefined)
  if (messages.length === 0) return null
  const conflict = failure?.errors._form?.key === 'request.version_conflict'
  return (
    <div role="alert" className="space-y-1 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {messages.map((m) => (
        <p key={m.key}>{t.t(m.key, m.params)}</p>
      ))}
      {conflict && 'requestId' in wizardKey ? (
        <p>
          <Link to={editPage(wizardKey.requestId)} reloadDocument className="font-medium underline">
            {t.t('wizard.reload')}
          </Link>
        </p>
      ) : null}
    </div>
  )
}

/** The form, the save panel and the report of one state of the wizard; remounted when the computed query or a refusal changes. */
function WizardBody({ screen, failure }: { screen: WizardScreen; failure: WizardFailureLike | undefined }) {
  const [changed, setChanged] = useState(false)
  const values = failure?.values ?? screen.values
  const errors = failure ? Object.fromEntries(Object.entries(failure.errors).filter(([k]) => !formLevel.includes(k))) : screen.errors
  const form: MigrationFormData = { tenants: null, tenant: screen.tenant, choices: screen.choices, carriers: screen.carriers, values, errors }
  return (
    <>
      {/* Any edit after computing: the panel below asks to compute again, so what is saved is what was shown. */}
      <div onChange={() => setChanged(true)}>
        <MigrationForm method="get" form={form} before={<KeyFields wizardKey={screen.key} />} />
      </div>
      <SavePanel screen={screen} values={values} failure={failure} changed={changed} />
      {screen.outcome ? <ImpactReportView outcome={screen.outcome} paged /> : null}
    </>
  )
}

/** The wizard: fill in, compute the impact (GET, `run=1`), then save a draft or submit (POST, `intent`). */
export function RequestWizardView({ title, screen, failure }: { title: string; screen: WizardScreen; failure: WizardFailureLike | undefined }) {
  const t = useT()
  const location = useLocation()
  const bodyKey = `${location.search}|${failure ? JSON.stringify(failure) : ''}`
  return (
    <div className="space-y-5">
      <PageHeader
        title={title}
        subtitle={screen.tenant?.legalName}
        crumbs={[
          { to: href('/my'), label: t.t('nav.my') },
          { to: href('/my/requests'), label: t.t('wizard.list.title') },
        ]}
      />
      {screen.saved && 'version' in screen.key ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t.t('wizard.saved', { version: screen.key.version })}
        </p>
      ) : null}
      <div className="text-sm text-slate-700">
        <ol className="list-inside list-decimal space-y-0.5">
          <li>{t.t('wizard.step.fill')}</li>
          <li>{t.t('wizard.step.compute')}</li>
          <li>{t.t('wizard.step.send')}</li>
        </ol>
        <p className="mt-1 text-slate-600">{t.t('wizard.intro', { building: screen.building.name })}</p>
      </div>
      <RefusalAlert failure={failure} wizardKey={screen.key} />
      <WizardBody key={bodyKey} screen={screen} failure={failure} />
    </div>
  )
}

/** A request that is no longer a draft: said plainly, with the way to its status page. */
export function LockedRequest({ request }: { request: { id: string; buildingId: string; state: RequestState } }) {
  const t = useT()
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t.t('wizard.locked.title')} crumbs={[{ to: href('/my/requests'), label: t.t('wizard.list.title') }]} />
      <div role="alert" className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
        <p>{t.t('wizard.locked.body', { state: t.t(`reqs.state.${request.state}`) })}</p>
        <LinkButton tone="primary" to={statusPage(request)}>
          {t.t('wizard.locked.link')}
        </LinkButton>
      </div>
    </div>
  )
}
