import { data, Form, redirect, useActionData, useLoaderData, useSearchParams } from 'react-router'
import { z } from 'zod'
import { Field, FormErrors, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { homePath } from '#app/domain/permissions.ts'
import { logIn } from '#app/services/auth.server.ts'
import { listDemoLogins } from '#app/services/demo.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { showDemoLogins } from '#app/server/env.server.ts'
import { clientIp, formObject } from '#app/server/http.server.ts'
import { commitSessionToken, getOptionalUser, safeRedirect } from '#app/server/session.server.ts'
import type { Route } from './+types/login'

export const meta: Route.MetaFunction = () => [{ title: 'Sharedline' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getOptionalUser(request)
  if (user) throw redirect(homePath(user.role))
  return { demo: showDemoLogins() ? await listDemoLogins(await getDb()) : null }
}

const loginInput = z.object({ email: z.string().trim().min(1), password: z.string().min(1), redirectTo: z.string().optional() })

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData()
  const parsed = loginInput.safeParse(formObject(formData))
  const email = typeof formData.get('email') === 'string' ? String(formData.get('email')) : ''
  if (!parsed.success) return data({ error: 'login.failed' as const, minutes: 0, email }, { status: 400 })
  const result = await logIn({ db: await getDb(), email: parsed.data.email, password: parsed.data.password, ip: clientIp(request) })
  if (!result.ok) {
    return result.reason === 'throttled'
      ? data({ error: 'login.throttled' as const, minutes: result.retryMinutes, email }, { status: 429 })
      : data({ error: 'login.failed' as const, minutes: 0, email }, { status: 401 })
  }
  return redirect(safeRedirect(parsed.data.redirectTo, homePath(result.user.role)), {
    headers: { 'Set-Cookie': await commitSessionToken(result.token) },
  })
}

export default function Login() {
  const { demo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  return (
    <main className="mx-auto mt-16 max-w-sm space-y-6 px-4">
      <div>
        <p className="text-2xl font-semibold text-sky-800">{t.t('app.name')}</p>
        <p className="text-sm text-slate-600">{t.t('app.tagline')}</p>
      </div>
      <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
        <h1 className="text-lg font-semibold">{t.t('login.title')}</h1>
        {actionData ? (
          <FormErrors failure={{ ok: false, errors: { _form: { key: actionData.error, params: { minutes: actionData.minutes } } }, values: {} }} />
        ) : null}
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field label={t.t('login.email')} name="email" type="email" autoComplete="username" required defaultValue={actionData?.email} />
        <Field label={t.t('login.password')} name="password" type="password" autoComplete="current-password" required />
        <SubmitButton>{t.t('login.submit')}</SubmitButton>
      </Form>
      <form method="post" action="/lang" className="text-sm">
        <input type="hidden" name="redirectTo" value="/login" />
        <span className="mr-2 text-slate-600">{t.t('lang.switch')}:</span>
        <button name="locale" value="nl" className="mr-2 underline">
          {t.t('lang.nl')}
        </button>
        <button name="locale" value="en" className="underline">
          {t.t('lang.en')}
        </button>
      </form>
      {demo && demo.logins.length > 0 ? (
        <section className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
          <h2 className="font-semibold">{t.t('login.demoTitle')}</h2>
          <ul className="mt-2 space-y-1">
            {demo.logins.map((d) => (
              <li key={d.email}>
                <span className="font-mono">{d.email}</span> — {t.t(`role.${d.role}`)}
                {d.label ? ` (${d.label})` : ''}
              </li>
            ))}
          </ul>
          <p className="mt-2">{t.t('login.demoPassword', { password: demo.password })}</p>
        </section>
      ) : null}
    </main>
  )
}
