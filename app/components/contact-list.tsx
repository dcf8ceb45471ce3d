import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { Link } from 'react-router'
import type { ContactRole, Locale } from '#app/domain/enums.ts'
import type { Translator } from '#app/i18n/index.ts'
import { useT } from './i18n.tsx'
import { Badge, EmptyState, tableClass } from './ui.tsx'

export interface ContactRow {
  id: string
  name: string
  email: string
  phone: string | null
  roles: readonly ContactRole[]
  locale: Locale
}

/**
 * A contact's phone for reading: Dutch numbers in national notation (t.phone), foreign numbers
 * in international notation so the country code is not lost.
 */
export function contactPhone(t: Translator, e164: string | null): string {
  if (!e164) return t.t('none')
  if (e164.startsWith('+31')) return t.phone(e164)
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164
}

export function ContactRoles({ roles }: { roles: readonly ContactRole[] }) {
  const t = useT()
  if (roles.length === 0) return <span className="text-slate-500">{t.t('none')}</span>
  return (
    <span className="flex flex-wrap gap-1">
      {roles.map((r) => (
        <Badge key={r} tone={r === 'authorized_signatory' ? 'info' : 'neutral'}>
          {t.t(`contact.role.${r}`)}
        </Badge>
      ))}
    </span>
  )
}

/** A table of contacts with edit and delete links; `hrefs` decides where those go. */
export function ContactTable({
  contacts,
  hrefs,
  empty,
  caption,
}: {
  contacts: readonly ContactRow[]
  hrefs: (c: ContactRow) => { edit: string; delete: string }
  empty: string
  caption?: string
}) {
  const t = useT()
  if (contacts.length === 0) return <EmptyState>{empty}</EmptyState>
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{t.t('contact.name')}</th>
            <th scope="col">{t.t('contact.email')}</th>
            <th scope="col">{t.t('contact.phone')}</th>
            <th scope="col">{t.t('contact.roles')}</th>
            <th scope="col">
              <span className="sr-only">{t.t('contact.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => {
            const links = hrefs(c)
            return (
              <tr key={c.id}>
                <td className="font-medium">{c.name}</td>
                <td>
                  <a className="text-sky-700 hover:underline" href={`mailto:${c.email}`}>
                    {c.email}
                  </a>
                </td>
                <td className="tabular-nums whitespace-nowrap">{contactPhone(t, c.phone)}</td>
                <td>
                  <ContactRoles roles={c.roles} />
                </td>
                <td className="whitespace-nowrap text-right">
                  <Link className="text-sky-700 hover:underline" to={links.edit} aria-label={`${t.t('action.edit')}: ${c.name}`}>
                    {t.t('action.edit')}
                  </Link>
                  <span aria-hidden="true" className="px-1 text-slate-400">
                    ·
                  </span>
                  <Link className="text-red-700 hover:underline" to={links.delete} aria-label={`${t.t('action.delete')}: ${c.name}`}>
                    {t.t('action.delete')}
                  </Link>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
