import { Form, Link, useActionData, useLoaderData } from 'react-router'
import { Field, FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { changePassword } from '#app/services/auth.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { ValidationError } from '#app/server/errors.server.ts'
import { formAction } from '#app/server/http.server.ts'
import { readSessionToken, requireUserWith } from '#app/server/session.server.ts'
import type { Route } from './+types/account'

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, 'account:change-password')
  return { user: { email: user.email, name: user.name, role: user.role } }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUserWith(request, 'account:change-password')
  const formData = await request.formData()
  return formAction(formData, async () => {
    const newPassword = String(formData.get('newPassword') ?? '')
    if (newPassword !== String(formData.get('confirmPassword') ?? '')) {
      throw new ValidationError({ confirmPassword: 'password.mismatch' })
    }
    await changePassword({
      db: await getDb(),
      actor,
      currentPassword: String(formData.get('currentPassword') ?? ''),
      newPassword,
      keepToken: await readSessionToken(request),
    })
    return { ok: true as const }
  })
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <div className="max-w-md">
      <PageHeader title={t.t('account.title')} subtitle={t.t('account.signedInAs', { email: user.email, role: t.t(`role.${user.role}`) })} />
      <section className="mb-5 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <h2 className="font-semibold">{t.t('apiTokens.title')}</h2>
        <p className="mt-1 text-slate-700">{t.t('apiTokens.accountBody')}</p>
        <Link to="/account/tokens" className="mt-2 inline-block text-sky-700 underline">
          {t.t('apiTokens.accountLink')}
        </Link>
      </section>
      <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">{t.t('password.title')}</h2>
        {result && !failure ? (
          <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
            {t.t('password.changed')}
          </p>
        ) : null}
        <FormErrors failure={failure} />
        <Field label={t.t('password.current')} name="currentPassword" type="password" autoComplete="current-password" required failure={failure} />
        <Field label={t.t('password.new')} name="newPassword" type="password" autoComplete="new-password" required failure={failure} hint={t.t('password.tooShort')} />
        <Field label={t.t('password.confirm')} name="confirmPassword" type="password" autoComplete="new-password" required failure={failure} />
        <SubmitButton>{t.t('password.submit')}</SubmitButton>
      </Form>
    </div>
  )
}
