import { useId } from 'react'
import { Form } from 'react-router'
import { contactRoles, locales, type ContactRole, type Locale } from '#app/domain/enums.ts'
import { Field, FormErrors, SubmitButton, valueOf, valuesOf, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { LinkButton } from './ui.tsx'

export interface ContactDefaults {
  name: string
  email: string
  phone: string | null
  roles: readonly ContactRole[]
  locale: Locale
}

/** Name, e-mail, phone, roles and language of a contact; keeps what was typed when refused. */
export function ContactForm({
  failure,
  defaults,
  submitLabel,
  cancelTo,
}: {
  failure: FormFailureLike | undefined
  defaults?: ContactDefaults
  submitLabel: string
  cancelTo: string
}) {
  const t = useT()
  const rolesId = useId()
  const checked = new Set(valuesOf(failure, 'roles', defaults?.roles ?? []))
  const rolesError = failure?.errors.roles
  return (
    <Form method="post" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      <FormErrors failure={failure} />
      <Field label={t.t('contact.name')} name="name" required autoComplete="off" failure={failure} defaultValue={defaults?.name} />
      <Field label={t.t('contact.email')} name="email" type="email" inputMode="email" required autoComplete="off" failure={failure} defaultValue={defaults?.email} />
      <Field label={t.t('contact.phone')} name="phone" type="tel" inputMode="tel" autoComplete="off" hint={t.t('contact.phoneHint')} failure={failure} defaultValue={defaults?.phone} />
      <fieldset className="space-y-1" aria-describedby={rolesError ? `${rolesId}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t.t('contact.roles')}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {contactRoles.map((role) => (
            <label key={role} className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="roles" value={role} defaultChecked={checked.has(role)} className="size-4 accent-sky-700" />
              {t.t(`contact.role.${role}`)}
            </label>
          ))}
        </div>
        {rolesError ? (
          <p id={`${rolesId}-error`} className="text-sm text-red-700" role="alert">
            {t.t(rolesError.key, rolesError.params)}
          </p>
        ) : null}
      </fieldset>
      <Field label={t.t('contact.locale')} name="locale" failure={failure}>
        {(props) => (
          <select {...props} defaultValue={valueOf(failure, 'locale', defaults?.locale ?? 'nl')}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {t.t(`lang.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex gap-2">
        <SubmitButton>{submitLabel}</SubmitButton>
        <LinkButton to={cancelTo}>{t.t('action.cancel')}</LinkButton>
      </div>
    </Form>
  )
}
