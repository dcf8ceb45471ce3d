import { data, Form, useActionData, useLoaderData } from 'react-router'
import { Field, FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { Card, EmptyState, PageHeader, tableClass } from '#app/components/ui.tsx'
import { createTenantLogin, listTenantLogins, removeTenantLogin } from '#app/services/users.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/users'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => {
    const r = await listTenantLogins({ db: await getDb(), actor, buildingId: params.buildingId, tenantId: params.tenantId })
    return { ...r, users: r.users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) }
  })
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const db = await getDb()
    const scope = { db, actor, buildingId: params.buildingId, tenantId: params.tenantId }
    if (formData.get('intent') === 'remove') {
      await removeTenantLogin({ ...scope, userId: String(formData.get('userId') ?? '') })
      return data({ ok: true as const, created: false })
    }
    await createTenantLogin({ ...scope, input: formObject(formData) })
    return data({ ok: true as const, created: true })
  })
}

export default function TenantLogins() {
  const { building, tenant, users } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  const base = `/buildings/${building.id}`
  return (
    <>
      <PageHeader
        title={t.t('users.title', { tenant: tenant.legalName })}
        crumbs={[{ to: base, label: building.name }, { to: `${base}/tenants/${tenant.id}`, label: tenant.legalName }]}
      />
      <div className="grid max-w-3xl gap-5">
        <p className="text-sm text-slate-700">{t.t('users.body')}</p>
        <Card>
          {users.length === 0 ? (
            <EmptyState>{t.t('users.empty')}</EmptyState>
          ) : (
            <table className={tableClass}>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <td>{u.email}</td>
                    <td>{t.dateTime(u.createdAt)}</td>
                    <td className="text-right">
                      <Form method="post">
                        <input type="hidden" name="userId" value={u.id} />
                        <SubmitButton intent="remove" tone="plain">{t.t('users.remove')}</SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Form method="post" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" key={result && !failure ? 'done' : 'form'}>
          <h2 className="font-semibold">{t.t('users.add')}</h2>
          {result && 'created' in result && result.created ? <p role="status" className="text-sm text-emerald-800">{t.t('users.created')}</p> : null}
          <FormErrors failure={failure} />
          <Field label={t.t('users.name')} name="name" required failure={failure} />
          <Field label={t.t('users.email')} name="email" type="email" required failure={failure} />
          <Field label={t.t('users.password')} name="password" type="password" autoComplete="new-password" required failure={failure} hint={t.t('users.passwordHint')} />
          <SubmitButton intent="create">{t.t('users.add')}</SubmitButton>
        </Form>
      </div>
    </>
  )
}
