import { FileSpreadsheet } from 'lucide-react'
import type { ReactNode } from 'react'
import { href, useActionData, useLoaderData, useSearchParams } from 'react-router'
import { isFormFailure } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { NumberBulkForm, NumberFilters } from '#app/components/number-list.tsx'
import { LinkButton, PageHeader, Pager } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { formAction, formObject, guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { changeNumberHolders, listBuildingNumbers } from '#app/services/numbers.server.ts'
import type { Route } from './+types/index'

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const query = Object.fromEntries(new URL(request.url).searchParams)
  return guarded(async () => listBuildingNumbers({ db: await getDb(), actor, buildingId: params.buildingId, query }))
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request)
  const formData = await request.formData()
  return formAction(formData, async () => {
    const result = await changeNumberHolders({ db: await getDb(), actor, buildingId: params.buildingId, input: formObject(formData) })
    // `at` gives the form a new key after each success, so ticked boxes are cleared.
    return { ok: true as const, at: Date.now(), ...result }
  })
}

export default function NumbersList() {
  const { building, filter, searchInvalid, rows, total, page, pageSize, services, tenants } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = isFormFailure(result) ? result : undefined
  const done = result && !isFormFailure(result) ? result : undefined
  const [searchParams] = useSearchParams()
  const added = Number(searchParams.get('added') ?? '')
  const t = useT()
  const listHref = href('/buildings/:buildingId/numbers', { buildingId: building.id })
  const filtered = Boolean(filter.q || filter.service || filter.tenant || filter.billed || filter.use || filter.status)
  // The spreadsheet holds what the list shows: its filters, all pages.
  const csvQuery = new URLSearchParams([...searchParams].filter(([key]) => key !== 'page' && key !== 'added')).toString()
  const csvHref = `${href('/buildings/:buildingId/numbers.csv', { buildingId: building.id })}${csvQuery ? `?${csvQuery}` : ''}`
  return (
    <div>
      <PageHeader
        title={t.t('numbers.title')}
        subtitle={t.t('numbers.subtitle', { total })}
        crumbs={[
          { to: href('/buildings'), label: t.t('buildings.title') },
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
        ]}
        actions={
          <>
            <LinkButton to={csvHref} reloadDocument>
              <FileSpreadsheet size={16} aria-hidden="true" />
              {t.t('numberExport.link')}
            </LinkButton>
            <LinkButton to={href('/buildings/:buildingId/numbers/new', { buildingId: building.id })} tone="primary">
              {t.t('numbers.add')}
            </LinkButton>
          </>
        }
      />
      {Number.isInteger(added) && added > 0 && !result ? <Status>{t.t('numbers.added', { count: added })}</Status> : null}
      {done ? (
        <Status>
          {done.intent === 'allocate'
            ? t.t('numbers.allocated', { count: done.changed, tenant: done.tenantName ?? '' })
            : t.t('numbers.released', { count: done.changed })}
          {done.unchanged > 0 ? ` ${t.t('numbers.alreadyDone', { count: done.unchanged })}` : ''}
        </Status>
      ) : null}
      <NumberFilters filter={filter} services={services} tenants={tenants} searchInvalid={searchInvalid} resetTo={listHref} />
      <NumberBulkForm
        key={done ? done.at : 'bulk'}
        rows={rows}
        tenants={tenants}
        failure={failure}
        detailHref={(numberId) => href('/buildings/:buildingId/numbers/:numberId', { buildingId: building.id, numberId })}
        emptyText={filtered ? t.t('numbers.noMatch') : t.t('numbers.empty')}
        pager={<Pager total={total} page={page} pageSize={pageSize} />}
        previewAction={href('/buildings/:buildingId/impact', { buildingId: building.id })}
      />
    </div>
  )
}

function Status({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="mb-4 rounded bg-emerald-50 p-2 text-sm text-emerald-800">
      {children}
    </p>
  )
}
