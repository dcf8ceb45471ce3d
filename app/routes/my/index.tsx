import { href, Link, useLoaderData } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { TenantPresence } from '#app/components/tenant-presence.tsx'
import { Badge, Card, EmptyState, LinkButton, PageHeader, Stat, tableClass } from '#app/components/ui.tsx'
import { getDb } from '#app/server/db.server.ts'
import { guarded } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { getMyCompany } from '#app/services/my.server.ts'
import type { Route } from './+types/index'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('my.title'))

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => getMyCompany({ db: await getDb(), actor }))
}

export default function MyCompany() {
  const { company, building, counts, services } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="space-y-5">
      <PageHeader
        title={company.legalName}
        subtitle={t.t('my.title')}
        actions={
          <>
            <LinkButton to={href('/buildings/:buildingId/impact', { buildingId: building.id })} tone="primary">
              {t.t('impact.nav.myImpact')}
            </LinkButton>
            <LinkButton to={href('/my/sales-share')}>{t.t('impact.nav.myShare')}</LinkButton>
          </>
        }
      />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Link to={href('/my/numbers')} className="rounded-lg focus:outline-2 focus:outline-sky-600">
          <Stat label={t.t('my.countNumbers')} value={t.count(counts.numbers)} tone="info" />
        </Link>
        <Link to={href('/my/contacts')} className="rounded-lg focus:outline-2 focus:outline-sky-600">
          <Stat label={t.t('my.countContacts')} value={t.count(counts.contacts)} />
        </Link>
        <Stat label={t.t('my.countServices')} value={t.count(counts.services)} />
        <Stat label={t.t('my.others')} value={t.count(counts.otherTenants)} />
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={t.t('tenant.company')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-slate-600">{t.t('tenant.legalName')}</dt>
            <dd>{company.legalName}</dd>
            <dt className="text-slate-600">{t.t('tenant.kvkNumber')}</dt>
            <dd className="tabular-nums">{company.kvkNumber}</dd>
            <dt className="text-slate-600">{t.t('tenant.unit')}</dt>
            <dd>{company.unit || t.t('none')}</dd>
            <dt className="text-slate-600">{t.t('tenant.moveIn')}</dt>
            <dd>{t.date(company.moveIn)}</dd>
            <dt className="text-slate-600">{t.t('tenant.moveOut')}</dt>
            <dd>{t.date(company.moveOut)}</dd>
            <dt className="text-slate-600">{t.t('tenants.status')}</dt>
            <dd>
              <TenantPresence moveOut={company.moveOut} movedOut={company.movedOut} />
            </dd>
          </dl>
        </Card>
        <Card title={t.t('my.building')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-slate-600">{t.t('building.name')}</dt>
            <dd>{building.name}</dd>
            <dt className="text-slate-600">{t.t('my.address')}</dt>
            <dd>
              {building.street}
              <br />
              {building.postcode} {building.city}
            </dd>
          </dl>
          <p className="mt-3 text-sm text-slate-600">
            {t.t('my.othersBody', { tenants: counts.otherTenants, numbers: counts.otherTenantNumbers })}
          </p>
        </Card>
      </div>
      <Card title={t.t('my.services')}>
        {services.length === 0 ? (
          <EmptyState>{t.t('my.servicesEmpty')}</EmptyState>
        ) : (
          <table className={tableClass}>
            <caption className="sr-only">{t.t('my.services')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('service.kind')}</th>
                <th scope="col">{t.t('service.carrierRef')}</th>
                <th scope="col">{t.t('tenants.status')}</th>
                <th scope="col" className="text-right">
                  {t.t('my.countNumbers')}
                </th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id}>
                  <td>{t.t(`kind.${s.kind}`)}</td>
                  <td>{s.carrierRef}</td>
                  <td>{s.dedicated ? <Badge tone="info">{t.t('my.dedicated')}</Badge> : <Badge>{t.t('my.shared')}</Badge>}</td>
                  <td className="text-right tabular-nums">{t.count(s.numberCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  )
}
