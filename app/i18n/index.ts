import { formatIsoDate } from '#app/domain/dates.ts'
import type { Locale } from '#app/domain/enums.ts'
import { formatCents } from '#app/domain/money.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import { apiTokens } from './messages/api-tokens.ts'
import { auth } from './messages/auth.ts'
import { buildings } from './messages/buildings.ts'
import { common } from './messages/common.ts'
import { contracts } from './messages/contracts.ts'
import { documents } from './messages/documents.ts'
import { documentsInventory } from './messages/documents-inventory.ts'
import { documentsLetters } from './messages/documents-letters.ts'
import { impact } from './messages/impact.ts'
import { importRows } from './messages/import-rows.ts'
import { imports } from './messages/imports.ts'
import { inventory } from './messages/inventory.ts'
import { numbers } from './messages/numbers.ts'
import { numberExport } from './messages/number-export.ts'
import { mail } from './messages/mail.ts'
import { requestScreens } from './messages/request-screens.ts'
import { requestWizard } from './messages/request-wizard.ts'
import { requests } from './messages/requests.ts'
import { schedule } from './messages/schedule.ts'
import { tenants } from './messages/tenants.ts'
import { users } from './messages/users.ts'

const groups = [common, auth, inventory, buildings, tenants, numbers, contracts, users, impact, apiTokens, requests, mail, requestScreens, requestWizard, schedule, documents, documentsLetters, documentsInventory, importRows, imports, numberExport] as const

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never
type AllEn = UnionToIntersection<(typeof groups)[number]['en']>
export type MessageKey = keyof AllEn & string

const dictionaries: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...groups.map((g) => g.en)),
  nl: Object.assign({}, ...groups.map((g) => g.nl)),
}

export type Params = Record<string, string | number>

export function isMessageKey(key: string): key is MessageKey {
  return key in dictionaries.en
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = dictionaries[locale][key] ?? dictionaries.en[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) return `{${name}}`
    return typeof value === 'number' ? new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB').format(value) : value
  })
}

/** Everything a view needs to speak the user's language. */
export interface Translator {
  locale: Locale
  t: (key: MessageKey, params?: Params) => string
  date: (iso: string | null | undefined) => string
  dateTime: (value: string | Date) => string
  money: (cents: number) => string
  phone: (e164: string | null | undefined) => string
  count: (n: number) => string
}

export function createTranslator(locale: Locale): Translator {
  const intlLocale = locale === 'nl' ? 'nl-NL' : 'en-GB'
  const dtf = new Intl.DateTimeFormat(intlLocale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  })
  const nf = new Intl.NumberFormat(intlLocale)
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    date: (iso) => (iso ? formatIsoDate(iso, locale) : '—'),
    dateTime: (value) => dtf.format(typeof value === 'string' ? new Date(value) : value),
    money: (cents) => formatCents(cents, locale),
    phone: (e164) => (e164 ? formatNational(e164) : '—'),
    count: (n) => nf.format(n),
  }
}

/** Picks nl or en from an Accept-Language header: Dutch for Dutch browsers, English otherwise. */
export function negotiateLocale(acceptLanguage: string | null): Locale {
  if (!acceptLanguage) return 'nl'
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 }
    })
    .filter((x) => x.tag !== '' && !Number.isNaN(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    if (tag === 'nl' || tag.startsWith('nl-')) return 'nl'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return 'en'
}
