import { Form } from 'react-router'
import { Field, FormErrors, SubmitButton, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { LinkButton } from './ui.tsx'

export interface BuildingValues {
  name: string
  street: string
  postcode: string
  city: string
}

export function BuildingForm({ values, failure, cancelTo }: { values?: BuildingValues; failure?: FormFailureLike; cancelTo: string }) {
  const t = useT()
  return (
    <Form method="post" className="max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <FormErrors failure={failure} />
      <Field label={t.t('building.name')} name="name" required failure={failure} defaultValue={values?.name} />
      <Field label={t.t('building.street')} name="street" required failure={failure} defaultValue={values?.street} autoComplete="street-address" />
      <div className="grid grid-cols-3 gap-3">
        <Field label={t.t('building.postcode')} name="postcode" required failure={failure} defaultValue={values?.postcode} placeholder="1234 AB" autoComplete="postal-code" />
        <div className="col-span-2">
          <Field label={t.t('building.city')} name="city" required failure={failure} defaultValue={values?.city} autoComplete="address-level2" />
        </div>
      </div>
      <div className="flex gap-2">
        <SubmitButton>{t.t('action.save')}</SubmitButton>
        <LinkButton to={cancelTo}>{t.t('action.cancel')}</LinkButton>
      </div>
    </Form>
  )
}
