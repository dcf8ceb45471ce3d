import { useId, type ReactNode } from 'react'
import type { BlastRadius, BlastService, BlastTenant, TenantCount } from '#app/domain/impact/blast-radius.ts'
import type { Translator } from '#app/i18n/index.ts'
import { Card, tableClass } from '../ui.tsx'
import { useImpactT } from './names.tsx'

// A tree drawn left to right: contract → services → tenants. Moving parts are solid and coloured,
// staying parts dashed and grey, and every state is also written out, so colour is never the only
// signal. Unaffected tenants are one counted row per service, so 400 tenants stay readable.

const width = 980
const col = { contract: { x: 8, w: 212 }, service: { x: 250, w: 270 }, tenant: { x: 552, w: 404 } }
const rowH = 32
const top = 60
const serviceGap = 12
const contractGap = 28

const ink = { text: '#0f172a', muted: '#334155', move: '#0369a1', drag: '#b45309', stay: '#94a3b8', critical: '#b91c1c' }

type Row =
  | { kind: 'tenant'; tenant: BlastTenant }
  | { kind: 'more'; count: TenantCount }
  | { kind: 'unallocated'; count: number }
  | { kind: 'unaffected'; count: TenantCount }

function rowsOf(s: BlastService): Row[] {
  const rows: Row[] = s.affected.map((tenant) => ({ kind: 'tenant', tenant }))
  if (s.moreAffected.tenants > 0) rows.push({ kind: 'more', count: s.moreAffected })
  if (s.unallocatedMoved > 0) rows.push({ kind: 'unallocated', count: s.unallocatedMoved })
  if (s.unaffected.tenants > 0) rows.push({ kind: 'unaffected', count: s.unaffected })
  return rows
}

interface Placed {
  contract: BlastRadius['contracts'][number]
  y: number
  services: { service: BlastService; y: number; rows: { row: Row; y: number }[] }[]
  hidden: { y: number } | null
}

/** Vertical positions: each service gets a block of rows (at least two), each contract spans its services. */
function place(picture: BlastRadius): { placed: Placed[]; height: number } {
  let y = top
  const placed = picture.contracts.map((contract): Placed => {
    const start = y
    const services = contract.services.map((service) => {
      const rows = rowsOf(service)
      const n = Math.max(2, rows.length)
      const block = { service, y: y + (n * rowH) / 2, rows: rows.map((row, i) => ({ row, y: y + i * rowH + rowH / 2 + ((n - rows.length) * rowH) / 2 })) }
      y += n * rowH + serviceGap
      return block
    })
    let hidden: Placed['hidden'] = null
    if (contract.hidden.services > 0) {
      hidden = { y: y + rowH / 2 }
      y += rowH + serviceGap
    }
    const end = Math.max(y - serviceGap, start + 2 * rowH)
    y = end + contractGap
    return { contract, y: (start + end) / 2, services, hidden }
  })
  return { placed, height: y }
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s)

/** Characters of a row's label that fit left of its status, with generous character widths so nothing overlaps. */
function labelRoom(status: string): number {
  return Math.floor((col.tenant.w - 24 - status.length * 7) / 7.4)
}

function edge(x1: number, y1: number, x2: number, y2: number, moving: boolean, colour: string) {
  const mid = (x1 + x2) / 2
  return (
    <path
      d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
      fill="none"
      stroke={moving ? colour : ink.stay}
      strokeWidth={moving ? 2.2 : 1.2}
      strokeDasharray={moving ? undefined : '4 3'}
    />
  )
}

/** A warning triangle with "!", drawn next to a critical line's label. */
function CriticalIcon({ x, y }: { x: number; y: number }) {
  return (
    <g aria-hidden="true">
      <path d={`M${x},${y + 7} L${x + 7},${y - 6} L${x + 14},${y + 7} Z`} fill={ink.critical} />
      <text x={x + 7} y={y + 5.5} textAnchor="middle" fontSize={10} fontWeight={700} fill="#ffffff">
        !
      </text>
    </g>
  )
}

