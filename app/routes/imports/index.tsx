import { data, Form, href, Link, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormErrors, isFormFailure, SubmitButton, valueOf } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { ImportStateBadge } from '#app/components/import-job.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { EmptyState, PageHeader, Pager, tableClass } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { ValidationError, type FieldMessage } from '#app/server/errors.server.ts'
import { formAction, guarded } from '#app/server/http.server.ts'
import { importMaxBytes, storeUpload, UploadTooLargeError } from '#app/server/import-files.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { pageFromUrl } from '#app/services/pagination.ts'
import { getImportsPage, startCarrierImport } from '#app/services/carrier-imports.server.ts'
import type { Route } from './+types/index'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('imports.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const { page } = pageFromUrl(new URL(request.url))
  return guarded(async () => ({ ...(await getImportsPage({ db: await getDb(), actor, buildingId: params.buildingId, page })), maxMb: Math.round(importMaxBytes() / 1024 / 1024) }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const db = await getDb()
  let fields: Record<string, string> = {}
  return formAction(new FormData(), async () => {
    try {
      const upload = await storeUpload(request)
      fields = upload.fields
      const started = await startCarrierImport({ db, actor, buildingId: params.buildingId, upload })
      return redirect(href('/buildings/:buildingId/imports/:importId', { buildingId: params.buildingId, importId: started.jobId }))
    } catch (error) {
      if (error instanceof UploadTooLargeError) {
        const errors: Record<string, FieldMessage> = { file: { key: 'imports.tooLarge', params: { mb: Math.round(error.limit / 1024 / 1024) } } }
        return data({ ok: false as const, errors, values: fields }, { status: 413 })
      }
      if (error instanceof ValidationError) return data({ ok: false as const, errors: error.fields, values: fields }, { status: 400 })
      throw error
    }
  })
}

export default function Imports() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const navigation = useNavigation()
  const t = useT()
  const buildingHref = href('/buildings/:buildingId', { buildingId: d.building.id })
  const fileError = failure?.errors.file
  return (
    <>
      <PageHeader
        title={t.t('imports.title')}
        subtitle={t.t('imports.intro')}
        crumbs={[{ to: '/buildings', label: t.t('buildings.title') }, { to: buildingHref, label: d.building.name }]}
        actions={<Link className="text-sm text-sky-800 underline" to={href('/buildings/:buildingId/reconciliation', { buildingId: d.building.id })}>{t.t('reconciliation.title')}</Link>}
      />
      {d.open ? (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t.t('imports.openNotice', { file: d.open.fileName, by: d.open.createdByEmail })}{' '}
          <Link className="underline" to={href('/buildings/:buildingId/imports/:importId', { buildingId: d.building.id, importId: d.open.id })}>
            {t.t('imports.openLink')}
          </Link>
        </p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="mb-6 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold">{t.t('imports.uploadTitle')}</h2>
          <FormErrors failure={failure} />
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">{t.t('imports.kind')}</legend>
            {(['inventory', 'invoice'] as const).map((kind) => (
              <label key={kind} className="flex items-start gap-2 text-sm">
                <input type="radio" name="kind" value={kind} defaultChecked={valueOf(failure, 'kind', 'inventory') === kind} className="mt-1" />
                <span>
                  {t.t(`imports.kind.${kind}`)} <span className="block text-xs text-slate-600">{t.t(`imports.kindHint.${kind}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="import-carrier" className="block text-sm font-medium">
              {t.t('imports.carrier')}
            </label>
            <select id="import-carrier" name="carrierId" required defaultValue={valueOf(failure, 'carrierId', d.carriers.find((c) => c.inBuilding)?.id ?? '')} aria-invalid={Boolean(failure?.errors.carrierId)} className="block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm">
              <option value="">{t.t('imports.chooseCarrier')}</option>
              {d.carriers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {failure?.errors.carrierId ? <p className="text-sm text-red-700">{t.t(failure.errors.carrierId.key, failure.errors.carrierId.params)}</p> : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="import-file" className="block text-sm font-medium">
              {t.t('imports.file')}
            </label>
            <input id="import-file" type="file" name="file" accept=".csv,.txt,text/csv" required aria-invalid={Boolean(fileError)} aria-describedby="import-file-hint" className="block text-sm" />
            <p id="import-file-hint" className="text-xs text-slate-600">
              {t.t('imports.fileHint', { mb: d.maxMb })}
            </p>
            {fileError ? <p className="text-sm text-red-700">{t.t(fileError.key, fileError.params)}</p> : null}
          </div>
          <SubmitButton>{navigation.state === 'submitting' ? t.t('imports.uploading') : t.t('imports.upload')}</SubmitButton>
        </Form>
      )}
      <h2 className="mb-2 text-base font-semibold">{t.t('imports.history')}</h2>
      {d.rows.length === 0 ? (
        <EmptyState>{t.t('imports.none')}</EmptyState>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{t.t('imports.when')}</th>
              <th scope="col">{t.t('imports.kind')}</th>
              <th scope="col">{t.t('imports.carrier')}</th>
              <th scope="col">{t.t('imports.file')}</th>
              <th scope="col" className="text-right">{t.t('imports.rows')}</th>
              <th scope="col">{t.t('imports.state')}</th>
              <th scope="col">{t.t('imports.by')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((job) => (
              <tr key={job.id}>
                <td className="whitespace-nowrap tabular-nums">{t.dateTime(job.createdAt)}</td>
                <td>{t.t(`imports.kind.${job.kind}`)}</td>
                <td>{job.carrierName ?? '—'}</td>
                <td>
                  <Link className="text-sky-800 underline" to={href('/buildings/:buildingId/imports/:importId', { buildingId: d.building.id, importId: job.id })}>
                    {job.fileName}
                  </Link>
                </td>
                <td className="text-right tabular-nums">{t.count(job.rowsDone)}</td>
                <td>
                  <ImportStateBadge state={job.state} />
                </td>
                <td>{job.createdByEmail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager total={d.total} page={d.page} pageSize={d.pageSize} />
    </>
  )
}
