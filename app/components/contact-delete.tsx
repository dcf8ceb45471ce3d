import { Form } from 'react-router'
import { FormErrors, SubmitButton, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { Card, LinkButton } from './ui.tsx'

/**
 * The confirmation before deleting a contact. While the contact signed a contract the deletion is
 * refused; the page says which contracts and offers no delete button.
 */
export function ContactDeleteConfirmation({
  contact,
  signedContracts,
  failure,
  cancelTo,
}: {
  contact: { name: string; email: string }
  signedContracts: readonly { id: string; contractNumber: string; carrierName: string }[]
  failure: FormFailureLike | undefined
  cancelTo: string
}) {
  const t = useT()
  const blocked = signedContracts.length > 0
  return (
    <Card>
      <div className="space-y-3 text-sm">
        <FormErrors failure={failure} />
        <p className="font-medium">
          {contact.name} · {contact.email}
        </p>
        {blocked ? (
          <div role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
            <p className="font-medium">{t.t('contact.deleteBlocked')}</p>
            <p>{t.t('contact.signedContract')}</p>
            <p className="mt-2">{t.t('contact.signedContracts')}:</p>
            <ul className="list-inside list-disc">
              {signedContracts.map((c) => (
                <li key={c.id}>
                  {c.contractNumber} ({c.carrierName})
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p>{t.t('confirm.deleteBody')}</p>
        )}
        <Form method="post" className="flex gap-2">
          {blocked ? null : <SubmitButton tone="danger">{t.t('action.confirmDelete')}</SubmitButton>}
          <LinkButton to={cancelTo}>{blocked ? t.t('action.back') : t.t('action.cancel')}</LinkButton>
        </Form>
      </div>
    </Card>
  )
}