function tenantName(t: Translator, tenant: BlastTenant) {
  return tenant.index > 0 ? t.t('impact.tenantN', { n: tenant.index }) : tenant.name
}

function selfLabel(t: Translator, view: BlastRadius['view']) {
  return t.t(view === 'tenant' ? 'impact.picture.you' : view === 'sales' ? 'impact.picture.prospect' : 'impact.picture.requester')
}

function rowText(t: Translator, row: Row, view: BlastRadius['view']): { label: string; status: string; moving: boolean; colour: string; full: string } {
  switch (row.kind) {
    case 'tenant': {
      const { tenant } = row
      const name = tenantName(t, tenant)
      const moves = tenant.dedicated && tenant.movedNumbers === 0 ? t.t('impact.picture.dedicatedLeaves') : t.t('impact.picture.tenantMoves', { moved: tenant.movedNumbers, total: tenant.totalNumbers })
      const status = tenant.criticalNumbers > 0 ? `${moves} · ${t.t('impact.picture.criticalCount', { count: tenant.criticalNumbers })}` : moves
      const room = labelRoom(status)
      const label = tenant.self ? `${clip(name, room - selfLabel(t, view).length - 3)} (${selfLabel(t, view)})` : clip(name, room)
      return { label, status, moving: true, colour: tenant.self ? ink.move : ink.drag, full: `${name}: ${status}` }
    }
    case 'more': {
      const label = t.t(view === 'tenant' ? 'impact.picture.otherCompanies' : 'impact.picture.moreTenants', { tenants: row.count.tenants })
      const status = t.t('impact.picture.numbersMove', { count: row.count.numbers })
      return { label, status, moving: true, colour: ink.drag, full: `${label}: ${status}` }
    }
    case 'unallocated': {
      const label = t.t('impact.picture.unallocated', { count: row.count })
      return { label, status: t.t('impact.picture.nobodysNumbers'), moving: true, colour: ink.drag, full: label }
    }
    case 'unaffected': {
      const label = t.t('impact.picture.unaffected', { tenants: row.count.tenants })
      const status = row.count.numbers > 0 ? t.t('impact.picture.numbersStay', { count: row.count.numbers }) : t.t('impact.picture.lineStays')
      return { label, status, moving: false, colour: ink.stay, full: `${label}: ${status}` }
    }
  }
}

function serviceStatus(t: Translator, s: BlastService): string {
  if (s.leaves) return t.t('impact.picture.serviceLeaves')
  if (s.movedNumbers > 0) return t.t('impact.picture.serviceMoves', { moved: s.movedNumbers, total: s.totalNumbers })
  return t.t('impact.picture.serviceStays')
}

/** A written summary of the picture, for its <desc> and the text alternative's caption. */
export function describePicture(t: Translator, p: BlastRadius): string {
  return t.t('impact.picture.desc', {
    moved: p.totals.movedNumbers,
    affected: p.totals.affectedTenants,
    unaffected: p.totals.unaffectedTenants,
    leaving: p.totals.servicesLeaving,
    critical: p.totals.criticalMoved,
  })
}

function Legend({ t }: { t: Translator }) {
  const item = (x: number, sample: ReactNode, label: string) => (
    <g transform={`translate(${x},18)`}>
      {sample}
      <text x={34} y={4} fontSize={12} fill={ink.muted}>
        {label}
      </text>
    </g>
  )
  return (
    <g>
      {item(8, <line x1={0} y1={0} x2={28} y2={0} stroke={ink.move} strokeWidth={2.2} />, t.t('impact.picture.legendMoves'))}
      {item(200, <line x1={0} y1={0} x2={28} y2={0} stroke={ink.drag} strokeWidth={2.2} />, t.t('impact.picture.legendDragged'))}
      {item(430, <line x1={0} y1={0} x2={28} y2={0} stroke={ink.stay} strokeWidth={1.2} strokeDasharray="4 3" />, t.t('impact.picture.legendStays'))}
      {item(640, <CriticalIcon x={6} y={0} />, t.t('impact.picture.legendCritical'))}
    </g>
  )
}

