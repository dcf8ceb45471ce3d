import { useMemo } from 'react'
import type { ReportLabels } from '#app/domain/impact/screen.ts'
import type { NumberRuns, PageReport } from '#app/domain/impact/page-report.ts'
import type { Mechanism } from '#app/domain/impact/types.ts'
import { offsetNumber } from '#app/domain/numbers/index.ts'
import { isMessageKey, type Translator } from '#app/i18n/index.ts'
import { useT } from '../i18n.tsx'

/** The message naming each date field a finding or step refers to, inside a sentence. */
export const dateFieldKey = {
  portDate: 'impact.fieldInline.portDate',
  installDate: 'impact.fieldInline.installDate',
  cutoverDate: 'impact.fieldInline.cutoverDate',
  moveOutDate: 'impact.fieldInline.moveOutDate',
} as const

/**
 * A translator that says "1 number", not "1 numbers": a message `key.one`, where there is one,
 * is used when the `count` (or else `tenants`) parameter is 1.
 */
export function withPlurals(t: Translator): Translator {
  return {
    ...t,
    t: (key, params) => {
      const n = params?.count ?? params?.tenants
      const one = `${key}.one`
      return t.t(n === 1 && isMessageKey(one) ? one : key, params)
    },
  }
}

/** The translator of the impact components (see `withPlurals`). */
export function useImpactT(): Translator {
  const t = useT()
  return useMemo(() => withPlurals(t), [t])
}

/** Names listed in one sentence; more become "and 12 others". */
const maxListed = 6

/** How a report's ids read on the page: tenants, services, contracts, mechanisms. */
export interface Names {
  t: Translator
  view: PageReport['view']
  tenant: (id: string | null | undefined) => string
  /** `total`: how many there are when `ids` is only the first few. */
  tenants: (ids: readonly string[], total?: number) => string
  service: (id: string) => string
  services: (ids: readonly string[]) => string
  contract: (id: string | null | undefined) => string
  mechanism: (m: Mechanism | 'release' | 'auto') => string
  /** The mechanism inside a sentence ("submit the number port"). */
  mechanismInline: (m: Mechanism | 'release') => string
}

/**
 * Names as the viewer may read them: a tenant user sees other companies only as "another company",
 * a sales user as "Tenant 3"; services the viewer may not see are "another company's line".
 */
export function useNames(report: Pick<PageReport, 'tenants' | 'view'>, labels: ReportLabels): Names {
  const t = useImpactT()
  return useMemo(() => buildNames(t, report, labels), [t, report, labels])
}

/** The names of a report for a translator (a page's, through `useNames`, or a document's). */
export function buildNames(t: Translator, report: Pick<PageReport, 'tenants' | 'view'>, labels: ReportLabels): Names {
  const byId = new Map(report.tenants.map((x) => [x.id, x]))
  const tenant = (id: string | null | undefined) => {
    if (!id) return t.t('impact.noTenant')
    const entry = byId.get(id)
    if (!entry || (entry.anonymous && report.view === 'tenant')) return t.t('impact.anotherCompany')
    return entry.anonymous ? t.t('impact.tenantN', { n: entry.index }) : entry.name
  }
  const service = (id: string) => {
    const label = labels.services[id]
    return label ? `${t.t(`kind.${label.kind}`)} ${label.carrierRef}` : t.t('impact.anotherService')
  }
  const contract = (id: string | null | undefined) => {
    const label = id ? labels.contracts[id] : undefined
    return label ? `${label.carrier} ${label.contractNumber}` : t.t('impact.theContract')
  }
  const list = (parts: string[], total = parts.length) => {
    const unique = [...new Set(parts)]
    const rest = Math.max(0, total - parts.length)
    const shown =
      unique.length + (rest > 0 ? 1 : 0) > maxListed
        ? [...unique.slice(0, maxListed - 1), t.t('impact.andMore', { count: unique.length - maxListed + 1 + rest })]
        : [...unique, ...(rest > 0 ? [t.t('impact.andMore', { count: rest })] : [])]
    return new Intl.ListFormat(t.locale === 'nl' ? 'nl-NL' : 'en-GB', { type: 'conjunction' }).format(shown)
  }
  return {
    t,
    view: report.view,
    tenant,
    tenants: (ids, total) => list(ids.map(tenant), total),
    service,
    services: (ids) => list(ids.map(service)),
    contract,
    mechanism: (m) => t.t(`impact.mechanism.${m}`),
    mechanismInline: (m) => t.t(`impact.mechanismInline.${m}`),
  }
}

/** Numbers as compact blocks ("020 555 1001 – 020 555 1003"), the first `max` blocks and a count of the rest. */
export function NumberBlocks({ numbers, max = 6 }: { numbers: NumberRuns; max?: number }) {
  const t = useImpactT()
  if (numbers.total === 0) return null
  const runs = numbers.runs
  const shown = runs.slice(0, max)
  const rest = runs.slice(max).reduce((sum, r) => sum + r.count, 0) + numbers.more
  return (
    <span className="tabular-nums">
      {shown.map((r, i) => (
        <span key={r.first} className="whitespace-nowrap">
          {i > 0 ? ', ' : ''}
          {r.count === 1 ? t.phone(r.first) : `${t.phone(r.first)} – ${t.phone(offsetNumber(r.first, r.count - 1))}`}
        </span>
      ))}
      {rest > 0 ? ` ${t.t('impact.moreRuns', { count: rest })}` : ''}
    </span>
  )
}
