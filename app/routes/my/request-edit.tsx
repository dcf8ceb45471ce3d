import { data, redirect, useActionData, useLoaderData } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { isWizardFailure, LockedRequest, pathAfterSave, RequestWizardView } from '#app/components/request-wizard.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUserWith } from '#app/server/session.server.ts'
import { formFields } from '#app/services/impact-form.server.ts'
import { getDraftRequestWizard, saveRequestFromWizard } from '#app/services/request-wizard.server.ts'
import type { Route } from './+types/request-edit'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('wizard.edit.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUserWith(request, 'tenant:view-own')
  const fields = new URL(request.url).searchParams
  return guarded(async () => {
    const wizard = await getDraftRequestWizard({ db: await getDb(), actor, requestId: params.requestId, fields })
    return data(wizard, { status: wizard.status })
  })
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUserWith(request, 'tenant:view-own')
  const fields = formFields(await request.formData())
  return guarded(async () => {
    const result = await saveRequestFromWizard({ db: await getDb(), actor, requestId: params.requestId, fields })
    return result.ok ? redirect(pathAfterSave(result)) : data(result, { status: 400 })
  })
}

export default function EditRequest() {
  const wizard = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  if (wizard.mode === 'locked') return <LockedRequest request={wizard.request} />
  return <RequestWizardView title={t.t('wizard.edit.title')} screen={wizard} failure={isWizardFailure(result) ? result : undefined} />
}