/** The blast radius as a server-rendered SVG, with a title, a description and a table as text alternative. */
export function BlastRadiusPicture({ picture }: { picture: BlastRadius }) {
  const t = useImpactT()
  const id = useId()
  const { placed, height } = place(picture)
  const desc = describePicture(t, picture)
  return (
    <Card title={t.t('impact.picture.title')}>
      <p className="mb-2 text-sm text-slate-700">{desc}</p>
      <div className="max-h-[44rem] overflow-auto rounded border border-slate-200" tabIndex={0} role="region" aria-label={t.t('impact.picture.scroll')}>
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} fontFamily="inherit">
          <title id={`${id}-title`}>{t.t('impact.picture.title')}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          <Legend t={t} />
          {placed.map(({ contract, y, services, hidden }) => {
            const c = col.contract
            return (
              <g key={contract.id}>
                {services.map(({ service, y: sy, rows }) => {
                  const s = col.service
                  const moving = service.leaves || service.movedNumbers > 0
                  const critical = service.criticalUses.length > 0
                  const criticalLabel = service.criticalUse ? t.t(`critical.${service.criticalUse}`) : null
                  const box = criticalLabel ? 60 : 44
                  return (
                    <g key={service.id}>
                      {edge(c.x + c.w, y, s.x, sy, moving, ink.move)}
                      <g>
                        <title>{`${t.t(`kind.${service.kind}`)} ${service.carrierRef}: ${serviceStatus(t, service)}`}</title>
                        <rect x={s.x} y={sy - box / 2} width={s.w} height={box} rx={5} fill={moving ? '#e0f2fe' : '#f8fafc'} stroke={critical ? ink.critical : moving ? ink.move : ink.stay} strokeWidth={critical ? 2.6 : moving ? 2 : 1} />
                        <text x={s.x + 8} y={sy - box / 2 + 17} fontSize={12} fontWeight={600} fill={ink.text}>
                          {clip(`${t.t(`kind.${service.kind}`)} · ${service.carrierRef}`, 38)}
                        </text>
                        <text x={s.x + 8} y={sy - box / 2 + 34} fontSize={11.5} fill={moving ? ink.text : ink.muted}>
                          {serviceStatus(t, service)}
                        </text>
                        {criticalLabel ? (
                          <>
                            <CriticalIcon x={s.x + 8} y={sy - box / 2 + 47} />
                            <text x={s.x + 28} y={sy - box / 2 + 51} fontSize={11.5} fontWeight={critical ? 700 : 400} fill={critical ? ink.critical : ink.muted}>
                              {criticalLabel}
                              {critical ? ` — ${t.t('impact.picture.criticalMoves')}` : ''}
                            </text>
                          </>
                        ) : null}
                      </g>
                      {rows.map(({ row, y: ry }, i) => {
                        const r = rowText(t, row, picture.view)
                        const tx = col.tenant
                        const self = row.kind === 'tenant' && row.tenant.self
                        return (
                          <g key={i}>
                            {edge(s.x + s.w, sy, tx.x, ry, r.moving, r.colour)}
                            <g>
                              <title>{r.full}</title>
                              <rect
                                x={tx.x}
                                y={ry - 13}
                                width={tx.w}
                                height={26}
                                rx={4}
                                fill={self ? '#e0f2fe' : r.moving ? '#fef3c7' : '#ffffff'}
                                stroke={r.moving ? r.colour : ink.stay}
                                strokeWidth={self ? 2 : 1}
                                strokeDasharray={r.moving ? undefined : '4 3'}
                              />
                              <text x={tx.x + 8} y={ry + 4} fontSize={12} fill={r.moving ? ink.text : ink.muted} fontWeight={self ? 600 : 400}>
                                {r.label}
                              </text>
                              <text x={tx.x + tx.w - 8} y={ry + 4} fontSize={11.5} textAnchor="end" fill={ink.muted}>
                                {r.status}
                              </text>
                              {row.kind === 'tenant' && row.tenant.criticalNumbers > 0 ? <CriticalIcon x={tx.x + tx.w + 4} y={ry} /> : null}
                            </g>
                          </g>
                        )
                      })}
                    </g>
                  )
                })}
                {hidden ? (
                  <g>
                    {edge(c.x + c.w, y, col.service.x, hidden.y, contract.hidden.leaving > 0, ink.drag)}
                    <rect x={col.service.x} y={hidden.y - 13} width={col.service.w} height={26} rx={4} fill="#ffffff" stroke={ink.stay} strokeDasharray="4 3" />
                    <text x={col.service.x + 8} y={hidden.y + 4} fontSize={12} fill={ink.muted}>
                      {contract.hidden.leaving > 0
                        ? t.t('impact.picture.hiddenServicesLeaving', { count: contract.hidden.services, leaving: contract.hidden.leaving })
                        : t.t('impact.picture.hiddenServices', { count: contract.hidden.services })}
                    </text>
                  </g>
                ) : null}
                <g>
                  <rect x={c.x} y={y - 24} width={c.w} height={48} rx={6} fill={contract.ends ? '#fef3c7' : '#f1f5f9'} stroke={contract.ends ? ink.drag : '#475569'} strokeWidth={contract.ends ? 2 : 1.2} />
                  <text x={c.x + 8} y={y - 6} fontSize={12} fontWeight={600} fill={ink.text}>
                    {clip(`${contract.carrier} · ${contract.contractNumber}`, 30)}
                  </text>
                  <text x={c.x + 8} y={y + 12} fontSize={11.5} fill={ink.text}>
                    {contract.ends ? t.t('impact.picture.contractEnds', { fee: t.money(contract.feeCents) }) : t.t('impact.picture.contractContinues')}
                  </text>
                </g>
              </g>
            )
          })}
        </svg>
      </div>
      <PictureAsTable picture={picture} />
    </Card>
  )
}

