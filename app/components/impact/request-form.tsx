import type { ChangeEvent, ReactNode } from 'react'
import { Form } from 'react-router'
import type { MigrationFormValues, MoveOutFormValues, RequestChoices, TenantOption } from '#app/domain/impact/screen.ts'
import { requestMechanisms } from '#app/domain/impact/types.ts'
import { isCriticalUse } from '#app/domain/enums.ts'
import { Field, FormErrors, SubmitButton, type FieldMessageLike, type FormFailureLike } from '../form.tsx'
import { useImpactT } from './names.tsx'

type Errors = Record<string, FieldMessageLike>

const fieldset = 'space-y-3 rounded-lg border border-slate-200 bg-white p-4'
const legend = 'px-1 text-sm font-semibold text-slate-900'

function failureOf(errors: Errors): FormFailureLike | undefined {
  return Object.keys(errors).length > 0 ? { ok: false, errors, values: {} } : undefined
}

function ErrorText({ id, error }: { id: string; error: FieldMessageLike | undefined }) {
  const t = useImpactT()
  if (!error) return null
  return (
    <p id={id} role="alert" className="text-sm text-red-700">
      {t.t(error.key, error.params)}
    </p>
  )
}

/** The building's companies to choose from; moved-out ones marked. */
function TenantSelect(props: { tenants: TenantOption[]; value: string; failure: FormFailureLike | undefined; label: string; required?: boolean; onChange?: (e: ChangeEvent<HTMLSelectElement>) => void }) {
  const t = useImpactT()
  return (
    <Field label={props.label} name="tenant" failure={props.failure} required={props.required}>
      {(p) => (
        <select {...p} defaultValue={props.value} onChange={props.onChange}>
          <option value="">{t.t('impact.form.chooseTenant')}</option>
          {props.tenants.map((x) => (
            <option key={x.id} value={x.id}>
              {x.legalName}
              {x.movedOut ? ` (${t.t('tenant.movedOut')})` : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** The tenant select of a facility manager (sent again on change), or the fixed company of a tenant or sales user. */
function TenantPicker({ tenants, tenant, value, failure, label }: { tenants: TenantOption[] | null; tenant: { id: string; legalName: string } | null; value: string; failure: FormFailureLike | undefined; label: string }) {
  const t = useImpactT()
  if (tenants === null) {
    return (
      <p className="text-sm">
        <span className="text-slate-600">{label}: </span>
        <strong>{tenant?.legalName}</strong>
        <input type="hidden" name="tenant" value={tenant?.id ?? ''} />
      </p>
    )
  }
  const pick = (e: ChangeEvent<HTMLSelectElement>) => {
    const form = e.currentTarget.form
    form?.requestSubmit(form.querySelector<HTMLButtonElement>('button[name="pick"]'))
  }
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="min-w-72 grow">
        <TenantSelect tenants={tenants} value={value} failure={failure} label={label} onChange={pick} />
      </div>
      <button
        type="submit"
        name="pick"
        value="1"
        formNoValidate
        className="inline-flex items-center rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-2 focus:outline-offset-2 focus:outline-sky-600"
      >
        {t.t('impact.form.showTenant')}
      </button>
    </div>
  )
}

/** The tenant's numbers as checkboxes per line, "all" ticking every box (with JavaScript) or standing for all (without). */
function NumberChoices({ choices, values, company }: { choices: RequestChoices; values: MigrationFormValues; company: string }) {
  const t = useImpactT()
  const ticked = new Set(values.n)
  const toggleAll = (e: ChangeEvent<HTMLInputElement>) => {
    const checked = e.currentTarget.checked
    e.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="n"]').forEach((box) => (box.checked = checked))
  }
  const untickAll = (e: ChangeEvent<HTMLInputElement>) => {
    if (e.currentTarget.checked) return
    const all = e.currentTarget.form?.querySelector<HTMLInputElement>('input[name="all"]')
    if (all) all.checked = false
    const line = e.currentTarget.closest('fieldset')?.querySelector<HTMLInputElement>('input[name="line"]')
    if (line) line.checked = false
  }
  /** "All numbers on this line": ticks the line's boxes (with JavaScript) or stands for them (without). */
  const toggleLine = (e: ChangeEvent<HTMLInputElement>) => {
    const checked = e.currentTarget.checked
    e.currentTarget.closest('fieldset')?.querySelectorAll<HTMLInputElement>('input[name="n"]').forEach((box) => (box.checked = checked))
  }
  const lines = new Set(values.lines)
  if (choices.numbers.length === 0) return <p className="text-sm text-slate-600">{t.t('impact.form.noNumbers')}</p>
  return (
    <div className="space-y-2">
      <label className="inline-flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="all" value="1" defaultChecked={values.all} onChange={toggleAll} />
        {t.t('impact.form.allNumbers', { count: choices.numbers.length, tenant: company })}
      </label>
      <div className="max-h-72 space-y-3 overflow-auto rounded border border-slate-200 p-2">
        {choices.voiceServices.map((s) => (
          <fieldset key={s.id}>
            <legend className="text-xs font-semibold text-slate-700">
              {t.t(`kind.${s.kind}`)} · {s.carrierRef}
            </legend>
            <label className="inline-flex items-center gap-2 text-xs">
              <input type="checkbox" name="line" value={s.id} defaultChecked={lines.has(s.id)} onChange={toggleLine} />
              {t.t('impact.form.allOnLine')}
            </label>
            <div className="mt-1 grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-1">
              {choices.numbers
                .filter((n) => n.serviceId === s.id)
                .map((n) => (
                  <label key={n.e164} className="inline-flex items-center gap-2 text-sm tabular-nums">
                    <input type="checkbox" name="n" value={n.e164} defaultChecked={values.all || lines.has(n.serviceId) || ticked.has(n.e164)} onChange={untickAll} />
                    {t.phone(n.e164)}
                    {n.use !== 'tenant' ? <span className={`text-xs ${isCriticalUse(n.use) ? 'text-red-700' : 'text-slate-600'}`}>({t.t(`numbers.use.${n.use}`)})</span> : null}
                  </label>
                ))}
            </div>
          </fieldset>
        ))}
      </div>
    </div>
  )
}

/** What the migration form shows, as the impact services build it. */
export interface MigrationFormData {
  /** The facility manager's (or uploader's) tenant choices; null when the company is fixed. */
  tenants: TenantOption[] | null
  tenant: { id: string; legalName: string } | null
  choices: RequestChoices | null
  carriers: string[]
  values: MigrationFormValues
  errors: Errors
}

/** The migration request: tenant, numbers, data lines, mechanism, dates, signatory, target carrier. */
export function MigrationForm({
  method,
  encType,
  form,
  before,
}: {
  method: 'get' | 'post'
  encType?: 'multipart/form-data'
  form: MigrationFormData
  /** Fields before the request (the upload's file). */
  before?: ReactNode
}) {
  const { tenants, tenant, choices, carriers, values, errors } = form
  const t = useImpactT()
  const failure = failureOf(errors)
  return (
    <Form method={method} encType={encType} className="space-y-4" aria-label={t.t('impact.form.title')}>
      <FormErrors failure={failure} />
      {before}
      <input type="hidden" name="shownTenant" value={values.shownTenant} />
      <fieldset className={fieldset}>
        <legend className={legend}>{t.t('impact.form.who')}</legend>
        <TenantPicker tenants={tenants} tenant={tenant} value={values.tenant} failure={failure} label={t.t('impact.form.tenant')} />
      </fieldset>
      {tenant && choices ? (
        <>
          <fieldset className={fieldset}>
            <legend className={legend}>{t.t('impact.form.numbers')}</legend>
            <NumberChoices choices={choices} values={values} company={tenant.legalName} />
            <Field label={t.t('impact.form.numbersText')} name="numbers" failure={failure} hint={t.t('impact.form.numbersHint')}>
              {(p) => <textarea {...p} rows={2} defaultValue={values.numbers} />}
            </Field>
          </fieldset>
          <fieldset className={fieldset} aria-describedby={errors.data ? 'data-error' : undefined}>
            <legend className={legend}>{t.t('impact.form.data')}</legend>
            {choices.dataServices.length === 0 ? (
              <p className="text-sm text-slate-600">{t.t('impact.form.noData')}</p>
            ) : (
              choices.dataServices.map((s) => (
                <label key={s.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="data" value={s.id} defaultChecked={values.data.includes(s.id)} />
                  {t.t(`kind.${s.kind}`)} · {s.carrierRef}
                </label>
              ))
            )}
            <ErrorText id="data-error" error={errors.data} />
          </fieldset>
          <fieldset className={fieldset} aria-describedby={errors.mechanism ? 'mechanism-error' : undefined}>
            <legend className={legend}>{t.t('impact.form.mechanism')}</legend>
            <div className="grid gap-2 md:grid-cols-2">
              {requestMechanisms.map((m) => (
                <label key={m} className="flex items-start gap-2 rounded border border-slate-200 p-2 text-sm">
                  <input type="radio" name="mechanism" value={m} defaultChecked={values.mechanism === m} className="mt-1" />
                  <span>
                    <span className="font-medium">{t.t(`impact.mechanism.${m}`)}</span>
                    <span className="block text-xs text-slate-600">{t.t(`impact.mechanism.${m}.hint`)}</span>
                  </span>
                </label>
              ))}
            </div>
            <ErrorText id="mechanism-error" error={errors.mechanism} />
          </fieldset>
          <fieldset className={fieldset}>
            <legend className={legend}>{t.t('impact.form.when')}</legend>
            <div className="grid gap-3 md:grid-cols-3">
              <Field label={t.t('impact.field.portDate')} name="portDate" type="date" required failure={failure} defaultValue={values.portDate} hint={t.t('impact.form.portDateHint')} />
              <Field label={t.t('impact.field.installDate')} name="installDate" type="date" failure={failure} defaultValue={values.installDate} hint={t.t('impact.form.installDateHint')} />
              <Field label={t.t('impact.field.cutoverDate')} name="cutoverDate" type="date" failure={failure} defaultValue={values.cutoverDate} hint={t.t('impact.form.cutoverDateHint')} />
            </div>
          </fieldset>
          <fieldset className={fieldset}>
            <legend className={legend}>{t.t('impact.form.signAndCarrier')}</legend>
            <div className="grid gap-3 md:grid-cols-2">
              <Field label={t.t('impact.form.signatory')} name="signatory" failure={failure} hint={t.t('impact.form.signatoryHint')}>
                {(p) => (
                  <select {...p} defaultValue={values.signatory}>
                    <option value="">{t.t('impact.form.noSignatory')}</option>
                    {choices.contacts.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                        {c.authorized ? ` (${t.t('contact.role.authorized_signatory')})` : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t.t('impact.form.carrier')} name="carrier" failure={failure} required hint={t.t('impact.form.carrierHint')}>
                {(p) => <input {...p} list="impact-carriers" defaultValue={values.carrier} autoComplete="off" />}
              </Field>
              <datalist id="impact-carriers">
                {carriers.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </div>
          </fieldset>
          <SubmitButton name="run" value="1">
            {t.t('impact.form.compute')}
          </SubmitButton>
        </>
      ) : (
        <p className="text-sm text-slate-600">{t.t('impact.form.pickFirst')}</p>
      )}
    </Form>
  )
}

/** The move-out request: tenant, date, keep (port out) or release its numbers. */
export function MoveOutForm({ tenants, values, errors }: { tenants: TenantOption[]; values: MoveOutFormValues; errors: Errors }) {
  const t = useImpactT()
  const failure = failureOf(errors)
  return (
    <Form method="get" className="space-y-4" aria-label={t.t('impact.moveOut.title')}>
      <FormErrors failure={failure} />
      <fieldset className={fieldset}>
        <legend className={legend}>{t.t('impact.moveOut.request')}</legend>
        <div className="grid gap-3 md:grid-cols-2">
          <TenantSelect tenants={tenants} value={values.tenant} failure={failure} label={t.t('impact.form.tenant')} required />
          <Field label={t.t('impact.field.moveOutDate')} name="date" type="date" required failure={failure} defaultValue={values.date} hint={t.t('impact.moveOut.dateHint')} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t.t('impact.moveOut.numbers')}</legend>
          <div className="mt-1 grid gap-2 md:grid-cols-2">
            {(['keep', 'release'] as const).map((k) => (
              <label key={k} className="flex items-start gap-2 rounded border border-slate-200 p-2 text-sm">
                <input type="radio" name="keep" value={k} defaultChecked={values.keep === k} className="mt-1" />
                <span>
                  <span className="font-medium">{t.t(`impact.moveOut.${k}`)}</span>
                  <span className="block text-xs text-slate-600">{t.t(`impact.moveOut.${k}.hint`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>
      <SubmitButton name="run" value="1">
        {t.t('impact.form.compute')}
      </SubmitButton>
    </Form>
  )
}
