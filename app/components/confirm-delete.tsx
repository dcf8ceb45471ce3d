import type { ReactNode } from 'react'
import { Form } from 'react-router'
import { FormErrors, SubmitButton, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { LinkButton } from './ui.tsx'

/** The confirmation step before anything is deleted: says what goes, then one explicit button. */
export function ConfirmDelete({ what, children, cancelTo, failure }: { what: string; children?: ReactNode; cancelTo: string; failure?: FormFailureLike }) {
  const t = useT()
  return (
    <Form method="post" className="max-w-lg space-y-4 rounded-lg border border-red-200 bg-white p-5">
      <h1 className="text-lg font-semibold">{t.t('confirm.deleteTitle', { what })}</h1>
      <FormErrors failure={failure} />
      {children}
      <p className="text-sm text-slate-700">{t.t('confirm.deleteBody')}</p>
      <div className="flex gap-2">
        <SubmitButton tone="danger">{t.t('action.confirmDelete')}</SubmitButton>
        <LinkButton to={cancelTo}>{t.t('action.cancel')}</LinkButton>
      </div>
    </Form>
  )
}