/** The same picture as a table: one row per service. */
function PictureAsTable({ picture }: { picture: BlastRadius }) {
  const t = useImpactT()
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm text-sky-800">{t.t('impact.picture.asTable')}</summary>
      <div className="overflow-x-auto">
        <table className={tableClass}>
          <caption className="sr-only">{t.t('impact.picture.asTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t('impact.col.contract')}</th>
              <th scope="col">{t.t('impact.col.service')}</th>
              <th scope="col">{t.t('impact.picture.colStatus')}</th>
              <th scope="col">{t.t('impact.picture.colAffected')}</th>
              <th scope="col">{t.t('impact.picture.colUnaffected')}</th>
            </tr>
          </thead>
          <tbody>
            {picture.contracts.flatMap((contract) =>
              contract.services.map((s) => (
                <tr key={s.id}>
                  <td>
                    {contract.carrier} {contract.contractNumber}
                  </td>
                  <td>
                    {t.t(`kind.${s.kind}`)} {s.carrierRef}
                    {s.criticalUse ? ` (${t.t(`critical.${s.criticalUse}`)})` : ''}
                  </td>
                  <td>
                    {serviceStatus(t, s)}
                    {s.criticalUses.length > 0 ? ` · ${t.t('impact.picture.criticalMovesList', { uses: s.criticalUses.map((u) => t.t(`critical.${u}`)).join(', ') })}` : ''}
                  </td>
                  <td>
                    {[
                      ...s.affected.map((x) => `${tenantName(t, x)}${x.self ? ` (${selfLabel(t, picture.view)})` : ''}: ${x.movedNumbers}`),
                      ...(s.moreAffected.tenants > 0 ? [rowText(t, { kind: 'more', count: s.moreAffected }, picture.view).full] : []),
                      ...(s.unallocatedMoved > 0 ? [t.t('impact.picture.unallocated', { count: s.unallocatedMoved })] : []),
                    ].join('; ') || t.t('none')}
                  </td>
                  <td>{s.unaffected.tenants > 0 ? rowText(t, { kind: 'unaffected', count: s.unaffected }, picture.view).full : t.t('none')}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </details>
  )
}
