// The impact report as a PDF: the same report object the impact screens and the status page show,
// already redacted for the viewer, with the same wording (findings and steps are described by the
// screens' own functions). Sections: the request and its verdict, the mechanism chosen and the
// alternatives, findings, moved numbers per company and line as ranges, contract consequences, the
// step plan, and the blast-radius picture drawn as vectors.
import { buildNames, withPlurals, type Names } from '#app/components/impact/names.tsx'
import { describeFinding } from '#app/components/impact/findings.tsx'
import { describeStep } from '#app/components/impact/plan.tsx'
import type { BlastRadius, BlastService } from '#app/domain/impact/blast-radius.ts'
import { pageReport, type PageReport } from '#app/domain/impact/page-report.ts'
import type { ReportLabels } from '#app/domain/impact/screen.ts'
import type { ImpactReport, Severity } from '#app/domain/impact/types.ts'
import { collapseToRanges, offsetNumber } from '#app/domain/numbers/index.ts'
import { contentWidth, ensureSpace, facts, heading, pageMargin, paragraph, table, title, type Pdf } from './document.server.ts'

export interface ImpactDocument {
  buildingName: string
  /** The requesting company as the viewer may know it. */
  requesterName: string
  /** Redacted for the viewer, like the screens. */
  report: ImpactReport
  picture: BlastRadius
  labels: ReportLabels
}

const severityOrder: Severity[] = ['blocking', 'needs_consent', 'warning']

/** "020 555 1001 – 020 555 1003, 020 555 1010" */
function ranges(doc: Pdf, numbers: readonly string[]): string {
  return collapseToRanges(numbers)
    .map((r) => (r.count === 1 ? doc.t.phone(r.first) : `${doc.t.phone(r.first)} – ${doc.t.phone(offsetNumber(r.first, r.count - 1))}`))
    .join(', ')
}

