import { data, Form, href, useActionData, useLoaderData } from 'react-router'
import { Field, FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { ShareTable } from '#app/components/share-table.tsx'
import { Card, PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { listMyProspectShares, shareAsProspect, withdrawProspectShare } from '#app/services/shares.server.ts'
import type { Route } from './+types/my-share'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('prospect.myTitle'))

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => listMyProspectShares({ db: await getDb(), actor }))
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const db = await getDb()
    if (formData.get('intent') === 'withdraw') await withdrawProspectShare({ db, actor, userId: String(formData.get('userId') ?? '') })
    else await shareAsProspect({ db, actor, input: formObject(formData) })
    return data({ ok: true as const, at: Date.now() })
  })
}

export default function MyProspectShares() {
  const { company, building, shares } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const done = result && !isFormFailure(result) ? result : undefined
  const t = useT()
  return (
    <div className="max-w-3xl space-y-5">
      <PageHeader title={t.t('prospect.myTitle')} subtitle={company.legalName} crumbs={[{ to: href('/my'), label: t.t('nav.my') }]} />
      <p className="text-sm text-slate-700">{t.t('prospect.myBody', { building: building.name, company: company.legalName })}</p>
      <Form method="post" className="flex flex-wrap items-end gap-2" key={done ? done.at : 'share'}>
        <div className="grow">
          <Field label={t.t('shares.email')} name="email" type="email" required failure={failure} />
        </div>
        <SubmitButton intent="share">{t.t('prospect.myShare')}</SubmitButton>
      </Form>
      <FormErrors failure={failure && !failure.errors.email ? failure : undefined} />
      <Card title={t.t('prospect.myList')}>
        <ShareTable shares={shares} empty={t.t('prospect.myEmpty')} removeIntent="withdraw" removeLabel={t.t('prospect.withdraw')} />
      </Card>
    </div>
  )
}
