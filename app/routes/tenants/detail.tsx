import { href, useLoaderData } from 'react-router'
import { ContactTable } from '#app/components/contact-list.tsx'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { TenantPresence } from '#app/components/tenant-presence.tsx'
import { Badge, Card, EmptyState, LinkButton, PageHeader, tableClass } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getTenantDetail } from '#app/services/tenants.server.ts'
import type { Route } from './+types/detail'

export const meta: Route.MetaFunction = ({ matches, data }) => pageTitle(matches, (t) => data?.tenant.legalName ?? t.t('tenants.title'))

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getTenantDetail({ db: await getDb(), actor, buildingId: params.buildingId, tenantId: params.tenantId }))
}

export default function TenantDetail() {
  const { building, tenant, contacts, numberCount, services } = useLoaderData<typeof loader>()
  const t = useT()
  const ids = { buildingId: building.id, tenantId: tenant.id }
  return (
    <div className="space-y-5">
      <PageHeader
        title={tenant.legalName}
        subtitle={`${t.t('tenant.kvkNumber')} ${tenant.kvkNumber}`}
        crumbs={[
          { to: href('/buildings/:buildingId', { buildingId: building.id }), label: building.name },
          { to: href('/buildings/:buildingId/tenants', { buildingId: building.id }), label: t.t('tenants.title') },
        ]}
        actions={
          <>
            <LinkButton to={`${href('/buildings/:buildingId/impact', { buildingId: building.id })}?tenant=${tenant.id}`} tone="primary">
              {t.t('impact.nav.impact')}
            </LinkButton>
            <LinkButton to={`${href('/buildings/:buildingId/move-out', { buildingId: building.id })}?tenant=${tenant.id}`}>{t.t('impact.nav.moveOut')}</LinkButton>
            <LinkButton to={href('/buildings/:buildingId/tenants/:tenantId/users', ids)}>{t.t('users.manage')}</LinkButton>
            <LinkButton to={href('/buildings/:buildingId/tenants/:tenantId/edit', ids)}>{t.t('tenant.edit')}</LinkButton>
            <LinkButton tone="danger" to={href('/buildings/:buildingId/tenants/:tenantId/delete', ids)}>
              {t.t('tenant.delete')}
            </LinkButton>
          </>
        }
      />
      <div className="grid gap-5 lg:grid-cols-3">
        <Card title={t.t('tenant.company')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-slate-600">{t.t('tenant.legalName')}</dt>
            <dd>{tenant.legalName}</dd>
            <dt className="text-slate-600">{t.t('tenant.kvkNumber')}</dt>
            <dd className="tabular-nums">{tenant.kvkNumber}</dd>
            <dt className="text-slate-600">{t.t('tenant.unit')}</dt>
            <dd>{tenant.unit || t.t('none')}</dd>
            <dt className="text-slate-600">{t.t('tenant.moveIn')}</dt>
            <dd>{t.date(tenant.moveIn)}</dd>
            <dt className="text-slate-600">{t.t('tenant.moveOut')}</dt>
            <dd>{t.date(tenant.moveOut)}</dd>
            <dt className="text-slate-600">{t.t('tenants.status')}</dt>
            <dd>
              <TenantPresence moveOut={tenant.moveOut} movedOut={tenant.movedOut} />
            </dd>
          </dl>
        </Card>
        <div className="lg:col-span-2">
          <Card
            title={t.t('tenant.contacts')}
            actions={
              <LinkButton to={`${href('/buildings/:buildingId/contacts/new', { buildingId: building.id })}?tenant=${tenant.id}`}>
                {t.t('tenant.addContact')}
              </LinkButton>
            }
          >
            <ContactTable
              contacts={contacts}
              empty={t.t('tenant.noContacts')}
              caption={t.t('tenant.contacts')}
              hrefs={(c) => ({
                edit: href('/buildings/:buildingId/contacts/:contactId/edit', { buildingId: building.id, contactId: c.id }),
                delete: href('/buildings/:buildingId/contacts/:contactId/delete', { buildingId: building.id, contactId: c.id }),
              })}
            />
          </Card>
        </div>
      </div>
      <Card
        title={`${t.t('tenant.numbers')} (${t.count(numberCount)})`}
        actions={<LinkButton to={`${href('/buildings/:buildingId/numbers', { buildingId: building.id })}?tenant=${tenant.id}`}>{t.t('tenant.allNumbers')}</LinkButton>}
      >
        {services.length === 0 ? (
          <EmptyState>{t.t('tenant.noNumbers')}</EmptyState>
        ) : (
          <div className="space-y-4">
            {services.map((s) => (
              <section key={s.serviceId} aria-labelledby={`svc-${s.serviceId}`}>
                <h3 id={`svc-${s.serviceId}`} className="mb-1 flex flex-wrap items-center gap-2 text-sm font-semibold">
                  {t.t(`kind.${s.kind}`)} · {s.carrierRef}
                  <span className="font-normal text-slate-600">{t.t('tenant.numberCount', { count: s.count })}</span>
                  {s.criticalUse ? <Badge tone="danger">{t.t(`critical.${s.criticalUse}`)}</Badge> : null}
                </h3>
                <table className={tableClass}>
                  <thead>
                    <tr>
                      <th scope="col">{t.t('tenant.range')}</th>
                      <th scope="col" className="text-right">
                        {t.t('tenant.rangeCount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.ranges.map((r) => (
                      <tr key={r.first}>
                        <td className="tabular-nums">{r.count === 1 ? t.phone(r.first) : `${t.phone(r.first)} – ${t.phone(r.last)}`}</td>
                        <td className="text-right tabular-nums">{t.count(r.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
          </div>
        )}
      </Card>
    </div>
  )
}
