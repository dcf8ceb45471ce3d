// A building's iCal feed for calendar apps. No session: the secret token in the URL is the credential.
import { renderCalendarFeed } from '#app/services/calendar-feeds.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import type { Route } from './+types/feed'

export async function loader({ params }: Route.LoaderArgs) {
  try {
    const body = await renderCalendarFeed({ db: await getDb(), token: params.token })
    return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' } })
  } catch (error) {
    // Unknown, revoked or malformed: the same bare 404, so a token's history is not revealed.
    if (error instanceof NotFoundError) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
    throw error
  }
}
