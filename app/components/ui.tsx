import type { ReactNode } from 'react'
import { Link, useLocation } from 'react-router'
import { useT } from './i18n.tsx'

export function PageHeader({ title, subtitle, actions, crumbs }: { title: string; subtitle?: ReactNode; actions?: ReactNode; crumbs?: { to: string; label: string }[] }) {
  return (
    <header className="mb-5 space-y-1">
      {crumbs && crumbs.length > 0 ? (
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
          <ol className="flex flex-wrap gap-1">
            {crumbs.map((c, i) => (
              <li key={c.to} className="flex gap-1">
                {i > 0 ? <span aria-hidden="true">/</span> : null}
                <Link to={c.to} className="hover:underline">
                  {c.label}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {subtitle ? <p className="text-sm text-slate-600">{subtitle}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
    </header>
  )
}

const badgeTones = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  info: 'bg-sky-50 text-sky-800 ring-sky-300',
  warn: 'bg-amber-50 text-amber-900 ring-amber-300',
  danger: 'bg-red-50 text-red-800 ring-red-300',
  ok: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
} as const

/** Status as text in a coloured pill: the colour is never the only signal. */
export function Badge({ tone = 'neutral', children }: { tone?: keyof typeof badgeTones; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${badgeTones[tone]}`}>{children}</span>
}

export function Card({ title, children, actions }: { title?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      {title || actions ? (
        <div className="mb-3 flex items-center justify-between gap-2">
          {title ? <h2 className="text-base font-semibold text-slate-900">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  )
}

/** A link that looks like a button; `reloadDocument` for downloads and other resource routes. */
export function LinkButton({ to, children, tone = 'plain', reloadDocument = false }: { to: string; children: ReactNode; tone?: 'primary' | 'plain' | 'danger'; reloadDocument?: boolean }) {
  const tones = {
    primary: 'bg-sky-700 text-white hover:bg-sky-800',
    plain: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
    danger: 'border border-red-300 bg-white text-red-800 hover:bg-red-50',
  }
  return (
    <Link to={to} reloadDocument={reloadDocument} className={`inline-flex items-center gap-1.5 rounded px-3 py-1.5 text-sm font-medium focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 ${tones[tone]}`}>
      {children}
    </Link>
  )
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600">{children}</p>
}

export function Stat({ label, value, tone = 'neutral' }: { label: string; value: ReactNode; tone?: keyof typeof badgeTones }) {
  return (
    <div className={`rounded-lg p-3 ring-1 ring-inset ${badgeTones[tone]}`}>
      <div className="text-2xl font-semibold tabular-nums">{value}</div>
      <div className="text-xs">{label}</div>
    </div>
  )
}

/** Server-side pagination: links keep every other query parameter. */
export function Pager({ total, page, pageSize }: { total: number; page: number; pageSize: number }) {
  const t = useT()
  const location = useLocation()
  if (total === 0) return null
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const link = (p: number) => {
    const params = new URLSearchParams(location.search)
    params.set('page', String(p))
    return `${location.pathname}?${params.toString()}`
  }
  const from = (page - 1) * pageSize + 1
  const to = Math.min(total, page * pageSize)
  return (
    <nav aria-label={t.t('pager.label')} className="mt-3 flex items-center justify-between text-sm">
      <span className="text-slate-600">{t.t('pager.summary', { from, to, total })}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" to={link(page - 1)} rel="prev">
            {t.t('pager.previous')}
          </Link>
        ) : null}
        {page < pages ? (
          <Link className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" to={link(page + 1)} rel="next">
            {t.t('pager.next')}
          </Link>
        ) : null}
      </span>
    </nav>
  )
}

export const tableClass = 'w-full border-collapse text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left [&_th]:font-medium [&_th]:text-slate-700'
