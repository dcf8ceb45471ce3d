import { Form } from 'react-router'
import { Field, FormErrors, SubmitButton, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { LinkButton } from './ui.tsx'

export interface TenantDefaults {
  legalName: string
  kvkNumber: string
  unit: string
  moveIn: string
  moveOut: string | null
}

/** Company data of a tenant; dates as native date fields (ISO values); keeps input on error. */
export function TenantForm({
  failure,
  defaults,
  submitLabel,
  cancelTo,
}: {
  failure: FormFailureLike | undefined
  defaults?: TenantDefaults
  submitLabel: string
  cancelTo: string
}) {
  const t = useT()
  return (
    <Form method="post" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      <FormErrors failure={failure} />
      <Field label={t.t('tenant.legalName')} name="legalName" required autoComplete="organization" failure={failure} defaultValue={defaults?.legalName} />
      <Field label={t.t('tenant.kvkNumber')} name="kvkNumber" required inputMode="numeric" autoComplete="off" hint={t.t('tenant.kvkHint')} failure={failure} defaultValue={defaults?.kvkNumber} />
      <Field label={t.t('tenant.unit')} name="unit" autoComplete="off" hint={t.t('tenant.unitHint')} failure={failure} defaultValue={defaults?.unit} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t.t('tenant.moveIn')} name="moveIn" type="date" required failure={failure} defaultValue={defaults?.moveIn} />
        <Field label={t.t('tenant.moveOut')} name="moveOut" type="date" hint={t.t('tenant.moveOutHint')} failure={failure} defaultValue={defaults?.moveOut} />
      </div>
      <div className="flex gap-2">
        <SubmitButton>{submitLabel}</SubmitButton>
        <LinkButton to={cancelTo}>{t.t('action.cancel')}</LinkButton>
      </div>
    </Form>
  )
}
