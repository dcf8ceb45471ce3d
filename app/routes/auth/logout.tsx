import { redirect } from 'react-router'
import { logOut } from '#app/services/auth.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { destroySessionCookie, readSessionToken } from '#app/server/session.server.ts'
import type { Route } from './+types/logout'

export async function action({ request }: Route.ActionArgs) {
  const token = await readSessionToken(request)
  if (token) await logOut({ db: await getDb(), token })
  return redirect('/login', { headers: { 'Set-Cookie': await destroySessionCookie() } })
}

export async function loader() {
  return redirect('/')
}
