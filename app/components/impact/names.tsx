import { useMemo } from 'react'
import type { ReportLabels } from '#app/domain/impact/screen.ts'
import type { ImpactReport, Mechanism } from '#app/domain/impact/types.ts'
import { collapseToRanges, offsetNumber } from '#app/domain/numbers/index.ts'
import type { Translator } from '#app/i18n/index.ts'
import { useT } from '../i18n.tsx'

/** The message naming each date field a finding or step refers to. */
export const dateFieldKey = {
  portDate: 'impact.field.portDate',
  installDate: 'impact.field.installDate',
  cutoverDate: 'impact.field.cutoverDate',
  moveOutDate: 'impact.field.moveOutDate',
} as const

/** Names listed in one sentence; more become "and 12 others". */
const maxListed = 6

/** How a report's ids read on the page: tenants, services, contracts, mechanisms. */
export interface Names {
  t: Translator
  view: ImpactReport['view']
  tenant: (id: string | null | undefined) => string
  tenants: (ids: readonly string[]) => string
  service: (id: string) => string
  services: (ids: readonly string[]) => string
  contract: (id: string | null | undefined) => string
  mechanism: (m: Mechanism | 'release' | 'auto') => string
}

/**
 * Names as the viewer may read them: a tenant user sees other companies only as "another company",
 * a sales user as "Tenant 3"; services the viewer may not see are "another company's line".
 */
export function useNames(report: ImpactReport, labels: ReportLabels): Names {
  const t = useT()
  return useMemo(() => {
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
    const list = (parts: string[]) => {
      const unique = [...new Set(parts)]
      const shown = unique.length > maxListed ? [...unique.slice(0, maxListed - 1), t.t('impact.andMore', { count: unique.length - maxListed + 1 })] : unique
      return new Intl.ListFormat(t.locale === 'nl' ? 'nl-NL' : 'en-GB', { type: 'conjunction' }).format(shown)
    }
    return {
      t,
      view: report.view,
      tenant,
      tenants: (ids) => list(ids.map(tenant)),
      service,
      services: (ids) => list(ids.map(service)),
      contract,
      mechanism: (m) => t.t(`impact.mechanism.${m}`),
    }
  }, [t, report, labels])
}

/** Numbers as compact blocks ("020 555 1001 – 020 555 1003"), the first `max` blocks and a count of the rest. */
export function NumberRuns({ numbers, max = 6 }: { numbers: readonly string[]; max?: number }) {
  const t = useT()
  if (numbers.length === 0) return null
  const runs = collapseToRanges(numbers)
  const shown = runs.slice(0, max)
  return (
    <span className="tabular-nums">
      {shown.map((r, i) => (
        <span key={r.first} className="whitespace-nowrap">
          {i > 0 ? ', ' : ''}
          {r.count === 1 ? t.phone(r.first) : `${t.phone(r.first)} – ${t.phone(offsetNumber(r.first, r.count - 1))}`}
        </span>
      ))}
      {runs.length > max ? ` ${t.t('impact.moreRuns', { count: runs.slice(max).reduce((sum, r) => sum + r.count, 0) })}` : ''}
    </span>
  )
}
