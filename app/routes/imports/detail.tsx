import { useEffect } from 'react'
import { data, Form, href, Link, redirect, useActionData, useLoaderData, useRevalidator } from 'react-router'
import { FormErrors, isFormFailure, SubmitButton } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { DryRunSummary, ImportProgressBar, ImportStateBadge, MappingForm } from '#app/components/import-job.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader, tableClass } from '#app/components/ui.tsx'
import { isWorkingImport } from '#app/domain/imports/jobs.ts'
import { isMessageKey } from '#app/i18n/index.ts'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { cancelImport, getImportView, requestImportApply, retryImport, submitImportMapping } from '#app/services/carrier-imports.server.ts'
import type { Route } from './+types/detail'

export const meta: Route.MetaFunction = ({ matches, loaderData }) => pageTitle(matches, (t) => `${t.t('imports.title')}: ${loaderData?.job.fileName ?? ''}`)

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getImportView({ db: await getDb(), actor, buildingId: params.buildingId, jobId: params.importId }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  const input = formObject(formData)
  const args = { db: await getDb(), actor, buildingId: params.buildingId, jobId: params.importId }
  const self = href('/buildings/:buildingId/imports/:importId', { buildingId: params.buildingId, importId: params.importId })
  return formAction(formData, async () => {
    switch (input.intent) {
      case 'apply':
        await requestImportApply({ ...args, input })
        return redirect(self)
      case 'retry':
        await retryImport(args)
        return redirect(self)
      case 'cancel':
        await cancelImport(args)
        return redirect(href('/buildings/:buildingId/imports', { buildingId: params.buildingId }))
      case 'preview':
      case 'start':
        await submitImportMapping({ ...args, input })
        return redirect(self)
      default:
        return data({ ok: false as const, errors: { _form: { key: 'field.invalidChoice' as const } }, values: {} }, { status: 400 })
    }
  })
}

/**
 * While the server works, ask it again every second. Without JavaScript the progress section offers
 * a plain link to the same page instead (a meta refresh would also fire with JavaScript on, reloading
 * the page under the user).
 */
function usePolling(active: boolean) {
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') void revalidator.revalidate()
    }, 1_000)
    return () => clearInterval(timer)
  }, [active, revalidator])
}

export default function ImportJobPage() {
  const { building, job, progress, errors } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const t = useT()
  usePolling(isWorkingImport(job.state))
  const listHref = href('/buildings/:buildingId/imports', { buildingId: building.id })
  const self = href('/buildings/:buildingId/imports/:importId', { buildingId: building.id, importId: job.id })
  const errorsHref = href('/buildings/:buildingId/imports/:importId/errors.csv', { buildingId: building.id, importId: job.id })
  const canCancel = job.state === 'mapping' || job.state === 'parsing' || job.state === 'ready' || job.state === 'failed'
  return (
    <>
      <PageHeader
        title={job.fileName}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <ImportStateBadge state={job.state} /> {t.t(`imports.kind.${job.kind}`)} · {job.carrierName ?? '—'} · {t.t('imports.uploadedBy', { by: job.createdByEmail, when: t.dateTime(job.createdAt) })}
          </span>
        }
        crumbs={[
          { to: '/buildings', label: t.t('buildings.title') },
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
          { to: listHref, label: t.t('imports.title') },
        ]}
      />
      {job.state === 'mapping' ? (
        <MappingForm kind={job.kind} format={job.format} headers={job.headers} preview={job.preview} mapping={job.mapping} markMissing={job.markMissing} canSave={job.carrierId !== null} failure={failure} />
      ) : null}
      {isWorkingImport(job.state) ? <ImportProgressBar state={job.state} progress={progress} refreshHref={self} /> : null}
      {job.state === 'failed' ? (
        <div role="alert" className="mb-4 space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p>{t.t('imports.failed', { error: job.error ?? '' })}</p>
          <FormErrors failure={failure} />
          <Form method="post">
            <SubmitButton intent="retry" tone="plain">
              {t.t('imports.retry')}
            </SubmitButton>
          </Form>
        </div>
      ) : null}
      {job.state === 'applied' && job.summary?.applied ? (
        <p role="status" className="mb-4 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t.t('imports.appliedNotice', { when: job.finishedAt ? t.dateTime(job.finishedAt) : '' })}
        </p>
      ) : null}
      {job.summary && (job.state === 'ready' || job.state === 'applied' || job.state === 'applying') ? <DryRunSummary summary={job.summary} /> : null}
      {job.badRows > 0 && (job.state === 'ready' || job.state === 'applied') ? (
        <section aria-labelledby="bad-rows-title" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-5">
          <h2 id="bad-rows-title" className="mb-1 text-base font-semibold text-amber-950">
            {t.t('imports.errors.title', { count: t.count(job.badRows) })}
          </h2>
          <p className="mb-2 text-sm text-amber-950">
            <a className="underline" href={errorsHref} download>
              {t.t('imports.errors.download')}
            </a>
          </p>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">{t.t('imports.errors.line')}</th>
                <th scope="col">{t.t('imports.errors.problem')}</th>
                <th scope="col">{t.t('imports.errors.value')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e) => (
                <tr key={`${e.line}-${e.problem}`}>
                  <td className="tabular-nums">{e.line}</td>
                  <td>{isMessageKey(e.problem) ? t.t(e.problem) : e.problem}</td>
                  <td className="font-mono text-xs">{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {job.badRows > errors.length ? <p className="mt-2 text-xs text-amber-950">{t.t('imports.errors.more', { count: t.count(job.badRows - errors.length) })}</p> : null}
        </section>
      ) : null}
      {job.state === 'ready' ? (
        <Form method="post" className="mb-6 space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold">{t.t('imports.apply.title')}</h2>
          <FormErrors failure={failure} />
          {job.badRows > 0 ? (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="excludeBadRows" className="mt-1" aria-invalid={Boolean(failure?.errors.excludeBadRows)} />
              <span>{t.t('imports.apply.exclude', { count: t.count(job.badRows) })}</span>
            </label>
          ) : null}
          {failure?.errors.excludeBadRows ? <p className="text-sm text-red-700">{t.t(failure.errors.excludeBadRows.key, failure.errors.excludeBadRows.params)}</p> : null}
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="confirm" value="yes" required className="mt-1" />
            <span>{t.t(job.kind === 'inventory' ? 'imports.apply.confirmInventory' : 'imports.apply.confirmInvoice')}</span>
          </label>
          {failure?.errors.confirm ? <p className="text-sm text-red-700">{t.t(failure.errors.confirm.key)}</p> : null}
          <SubmitButton intent="apply">{t.t('imports.apply.button')}</SubmitButton>
        </Form>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {canCancel ? (
          <Form method="post">
            <SubmitButton intent="cancel" tone="plain">
              {t.t('imports.cancel')}
            </SubmitButton>
          </Form>
        ) : null}
        <Link className="text-sm text-sky-800 underline" to={listHref}>
          {t.t('imports.backToList')}
        </Link>
      </div>
    </>
  )
}
