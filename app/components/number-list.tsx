import type { ChangeEvent, ReactNode } from 'react'
import { Form, Link } from 'react-router'
import { numberStatuses, numberUses, type NumberStatus, type NumberUse, type ServiceKind } from '#app/domain/enums.ts'
import { Field, FormErrors, inputClass, SubmitButton, valueOf, valuesOf, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { BilledBadge, NumberStatusBadge, NumberUseBadge } from './number-badges.tsx'
import { EmptyState, tableClass } from './ui.tsx'

export interface ServiceChoice {
  id: string
  kind: ServiceKind
  carrierRef: string
}

export interface TenantChoice {
  id: string
  legalName: string
  movedOut: boolean
}

export interface NumberFilterValues {
  q: string
  service?: string | undefined
  tenant?: string | undefined
  billed?: 'yes' | 'no' | undefined
  use?: NumberUse | undefined
  status?: NumberStatus | undefined
}

export interface NumberRow {
  id: string
  e164: string
  billed: boolean
  use: NumberUse
  status: NumberStatus
  serviceKind: ServiceKind
  serviceCarrierRef: string
  tenantId: string | null
  tenantName: string | null
}

const selectClass = `${inputClass} w-auto`

/** The filter bar: a GET form, so every filtered view is a shareable URL. */
export function NumberFilters({ filter, services, tenants, searchInvalid, resetTo }: { filter: NumberFilterValues; services: ServiceChoice[]; tenants: TenantChoice[]; searchInvalid: boolean; resetTo: string }) {
  const t = useT()
  return (
    <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor="numbers-q" className="block text-sm font-medium text-slate-800">
          {t.t('numbers.search')}
        </label>
        <input id="numbers-q" name="q" type="search" inputMode="tel" defaultValue={filter.q} aria-describedby="numbers-q-hint" aria-invalid={searchInvalid} className={inputClass} />
        <p id="numbers-q-hint" className={`text-xs ${searchInvalid ? 'text-red-700' : 'text-slate-600'}`}>
          {searchInvalid ? t.t('numbers.searchInvalid') : t.t('numbers.searchHint')}
        </p>
      </div>
      <FilterSelect label={t.t('numbers.filterService')} name="service" value={filter.service}>
        <option value="">{t.t('numbers.anyService')}</option>
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.carrierRef} · {t.t(`kind.${s.kind}`)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label={t.t('numbers.filterTenant')} name="tenant" value={filter.tenant}>
        <option value="">{t.t('numbers.anyTenant')}</option>
        <option value="none">{t.t('numbers.unallocated')}</option>
        {tenants.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.legalName}
            {tenant.movedOut ? ` (${t.t('tenant.movedOut')})` : ''}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label={t.t('numbers.filterBilled')} name="billed" value={filter.billed}>
        <option value="">{t.t('numbers.anyBilled')}</option>
        <option value="yes">{t.t('numbers.onlyBilled')}</option>
        <option value="no">{t.t('numbers.onlyUnbilled')}</option>
      </FilterSelect>
      <FilterSelect label={t.t('numbers.use')} name="use" value={filter.use}>
        <option value="">{t.t('numbers.anyUse')}</option>
        {numberUses.map((u) => (
          <option key={u} value={u}>
            {t.t(`numbers.use.${u}`)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label={t.t('numbers.status')} name="status" value={filter.status}>
        <option value="">{t.t('numbers.anyStatus')}</option>
        {numberStatuses.map((s) => (
          <option key={s} value={s}>
            {t.t(`numbers.status.${s}`)}
          </option>
        ))}
      </FilterSelect>
      <div className="flex gap-2">
        <SubmitButton>{t.t('action.filter')}</SubmitButton>
        <Link to={resetTo} className="inline-flex items-center rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50">
          {t.t('action.reset')}
        </Link>
      </div>
    </Form>
  )
}

function FilterSelect({ label, name, value, children }: { label: string; name: string; value: string | undefined; children: ReactNode }) {
  const id = `numbers-${name}`
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={selectClass}>
        {children}
      </select>
    </div>
  )
}

/**
 * The numbers of one page with a checkbox each, followed by the bulk controls. Works without
 * JavaScript: "all on this page" sends the page's ids; with it, the box also ticks every row.
 */
export function NumberBulkForm({
  rows,
  tenants,
  failure,
  detailHref,
  emptyText,
  pager,
  previewAction,
}: {
  rows: NumberRow[]
  tenants: TenantChoice[]
  failure: FormFailureLike | undefined
  detailHref: (numberId: string) => string
  emptyText: string
  /** Shown right under the table. */
  pager?: ReactNode
  /** The impact screen: the selection can be previewed there (sent as a GET form). */
  previewAction?: string
}) {
  const t = useT()
  const ticked = new Set(valuesOf(failure, 'numberId', []))
  const pageTicked = valueOf(failure, 'scope', '') === 'page'
  const toggleAll = (e: ChangeEvent<HTMLInputElement>) => {
    const checked = e.currentTarget.checked
    e.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="numberId"]').forEach((box) => {
      box.checked = checked
    })
  }
  const untickAll = (e: ChangeEvent<HTMLInputElement>) => {
    if (e.currentTarget.checked) return
    const all = e.currentTarget.form?.querySelector<HTMLInputElement>('input[name="scope"]')
    if (all) all.checked = false
  }
  const present = tenants.filter((tenant) => !tenant.movedOut)
  return (
    <Form method="post" className="space-y-4">
      <FormErrors failure={failure} />
      {rows.length === 0 ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <p className="border-b border-slate-200 px-2 py-1.5 text-sm">
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" name="scope" value="page" defaultChecked={pageTicked} onChange={toggleAll} />
              {t.t('numbers.selectPage', { count: rows.length })}
            </label>
          </p>
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="w-8">
                  <span className="sr-only">{t.t('numbers.selectColumn')}</span>
                </th>
                <th scope="col">{t.t('numbers.number')}</th>
                <th scope="col">{t.t('numbers.service')}</th>
                <th scope="col">{t.t('numbers.holder')}</th>
                <th scope="col">{t.t('numbers.billed')}</th>
                <th scope="col">{t.t('numbers.use')}</th>
                <th scope="col">{t.t('numbers.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr key={n.id}>
                  <td>
                    <input type="hidden" name="pageNumberId" value={n.id} />
                    <input type="checkbox" name="numberId" value={n.id} defaultChecked={ticked.has(n.id)} onChange={untickAll} aria-label={t.t('numbers.select', { number: t.phone(n.e164) })} />
                  </td>
                  <td className="font-medium tabular-nums">
                    <Link to={detailHref(n.id)} className="text-sky-800 hover:underline">
                      {t.phone(n.e164)}
                    </Link>
                  </td>
                  <td>
                    {n.serviceCarrierRef} <span className="text-slate-600">· {t.t(`kind.${n.serviceKind}`)}</span>
                  </td>
                  <td>{n.tenantName ?? <span className="text-slate-600">{t.t('numbers.unallocated')}</span>}</td>
                  <td>
                    <BilledBadge billed={n.billed} />
                  </td>
                  <td>
                    <NumberUseBadge use={n.use} />
                  </td>
                  <td>
                    <NumberStatusBadge status={n.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pager}
      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t.t('numbers.bulkTitle')}</legend>
        <p className="text-sm text-slate-600">{t.t('numbers.bulkIntro')}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t.t('numbers.bulkRange')} name="range" failure={failure} hint={t.t('numbers.rangeHint')} inputMode="tel" />
          <Field label={t.t('numbers.bulkTenant')} name="tenantId" failure={failure}>
            {(p) => (
              <select {...p} defaultValue={valueOf(failure, 'tenantId', '')}>
                <option value="">{t.t('numbers.chooseTenant')}</option>
                {present.map((tenant) => (
                  <option key={tenant.id} value={tenant.id}>
                    {tenant.legalName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="flex flex-wrap gap-2">
          <SubmitButton intent="allocate">{t.t('numbers.allocate')}</SubmitButton>
          <SubmitButton intent="release" tone="plain">
            {t.t('numbers.release')}
          </SubmitButton>
          {previewAction ? (
            <button
              type="submit"
              formMethod="get"
              formAction={previewAction}
              formNoValidate
              title={t.t('impact.nav.previewSelectedHint')}
              className="inline-flex items-center gap-1.5 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-2 focus:outline-offset-2 focus:outline-sky-600"
            >
              {t.t('impact.nav.previewSelected')}
            </button>
          ) : null}
        </div>
      </fieldset>
    </Form>
  )
}
