import { data, redirect } from 'react-router'
import { locales } from '#app/domain/enums.ts'
import { localeCookie } from '#app/server/i18n.server.ts'
import { safeRedirect } from '#app/server/session.server.ts'
import type { Route } from './+types/lang'

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData()
  const locale = form.get('locale')
  if (typeof locale !== 'string' || !(locales as readonly string[]).includes(locale)) {
    throw data({ message: 'Unknown language' }, { status: 400 })
  }
  const back = safeRedirect(form.get('redirectTo'), '/')
  return redirect(back, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } })
}

export async function loader() {
  return redirect('/')
}
