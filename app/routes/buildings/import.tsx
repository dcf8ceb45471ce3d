import { FileUp } from 'lucide-react'
import { data, Form, redirect, useActionData } from 'react-router'
import { Field, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { FileProblems } from '#app/components/impact/upload.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { BodyTooLargeError, readFormDataLimited } from '#app/server/http.server.ts'
import { requireUserWith } from '#app/server/session.server.ts'
import { maxBuildingFileBytes } from '#app/domain/impact/building-file.ts'
import { importUploadedBuildingFile } from '#app/services/building-file.server.ts'
import type { Route } from './+types/import'

export async function loader({ request }: Route.LoaderArgs) {
  await requireUserWith(request, 'building:create')
  return null
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUserWith(request, 'building:create')
  const formData = await readFormDataLimited(request, maxBuildingFileBytes + 100_000).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError) return null
    throw error
  })
  if (!formData) return data({ ok: false as const, fileName: '', problems: [], error: 'tooLarge' as const }, { status: 413 })
  const result = await importUploadedBuildingFile({ db: await getDb(), actor, formData })
  if (result.ok) return redirect(`/buildings/${result.buildingId}`)
  return data(result, { status: 422 })
}

export default function ImportBuilding() {
  const result = useActionData<typeof action>()
  const t = useT()
  const error =
    result?.error === 'missing'
      ? { key: 'buildings.importMissing' as const }
      : result?.error === 'tooLarge'
        ? { key: 'buildings.importTooLarge' as const, params: { mb: maxBuildingFileBytes / 1024 / 1024 } }
        : undefined
  return (
    <>
      <PageHeader title={t.t('buildings.import')} crumbs={[{ to: '/buildings', label: t.t('buildings.title') }]} />
      <div className="max-w-2xl space-y-4">
        <p className="text-sm text-slate-700">{t.t('buildings.importBody')}</p>
        {result && result.problems.length > 0 ? <FileProblems problems={result.problems} fileName={result.fileName} /> : null}
        <Form method="post" encType="multipart/form-data" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <Field label={t.t('buildings.importFile')} name="file" failure={error ? { ok: false, errors: { file: error }, values: {} } : undefined}>
            {(p) => <input {...p} type="file" accept="application/json,.json" required />}
          </Field>
          <SubmitButton>
            <FileUp size={16} aria-hidden="true" />
            {t.t('buildings.importSubmit')}
          </SubmitButton>
        </Form>
      </div>
    </>
  )
}
