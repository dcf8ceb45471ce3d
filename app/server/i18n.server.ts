import { createCookie } from 'react-router'
import { locales, type Locale } from '#app/domain/enums.ts'
import { createTranslator, negotiateLocale } from '#app/i18n/index.ts'

export const localeCookie = createCookie('sl_lang', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400 })

/** The user's language: the switch in the header (cookie) wins, then the browser's Accept-Language. */
export async function getLocale(request: Request): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(request.headers.get('Cookie'))
  if (typeof chosen === 'string' && (locales as readonly string[]).includes(chosen)) return chosen as Locale
  return negotiateLocale(request.headers.get('Accept-Language'))
}

export async function getTranslator(request: Request) {
  return createTranslator(await getLocale(request))
}
