import { data, Form, useActionData, useLoaderData } from 'react-router'
import { ShownOnce } from '#app/components/api-tokens.tsx'
import { SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { Badge, Card, EmptyState, LinkButton, PageHeader, tableClass } from '#app/components/ui.tsx'
import { feedNoticeHorizonMonths } from '#app/domain/deadlines.ts'
import { createCalendarFeed, getCalendarFeeds, revokeCalendarFeed } from '#app/services/calendar-feeds.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/calendar'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('schedule.calendar.title'))

// The page shows a secret URL once: no browser or proxy may keep it.
export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const { building, feeds, live } = await guarded(async () => getCalendarFeeds({ db: await getDb(), actor, buildingId: params.buildingId }))
  const asked = new URL(request.url).searchParams.get('confirm')
  const confirm = live && (asked === 'revoke' || asked === 'replace') ? asked : null
  const iso = (d: Date | null) => d?.toISOString() ?? null
  return {
    building,
    live: live ? { createdAt: live.createdAt.toISOString(), createdByEmail: live.createdByEmail } : null,
    feeds: feeds.map((f) => ({ id: f.id, createdAt: f.createdAt.toISOString(), createdByEmail: f.createdByEmail, revokedAt: iso(f.revokedAt) })),
    confirm,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const input = { db: await getDb(), actor, buildingId: params.buildingId }
    if (formData.get('intent') === 'revoke') return data({ ok: true as const, revoked: await revokeCalendarFeed(input) })
    const { url } = await createCalendarFeed(input)
    return data({ ok: true as const, url }, { headers: { 'Cache-Control': 'no-store' } })
  })
}

export default function CalendarFeed() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const path = `/buildings/${d.building.id}/calendar`
  const created = result && 'url' in result ? result.url : null
  const revoked = result && 'revoked' in result
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={t.t('schedule.calendar.title')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }, { to: `/buildings/${d.building.id}`, label: d.building.name }]} />
      <div className="space-y-1 text-sm text-slate-700">
        <p>{t.t('schedule.calendar.intro', { months: feedNoticeHorizonMonths })}</p>
        <p>{t.t('schedule.calendar.secret')}</p>
      </div>
      {created ? <NewFeedUrl url={created} /> : null}
      {revoked ? (
        <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
          {t.t('schedule.calendar.revoked')}
        </p>
      ) : null}
      {d.confirm ? (
        <Form method="post" action={path} className="space-y-3 rounded-lg border border-red-200 bg-white p-5">
          <h2 className="text-lg font-semibold">{t.t(d.confirm === 'revoke' ? 'schedule.calendar.confirmRevokeTitle' : 'schedule.calendar.confirmReplaceTitle')}</h2>
          <p className="text-sm text-slate-700">{t.t(d.confirm === 'revoke' ? 'schedule.calendar.confirmRevokeBody' : 'schedule.calendar.confirmReplaceBody')}</p>
          <div className="flex gap-2">
            <SubmitButton intent={d.confirm} tone="danger">
              {t.t(d.confirm === 'revoke' ? 'schedule.calendar.revoke' : 'schedule.calendar.replace')}
            </SubmitButton>
            <LinkButton to={path}>{t.t('action.cancel')}</LinkButton>
          </div>
        </Form>
      ) : null}
      <Card title={t.t('schedule.calendar.title')}>
        {d.live ? (
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <p>{t.t('schedule.calendar.active', { date: t.dateTime(d.live.createdAt), email: d.live.createdByEmail ?? '—' })}</p>
            <div className="flex gap-2">
              <LinkButton to="?confirm=replace">{t.t('schedule.calendar.replace')}</LinkButton>
              <LinkButton to="?confirm=revoke" tone="danger">{t.t('schedule.calendar.revoke')}</LinkButton>
            </div>
          </div>
        ) : (
          <Form method="post" action={path} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <p>{t.t('schedule.calendar.none')}</p>
            <SubmitButton intent="create">{t.t('schedule.calendar.create')}</SubmitButton>
          </Form>
        )}
      </Card>
      <Card title={t.t('schedule.calendar.history')}>
        {d.feeds.length === 0 ? (
          <EmptyState>{t.t('schedule.calendar.none')}</EmptyState>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">{t.t('schedule.calendar.created')}</th>
                <th scope="col">{t.t('schedule.calendar.by')}</th>
                <th scope="col">{t.t('schedule.calendar.state')}</th>
              </tr>
            </thead>
            <tbody>
              {d.feeds.map((f) => (
                <tr key={f.id}>
                  <td className="tabular-nums">{t.dateTime(f.createdAt)}</td>
                  <td>{f.createdByEmail ?? '—'}</td>
                  <td>{f.revokedAt ? <Badge>{t.t('schedule.calendar.revokedOn', { date: t.dateTime(f.revokedAt) })}</Badge> : <Badge tone="ok">{t.t('schedule.calendar.live')}</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  )
}

/** The new feed URL: shown this once, selectable, with a copy button when JavaScript runs. */
function NewFeedUrl({ url }: { url: string }) {
  const t = useT()
  return <ShownOnce id="new-feed-url" title={t.t('schedule.calendar.createdTitle')} body={t.t('schedule.calendar.createdBody')} label={t.t('schedule.calendar.url')} secret={url} />
}
