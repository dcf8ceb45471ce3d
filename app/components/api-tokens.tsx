import { useState } from 'react'
import { Form, Link } from 'react-router'
import { inputClass, SubmitButton } from './form.tsx'
import { useT } from './i18n.tsx'
import { Badge, EmptyState, LinkButton, tableClass } from './ui.tsx'

export interface TokenRow {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** The secret of a token just created: shown this once, selectable, with a copy button when JS runs. */
/** A secret shown once (an API token, a calendar feed URL), selectable and copyable. */
export function ShownOnce({ id, title, body, label, secret }: { id: string; title: string; body: string; label: string; secret: string }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  return (
    <section role="status" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
      <h2 className="font-semibold">{title}</h2>
      <p>{body}</p>
      <label className="block font-medium" htmlFor={id}>
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono`} />
        <button
          type="button"
          className="rounded border border-emerald-400 bg-white px-3 py-1.5 font-medium hover:bg-emerald-100"
          onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
        >
          {copied ? t.t('apiTokens.copied') : t.t('apiTokens.copy')}
        </button>
      </div>
    </section>
  )
}

export function NewTokenSecret({ name, secret }: { name: string; secret: string }) {
  const t = useT()
  return <ShownOnce id="new-token-secret" title={t.t('apiTokens.createdTitle', { name })} body={t.t('apiTokens.createdBody')} label={t.t('apiTokens.secret')} secret={secret} />
}

/** A user's tokens; revoking goes through a confirmation (`?revoke=<id>`), which works without JS. */
export function TokenTable({ tokens }: { tokens: TokenRow[] }) {
  const t = useT()
  if (tokens.length === 0) return <EmptyState>{t.t('apiTokens.empty')}</EmptyState>
  return (
    <table className={tableClass}>
      <thead>
        <tr>
          <th scope="col">{t.t('apiTokens.colName')}</th>
          <th scope="col">{t.t('apiTokens.colPrefix')}</th>
          <th scope="col">{t.t('apiTokens.colCreated')}</th>
          <th scope="col">{t.t('apiTokens.colLastUsed')}</th>
          <th scope="col">{t.t('apiTokens.colStatus')}</th>
          <th scope="col">
            <span className="sr-only">{t.t('apiTokens.revoke')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            <td className="font-mono">{token.prefix}…</td>
            <td>{t.dateTime(token.createdAt)}</td>
            <td>{token.lastUsedAt ? t.dateTime(token.lastUsedAt) : t.t('apiTokens.never')}</td>
            <td>{token.revokedAt ? <Badge>{t.t('apiTokens.revokedOn', { date: t.dateTime(token.revokedAt) })}</Badge> : <Badge tone="ok">{t.t('apiTokens.active')}</Badge>}</td>
            <td className="text-right">
              {token.revokedAt ? null : (
                <Link to={`?revoke=${token.id}`} className="text-red-800 underline" aria-label={t.t('apiTokens.revokeLabel', { name: token.name })}>
                  {t.t('apiTokens.revoke')}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function RevokeConfirm({ token, action, cancelTo }: { token: TokenRow; action: string; cancelTo: string }) {
  const t = useT()
  return (
    <Form method="post" action={action} className="space-y-3 rounded-lg border border-red-200 bg-white p-5">
      <h2 className="text-lg font-semibold">{t.t('apiTokens.confirmTitle', { name: token.name })}</h2>
      <p className="text-sm text-slate-700">{t.t('apiTokens.confirmBody')}</p>
      <input type="hidden" name="tokenId" value={token.id} />
      <div className="flex gap-2">
        <SubmitButton intent="revoke" tone="danger">
          {t.t('apiTokens.confirmRevoke')}
        </SubmitButton>
        <LinkButton to={cancelTo}>{t.t('action.cancel')}</LinkButton>
      </div>
    </Form>
  )
}