export async function drawImpactReport(doc: Pdf, data: ImpactDocument) {
  const t = withPlurals(doc.t)
  const page: PageReport = pageReport(data.report)
  const names: Names = buildNames(t, page, data.labels)
  const { report } = data
  const request = report.request

  title(doc, t.t('doc.impact.title'), `${data.buildingName} · ${data.requesterName}`)
  facts(doc, [
    [t.t('doc.impact.building'), data.buildingName],
    [t.t('doc.impact.requester'), data.requesterName],
    [t.t('doc.impact.kind'), t.t(`doc.impact.kind.${request.type}`)],
    [request.type === 'migration' ? t.t('impact.field.portDate') : t.t('impact.field.moveOutDate'), t.date(request.type === 'migration' ? request.portDate : request.moveOutDate)],
    ...(request.type === 'migration' ? ([[t.t('doc.impact.carrier'), request.targetCarrier]] as [string, string][]) : []),
    [t.t('doc.impact.mechanism'), names.mechanism(report.chosen)],
    [t.t('doc.impact.verdict'), t.t(`impact.verdict.${report.verdict}`)],
    [t.t('doc.impact.asOf'), t.date(report.asOf)],
    ...(report.view !== 'full' ? ([[t.t('doc.impact.view'), t.t(`doc.impact.view.${report.view}`)]] as [string, string][]) : []),
  ])
  paragraph(doc, t.t(`impact.verdict.${report.verdict}.body`))

  if (page.alternatives.length > 0) {
    heading(doc, t.t('doc.impact.alternatives'))
    await table(doc, [
      { header: t.t('doc.impact.mechanism'), width: 2.6, cell: (a: PageReport['alternatives'][number]) => `${names.mechanism(a.mechanism)}${a.mechanism === report.chosen ? ` (${t.t('doc.impact.chosen')})` : ''}` },
      { header: t.t('doc.impact.verdict'), width: 2, cell: (a) => t.t(`impact.verdict.${a.verdict}`) },
      { header: t.t('doc.impact.colMoved'), width: 1.3, align: 'right', cell: (a) => t.count(a.counts.moved) },
      { header: t.t('doc.impact.colOthers'), width: 1.6, align: 'right', cell: (a) => t.count(a.counts.otherTenants) },
      { header: t.t('doc.impact.colCritical'), width: 1.9, align: 'right', cell: (a) => t.count(a.counts.critical) },
    ], page.alternatives)
  }

  heading(doc, t.t('impact.findings'))
  const findings = [...page.outcome.findings].sort((a, b) => severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity))
  if (findings.length === 0) paragraph(doc, t.t('doc.impact.noFindings'))
  for (const f of findings) {
    const text = describeFinding(f, names)
    ensureSpace(doc, 40)
    paragraph(doc, `${t.t(`impact.severity.${f.severity}`)} — ${text.title}`, { bold: true })
    if (text.body) paragraph(doc, text.body)
  }

  heading(doc, t.t('impact.moved', { count: report.outcome.moved.length }))
  const groups = new Map<string, { tenantId: string | null; serviceId: string; reason: string; numbers: string[] }>()
  for (const m of report.outcome.moved) {
    const key = `${m.tenantId ?? ''}|${m.serviceId}|${m.reason}`
    const group = groups.get(key) ?? { tenantId: m.tenantId, serviceId: m.serviceId, reason: m.reason, numbers: [] }
    group.numbers.push(m.e164)
    groups.set(key, group)
  }
  if (groups.size === 0) paragraph(doc, t.t('doc.impact.nothingMoves'))
  else {
    await table(doc, [
      { header: t.t('doc.impact.colCompany'), width: 3, cell: (g: { tenantId: string | null; serviceId: string; reason: string; numbers: string[] }) => names.tenant(g.tenantId) },
      { header: t.t('doc.impact.colLine'), width: 2.6, cell: (g) => names.service(g.serviceId) },
      { header: t.t('doc.impact.colNumbers'), width: 4, cell: (g) => ranges(doc, g.numbers) },
      { header: t.t('doc.impact.colCount'), width: 1.4, align: 'right', cell: (g) => t.count(g.numbers.length) },
      { header: t.t('doc.impact.colReason'), width: 2, cell: (g) => t.t(`impact.reason.${g.reason}` as 'impact.reason.requested') },
    ], groups.values())
  }
  if (report.hidden.numbers > 0) paragraph(doc, t.t('doc.impact.hiddenNumbers', { count: report.hidden.numbers }), { color: '#475569' })

  heading(doc, t.t('impact.contracts'))
  if (page.outcome.contracts.length === 0) paragraph(doc, t.t('impact.noContracts'))
  else {
    await table(doc, [
      { header: t.t('impact.col.contract'), width: 2.6, cell: (c: PageReport['outcome']['contracts'][number]) => `${c.carrier} · ${c.contractNumber}` },
      { header: t.t('impact.col.ends'), width: 2, cell: (c) => (c.ends ? t.t('impact.contractEnds', { date: t.date(c.endDate) }) : t.t('impact.contractContinues')) },
      { header: t.t('impact.col.initialTermEnd'), width: 2, cell: (c) => t.date(c.initialTermEnd) },
      { header: t.t('impact.col.notice'), width: 2, cell: (c) => t.t('impact.noticeDays', { days: c.effectiveNoticeDays }) },
      { header: t.t('impact.col.noticeBy'), width: 1.8, cell: (c) => (c.ends ? t.date(c.noticeBy) : t.t('impact.notNeeded')) },
      { header: t.t('impact.col.fee'), width: 1.8, align: 'right', cell: (c) => t.money(c.feeCents) },
    ], page.outcome.contracts)
  }

  heading(doc, t.t('impact.plan'))
  if (page.outcome.plan.length === 0) paragraph(doc, t.t('impact.noSteps'))
  page.outcome.plan.forEach((step, i) => {
    ensureSpace(doc, 30)
    const by = step.byDate ? ` (${t.t('impact.byDate')} ${t.date(step.byDate)})` : ''
    paragraph(doc, `${i + 1}. ${describeStep(step, names)}${by}`)
  })

  drawBlastRadius(doc, data.picture, names)
}

const colors = { moves: '#f97316', dragged: '#fbbf24', stays: '#e2e8f0', line: '#64748b', text: '#0f172a', critical: '#b91c1c' }

/** Most companies drawn per line; the rest are one "and N more" box. */
const tenantsPerLine = 6

/**
 * The blast radius as vectors on a page of its own: each contract on the left, its lines in the
 * middle, the companies on each line on the right; what moves is filled orange (the requester or the
 * viewer) or amber (others moved along), what stays grey; safety lines carry a warning sign and the word.
 */
