import { data, Form, useActionData, useLoaderData } from 'react-router'
import { NewTokenSecret, RevokeConfirm, TokenTable } from '#app/components/api-tokens.tsx'
import { Field, FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { Card, PageHeader } from '#app/components/ui.tsx'
import { createApiToken, listApiTokens, revokeApiToken } from '#app/services/api-tokens.server.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/tokens'

const path = '/account/tokens'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('apiTokens.title'))

// A page that once shows a secret is never kept by a browser or proxy cache.
export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const tokens = (await listApiTokens({ db: await getDb(), actor })).map((token) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  }))
  const revoke = new URL(request.url).searchParams.get('revoke')
  return { tokens, confirm: tokens.find((token) => token.id === revoke && token.revokedAt === null) ?? null }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const db = await getDb()
    if (formData.get('intent') === 'revoke') {
      const token = await revokeApiToken({ db, actor, tokenId: String(formData.get('tokenId') ?? '') })
      return data({ ok: true as const, revoked: token.name })
    }
    const { token, secret } = await createApiToken({ db, actor, name: formData.get('name') ?? '' })
    return data({ ok: true as const, created: { name: token.name, secret } }, { headers: { 'Cache-Control': 'no-store' } })
  })
}

export default function ApiTokens() {
  const { tokens, confirm } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const created = result && 'created' in result ? result.created : null
  const revoked = result && 'revoked' in result ? result.revoked : null
  const t = useT()
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={t.t('apiTokens.title')} crumbs={[{ to: '/account', label: t.t('account.title') }]} />
      <div className="space-y-1 text-sm text-slate-700">
        <p>{t.t('apiTokens.intro')}</p>
        <p>
          {t.t('apiTokens.docs')}{' '}
          <a href="/api/v1/openapi.json" className="font-mono text-sky-700 underline">
            /api/v1/openapi.json
          </a>
        </p>
      </div>
      {created ? <NewTokenSecret name={created.name} secret={created.secret} /> : null}
      {revoked ? (
        <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
          {t.t('apiTokens.revoked', { name: revoked })}
        </p>
      ) : null}
      {confirm ? <RevokeConfirm token={confirm} action={path} cancelTo={path} /> : null}
      <Form method="post" action={path} key={tokens.length} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">{t.t('apiTokens.new')}</h2>
        <FormErrors failure={failure} />
        <div className="flex flex-wrap items-end gap-2">
          <div className="grow">
            <Field label={t.t('apiTokens.name')} name="name" required failure={failure} hint={t.t('apiTokens.nameHint')} />
          </div>
          <SubmitButton intent="create">{t.t('apiTokens.create')}</SubmitButton>
        </div>
      </Form>
      <Card title={t.t('apiTokens.listTitle')}>
        <TokenTable tokens={tokens} />
      </Card>
    </div>
  )
}
