import { data, Form, useActionData, useLoaderData } from 'react-router'
import { Field, FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { Card, EmptyState, PageHeader, tableClass } from '#app/components/ui.tsx'
import { listShares, shareBuilding, unshareBuilding } from '#app/services/buildings.server.ts'
import { requireUuid } from '#app/services/scope.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/shares'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => {
    const { building, shares } = await listShares({ db: await getDb(), actor, buildingId: params.buildingId })
    return { building: { id: building.id, name: building.name }, shares: shares.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })) }
  })
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const db = await getDb()
    if (formData.get('intent') === 'revoke') {
      await unshareBuilding({ db, actor, buildingId: params.buildingId, userId: requireUuid(String(formData.get('userId') ?? ''), 'user') })
    } else {
      await shareBuilding({ db, actor, buildingId: params.buildingId, input: formObject(formData) })
    }
    return data({ ok: true as const })
  })
}

export default function Shares() {
  const { building, shares } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <>
      <PageHeader title={t.t('shares.title')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }, { to: `/buildings/${building.id}`, label: building.name }]} />
      <div className="grid max-w-3xl gap-5">
        <p className="text-sm text-slate-700">{t.t('shares.body')}</p>
        <Form method="post" className="flex items-end gap-2">
          <div className="grow">
            <Field label={t.t('shares.email')} name="email" type="email" required failure={failure} />
          </div>
          <SubmitButton intent="share">{t.t('shares.add')}</SubmitButton>
        </Form>
        <FormErrors failure={failure && !failure.errors.email ? failure : undefined} />
        <Card>
          {shares.length === 0 ? (
            <EmptyState>{t.t('shares.empty')}</EmptyState>
          ) : (
            <table className={tableClass}>
              <tbody>
                {shares.map((s) => (
                  <tr key={s.userId}>
                    <td>{s.name}</td>
                    <td>{s.email}</td>
                    <td>{t.dateTime(s.createdAt)}</td>
                    <td className="text-right">
                      <Form method="post">
                        <input type="hidden" name="userId" value={s.userId} />
                        <SubmitButton intent="revoke" tone="plain">{t.t('shares.revoke')}</SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  )
}
