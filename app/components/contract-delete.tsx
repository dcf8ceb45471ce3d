import type { ReactNode } from 'react'
import { Form, href, Link } from 'react-router'
import { FormErrors, SubmitButton, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { PageHeader } from './ui.tsx'

/**
 * The confirmation step (under the page's own heading) before deleting a contract or service. When
 * something still depends on it (`blocker`), the page says so and offers no delete button.
 */
export function DeleteConfirmation({
  summary,
  blocker,
  failure,
  cancelTo,
}: {
  summary: ReactNode
  blocker: string | null
  failure: FormFailureLike | undefined
  cancelTo: string
}) {
  const t = useT()
  return (
    <section className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <p className="text-sm text-slate-700">{summary}</p>
      <FormErrors failure={failure} />
      {blocker ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {blocker}
        </p>
      ) : (
        <p className="text-sm text-slate-700">{t.t('confirm.deleteBody')}</p>
      )}
      <div className="flex gap-2">
        {blocker ? null : (
          <Form method="post">
            <SubmitButton tone="danger">{t.t('action.confirmDelete')}</SubmitButton>
          </Form>
        )}
        <Link to={cancelTo} className="inline-flex items-center rounded border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50">
          {t.t(blocker ? 'action.back' : 'action.cancel')}
        </Link>
      </div>
    </section>
  )
}

/** The whole delete page of something in a building: heading with the building crumb, then the confirmation. */
export function BuildingDeletePage({
  building,
  what,
  summary,
  blocker,
  failure,
}: {
  building: { id: string; name: string }
  what: string
  summary: ReactNode
  blocker: string | null
  failure: FormFailureLike | undefined
}) {
  const t = useT()
  const overview = href('/buildings/:buildingId', { buildingId: building.id })
  return (
    <div>
      <PageHeader title={t.t('confirm.deleteTitle', { what })} crumbs={[{ to: overview, label: building.name }]} />
      <DeleteConfirmation summary={summary} blocker={blocker} failure={failure} cancelTo={overview} />
    </div>
  )
}