function drawBlastRadius(doc: Pdf, picture: BlastRadius, names: Names) {
  const t = names.t
  doc.addPage()
  heading(doc, t.t('impact.picture.title'))
  paragraph(doc, t.t('doc.impact.pictureLegend'), { size: 8.5, color: '#334155' })
  const width = contentWidth(doc)
  const col = { contract: pageMargin, service: pageMargin + width * 0.3, tenant: pageMargin + width * 0.62 }
  const boxWidth = { contract: width * 0.25, service: width * 0.27, tenant: width * 0.38 }
  const boxHeight = 26
  const gap = 6
  const box = (x: number, y: number, w: number, fill: string, lines: string[], critical = false) => {
    doc.roundedRect(x, y, w, boxHeight, 3).fillAndStroke(fill, critical ? colors.critical : colors.line)
    doc.fillColor(colors.text).font('regular').fontSize(7)
    lines.slice(0, 2).forEach((line, i) => doc.text(line, x + 4, y + 4 + i * 9, { width: w - 8, height: 9, lineBreak: false, ellipsis: true }))
  }
  const link = (x1: number, y1: number, x2: number, y2: number, moving: boolean) => {
    doc.moveTo(x1, y1).bezierCurveTo((x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2).lineWidth(moving ? 1.2 : 0.5).strokeColor(moving ? colors.moves : colors.line).stroke()
  }
  const serviceRows = (s: BlastService) => Math.min(s.affected.length, tenantsPerLine) + (s.affected.length > tenantsPerLine || s.moreAffected.tenants > 0 ? 1 : 0) || 1
  for (const contract of picture.contracts) {
    const rows = contract.services.reduce((sum, s) => sum + serviceRows(s), 0) || 1
    ensureSpace(doc, Math.min(rows, 20) * (boxHeight + gap) + 10)
    const top = doc.y
    const contractY = top
    box(col.contract, contractY, boxWidth.contract, contract.ends ? colors.moves : colors.stays, [`${contract.carrier} ${contract.contractNumber}`, contract.ends ? t.t('doc.impact.contractEnds') : t.t('impact.contractContinues')])
    let y = top
    for (const s of contract.services) {
      if (y + boxHeight > doc.page.height - doc.page.margins.bottom) {
        doc.addPage()
        y = doc.y
      }
      const serviceY = y
      const critical = s.criticalUses.length > 0 || s.criticalUse !== null
      const state = s.leaves ? t.t('impact.picture.serviceLeaves') : s.movedNumbers > 0 ? t.t('impact.picture.serviceMoves', { moved: s.movedNumbers, total: s.totalNumbers }) : t.t('impact.picture.serviceStays')
      box(col.service, serviceY, boxWidth.service, s.movedNumbers > 0 || s.leaves ? colors.dragged : colors.stays, [`${critical ? '⚠ ' : ''}${names.service(s.id)}`, state], critical)
      link(col.contract + boxWidth.contract, contractY + boxHeight / 2, col.service, serviceY + boxHeight / 2, s.movedNumbers > 0 || s.leaves)
      const shown = s.affected.slice(0, tenantsPerLine)
      for (const tenant of shown) {
        const label = tenant.index > 0 ? t.t('impact.tenantN', { n: tenant.index }) : tenant.name
        const what = tenant.dedicated ? t.t('impact.picture.dedicatedLeaves') : t.t('impact.picture.tenantMoves', { moved: tenant.movedNumbers, total: tenant.totalNumbers })
        const crit = tenant.criticalNumbers > 0 ? ` · ⚠ ${t.t('impact.picture.criticalCount', { count: tenant.criticalNumbers })}` : ''
        box(col.tenant, y, boxWidth.tenant, tenant.self ? colors.moves : tenant.movedNumbers > 0 || tenant.dedicated ? colors.dragged : colors.stays, [label, `${what}${crit}`], tenant.criticalNumbers > 0)
        link(col.service + boxWidth.service, serviceY + boxHeight / 2, col.tenant, y + boxHeight / 2, tenant.movedNumbers > 0)
        y += boxHeight + gap
      }
      const more = s.affected.length - shown.length + s.moreAffected.tenants
      if (more > 0) {
        box(col.tenant, y, boxWidth.tenant, colors.dragged, [t.t('impact.picture.moreTenants', { tenants: more }), t.t('impact.picture.numbersMove', { count: s.moreAffected.numbers })])
        link(col.service + boxWidth.service, serviceY + boxHeight / 2, col.tenant, y + boxHeight / 2, true)
        y += boxHeight + gap
      }
      if (shown.length === 0 && more === 0) y += boxHeight + gap
    }
    doc.x = pageMargin
    doc.y = Math.max(y, contractY + boxHeight + gap) + 8
  }
  const totals = picture.totals
  paragraph(doc, t.t('doc.impact.pictureTotals', { moved: totals.movedNumbers, affected: totals.affectedTenants, unaffected: totals.unaffectedTenants, critical: totals.criticalMoved }), { size: 9 })
}
