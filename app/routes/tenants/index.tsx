import { Form, href, Link, useLoaderData } from 'react-router'
import { ContactTable } from '#app/components/contact-list.tsx'
import { inputClass } from '#app/components/form.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { TenantPresence } from '#app/components/tenant-presence.tsx'
import { Card, EmptyState, LinkButton, PageHeader, Pager, tableClass } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { pageFromUrl } from '#app/services/pagination.ts'
import { listTenants } from '#app/services/tenants.server.ts'
import type { Route } from './+types/index'

export const meta: Route.MetaFunction = ({ matches, data }) =>
  pageTitle(matches, (t) => (data ? `${t.t('tenants.title')} · ${data.building.name}` : t.t('tenants.title')))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  const url = new URL(request.url)
  return guarded(async () =>
    listTenants({
      db: await getDb(),
      actor,
      buildingId: params.buildingId,
      query: { q: url.searchParams.get('q'), status: url.searchParams.get('status') },
      page: pageFromUrl(url),
    }),
  )
}

export default function TenantList() {
  const { building, filter, tenants, total, page, pageSize, buildingContacts } = useLoaderData<typeof loader>()
  const t = useT()
  const buildingId = building.id
  const maxNumbers = Math.max(1, ...tenants.map((r) => r.numberCount))
  const filtered = filter.q !== '' || filter.status !== 'all'
  return (
    <div className="space-y-5">
      <PageHeader
        title={t.t('tenants.title')}
        subtitle={building.name}
        crumbs={[
          { to: href('/buildings'), label: t.t('nav.buildings') },
          { to: href('/buildings/:buildingId', { buildingId }), label: building.name },
        ]}
        actions={
          <LinkButton tone="primary" to={href('/buildings/:buildingId/tenants/new', { buildingId })}>
            {t.t('tenants.new')}
          </LinkButton>
        }
      />
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="tenant-q" className="block text-sm font-medium text-slate-800">
            {t.t('tenants.search')}
          </label>
          <input id="tenant-q" name="q" type="search" defaultValue={filter.q} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="tenant-status" className="block text-sm font-medium text-slate-800">
            {t.t('tenants.status')}
          </label>
          <select id="tenant-status" name="status" defaultValue={filter.status} className={inputClass}>
            <option value="all">{t.t('tenants.status.all')}</option>
            <option value="present">{t.t('tenants.status.present')}</option>
            <option value="movedOut">{t.t('tenants.status.movedOut')}</option>
          </select>
        </div>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          {t.t('action.filter')}
        </button>
        {filtered ? (
          <Link to={href('/buildings/:buildingId/tenants', { buildingId })} className="py-1.5 text-sm text-sky-700 hover:underline">
            {t.t('action.reset')}
          </Link>
        ) : null}
      </Form>
      {tenants.length === 0 ? (
        <EmptyState>{filtered ? t.t('tenants.noMatch') : t.t('tenants.empty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass}>
            <caption className="sr-only">{t.t('tenants.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('tenant.legalName')}</th>
                <th scope="col">{t.t('tenant.kvkNumber')}</th>
                <th scope="col">{t.t('tenant.unit')}</th>
                <th scope="col">{t.t('tenant.moveIn')}</th>
                <th scope="col">{t.t('tenants.status')}</th>
                <th scope="col" className="text-right">
                  {t.t('tenants.numbers')}
                </th>
                <th scope="col" className="text-right">
                  {t.t('tenants.contacts')}
                </th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link className="font-medium text-sky-700 hover:underline" to={href('/buildings/:buildingId/tenants/:tenantId', { buildingId, tenantId: row.id })}>
                      {row.legalName}
                    </Link>
                  </td>
                  <td className="tabular-nums">{row.kvkNumber}</td>
                  <td>{row.unit || t.t('none')}</td>
                  <td className="whitespace-nowrap">{t.date(row.moveIn)}</td>
                  <td>
                    <TenantPresence moveOut={row.moveOut} movedOut={row.movedOut} />
                  </td>
                  <td className="text-right">
                    <span className="inline-flex items-center justify-end gap-2">
                      <span aria-hidden="true" className="hidden h-2 w-24 overflow-hidden rounded bg-slate-100 sm:inline-block">
                        <span className="block h-2 rounded bg-sky-600" style={{ width: `${(row.numberCount / maxNumbers) * 100}%` }} />
                      </span>
                      <span className="w-12 tabular-nums">{t.count(row.numberCount)}</span>
                    </span>
                  </td>
                  <td className="text-right tabular-nums">{t.count(row.contactCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager total={total} page={page} pageSize={pageSize} />
      <Card
        title={t.t('tenants.buildingContacts')}
        actions={
          <LinkButton to={href('/buildings/:buildingId/contacts/new', { buildingId })}>{t.t('tenants.addBuildingContact')}</LinkButton>
        }
      >
        <p className="mb-3 text-sm text-slate-600">{t.t('tenants.buildingContactsBody')}</p>
        <ContactTable
          contacts={buildingContacts}
          empty={t.t('tenants.noBuildingContacts')}
          caption={t.t('tenants.buildingContacts')}
          hrefs={(c) => ({
            edit: href('/buildings/:buildingId/contacts/:contactId/edit', { buildingId, contactId: c.id }),
            delete: href('/buildings/:buildingId/contacts/:contactId/delete', { buildingId, contactId: c.id }),
          })}
        />
      </Card>
    </div>
  )
}
