import { data, Form, useActionData, useLoaderData } from 'react-router'
import { FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { Badge, EmptyState, PageHeader, Pager, tableClass } from '#app/components/ui.tsx'
import { listBuildingOutbox, retryOutboxMail } from '#app/services/outbox.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/outbox'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('schedule.outbox.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => listBuildingOutbox({ db: await getDb(), actor, buildingId: params.buildingId, url: new URL(request.url) }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const mail = await retryOutboxMail({ db: await getDb(), actor, buildingId: params.buildingId, mailId: String(formData.get('mailId') ?? '') })
    return data({ ok: true as const, retried: mail.toEmail })
  })
}

const statusTone = { pending: 'info', sent: 'ok', failed: 'danger' } as const

export default function Outbox() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const retried = result && 'retried' in result ? result.retried : null
  const t = useT()
  return (
    <>
      <PageHeader title={t.t('schedule.outbox.title')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }, { to: `/buildings/${d.building.id}`, label: d.building.name }]} />
      <p className={`mb-4 rounded border p-3 text-sm ${d.smtpConfigured ? 'border-sky-200 bg-sky-50 text-sky-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}>
        {d.smtpConfigured ? t.t('schedule.outbox.smtpOn', { max: d.maxAttempts }) : t.t('schedule.outbox.smtpOff')}
      </p>
      <div className="mb-3 space-y-2">
        <FormErrors failure={failure} />
        {retried ? (
          <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
            {t.t('schedule.outbox.retried', { email: retried })}
          </p>
        ) : null}
      </div>
      {d.mails.length === 0 ? (
        <EmptyState>{t.t('schedule.outbox.empty')}</EmptyState>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{t.t('schedule.outbox.when')}</th>
              <th scope="col">{t.t('schedule.outbox.event')}</th>
              <th scope="col">{t.t('schedule.outbox.to')}</th>
              <th scope="col">{t.t('schedule.outbox.subject')}</th>
              <th scope="col">{t.t('schedule.outbox.status')}</th>
              <th scope="col" className="text-right">{t.t('schedule.outbox.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {d.mails.map((m) => (
              <tr key={m.id} className="align-top">
                <td className="whitespace-nowrap tabular-nums">{t.dateTime(m.createdAt)}</td>
                <td className="font-mono text-xs">{m.event}</td>
                <td>{m.toEmail}</td>
                <td>
                  <details>
                    <summary className="cursor-pointer">
                      {m.subject} <span className="sr-only">({t.t('schedule.outbox.showBody')})</span>
                    </summary>
                    <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs whitespace-pre-wrap">{m.body}</pre>
                  </details>
                  {m.lastError ? (
                    <p className="mt-1 text-xs text-red-800">
                      {t.t('schedule.outbox.lastError')}: {m.lastError}
                    </p>
                  ) : null}
                </td>
                <td className="whitespace-nowrap">
                  <Badge tone={statusTone[m.status]}>{t.t(`schedule.outbox.status.${m.status}`)}</Badge>
                  {m.sentAt ? <div className="text-xs text-slate-600">{t.t('schedule.outbox.sentAt', { when: t.dateTime(m.sentAt) })}</div> : null}
                  {m.status === 'failed' ? (
                    <Form method="post" className="mt-1">
                      <input type="hidden" name="mailId" value={m.id} />
                      <SubmitButton tone="plain" intent="retry">
                        {t.t('schedule.outbox.retry')}
                        <span className="sr-only"> ({m.toEmail})</span>
                      </SubmitButton>
                    </Form>
                  ) : null}
                </td>
                <td className="text-right tabular-nums">{t.count(m.attempts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager total={d.total} page={d.page} pageSize={d.pageSize} />
    </>
  )
}
