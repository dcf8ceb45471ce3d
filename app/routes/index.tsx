import { redirect } from 'react-router'
import { homePath } from '#app/domain/permissions.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/index'

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  return redirect(homePath(user.role))
}
