import type { ReactNode } from 'react'
import { Form } from 'react-router'
import { SubmitButton } from './form.tsx'
import { useT } from './i18n.tsx'
import { EmptyState, tableClass } from './ui.tsx'

export interface ShareRow {
  userId: string
  name: string
  email: string
  createdAt: string
}

/** The sales users a building is shared with, each with a button that ends the share (or the prospect). */
export function ShareTable<T extends ShareRow>({
  shares,
  empty,
  removeIntent,
  removeLabel,
  extra,
}: {
  shares: T[]
  empty: string
  removeIntent: string
  removeLabel: string
  /** One more column (the facility manager's prospect select). */
  extra?: { header: string; cell: (share: T) => ReactNode }
}) {
  const t = useT()
  if (shares.length === 0) return <EmptyState>{empty}</EmptyState>
  return (
    <table className={tableClass}>
      <thead>
        <tr>
          <th scope="col">{t.t('prospect.colName')}</th>
          <th scope="col">{t.t('shares.email')}</th>
          {extra ? <th scope="col">{extra.header}</th> : null}
          <th scope="col">{t.t('prospect.colSince')}</th>
          <th scope="col">
            <span className="sr-only">{removeLabel}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {shares.map((s) => (
          <tr key={s.userId}>
            <td>{s.name}</td>
            <td>{s.email}</td>
            {extra ? <td>{extra.cell(s)}</td> : null}
            <td>{t.dateTime(s.createdAt)}</td>
            <td className="text-right">
              <Form method="post">
                <input type="hidden" name="userId" value={s.userId} />
                <SubmitButton intent={removeIntent} tone="plain">
                  {removeLabel}
                </SubmitButton>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
