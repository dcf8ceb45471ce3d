// The porting authorisation (volmacht nummerportering, the "overstapformulier"): what the receiving
// carrier needs to port a request's numbers, filled in for the requesting company to sign. Drawn
// from plain data: the service decides what the reader may see (a tenant's copy lists its own
// numbers only).
import type { IsoDate } from '#app/domain/dates.ts'
import type { ContactRole, Locale, ServiceKind } from '#app/domain/enums.ts'
import type { Mechanism } from '#app/domain/impact/types.ts'
import { offsetNumber, type NumberRange } from '#app/domain/numbers/index.ts'
import { createTranslator, type MessageKey, type Translator } from '#app/i18n/index.ts'
import { contentWidth, createPdf, ensureSpace, facts, heading, pageMargin, paragraph, table, title, type Pdf } from './document.server.ts'

export interface PortingAuthorisation {
  requestId: string
  locale: Locale
  generatedAt: Date
  /** The day the form is drawn up. */
  today: IsoDate
  building: { name: string }
  /** The requesting company: the subscriber whose numbers the receiving carrier ports. */
  subscriber: { legalName: string; kvkNumber: string; street: string; unit: string; postcode: string; city: string }
  receivingCarrier: string
  portDate: IsoDate
  installDate: IsoDate | null
  mechanism: Mechanism | 'release'
  keepNumbers: boolean
  numbers: {
    /** The numbers on this copy, collapsed into runs. */
    ranges: NumberRange[]
    /** How many of them are the subscriber's own. */
    own: number
    /** Numbers on this copy held by others (other companies, the building, nobody). */
    others: number
    /** Other companies holding some of those. */
    otherCompanies: number
    /** Numbers that move but are left off this copy (a tenant's copy shows its own numbers only). */
    hidden: number
  }
  /** The current lines the numbers (and data lines) leave. */
  lines: { kind: ServiceKind; carrierRef: string }[]
  /** The current contracts the move touches, with the fee of ending each. */
  contracts: { carrier: string; contractNumber: string; ends: boolean; endDate: IsoDate; feeCents: number; remainingMonths: number; initialTermEnd: IsoDate }[]
  signatory: { name: string; roles: ContactRole[] } | null
  /** Who holds a current contract when that is not the subscriber: it signs "seen" as well. */
  contractHolder: string | null
}

/** The document, ready to stream; `draw` writes its pages. */
export function portingAuthorisationPdf(data: PortingAuthorisation) {
  return requestDocument(data, (t) => ({
    title: t.t('docl.auth.docTitle', { subscriber: data.subscriber.legalName }),
    subject: t.t('docl.auth.subject', { carrier: data.receivingCarrier, subscriber: data.subscriber.legalName }),
  }), draw)
}

/** A document about a request (its id in the footer and metadata), in the data's language, ready to stream. */
export function requestDocument<D extends { requestId: string; locale: Locale; generatedAt: Date }>(
  data: D,
  describe: (t: Translator) => { title: string; subject: string },
  render: (doc: Pdf, data: D) => Promise<void>,
): { doc: Pdf; draw: () => Promise<void> } {
  const doc = createPdf({ ...describe(createTranslator(data.locale)), locale: data.locale, documentId: data.requestId, generatedAt: data.generatedAt })
  return { doc, draw: () => render(doc, data) }
}

async function draw(doc: Pdf, d: PortingAuthorisation) {
  const { t } = doc
  const carrier = d.receivingCarrier
  const s = d.subscriber
  title(doc, t.t('docl.auth.title'), t.t('docl.auth.subtitle', { carrier, building: d.building.name, id: d.requestId.slice(0, 8) }))
  paragraph(doc, t.t('docl.auth.intro', { carrier }))

  heading(doc, t.t('docl.auth.subscriber'))
  facts(doc, [
    [t.t('docl.auth.companyName'), s.legalName],
    [t.t('docl.auth.kvk'), s.kvkNumber],
    [t.t('docl.auth.address'), s.unit ? t.t('docl.auth.addressLine', { street: s.street, unit: s.unit }) : s.street],
    [t.t('docl.auth.postcodeCity'), `${s.postcode} ${s.city}`],
  ])

  heading(doc, t.t('docl.auth.receiving'))
  facts(doc, [
    [t.t('docl.auth.tradeName'), carrier],
    [t.t('docl.auth.portDate'), t.date(d.portDate)],
    ...(d.installDate ? [[t.t('docl.auth.installDate'), t.date(d.installDate)] as [string, string]] : []),
    [t.t('docl.auth.mechanism'), t.t(`impact.mechanism.${d.mechanism}` as MessageKey)],
  ])

  heading(doc, t.t('docl.auth.current'))
  facts(doc, [
    ...d.contracts.map((c): [string, string] => [t.t('docl.auth.contract'), t.t('docl.auth.contractValue', { carrier: c.carrier, number: c.contractNumber })]),
    ...d.lines.map((l): [string, string] => [t.t('docl.auth.line'), t.t('docl.auth.lineValue', { kind: t.t(`kind.${l.kind}` as MessageKey), ref: l.carrierRef })]),
  ])

  heading(doc, t.t('docl.auth.numbers'))
  facts(doc, [[t.t('docl.auth.keep'), t.t(d.keepNumbers ? 'docl.auth.keepYes' : 'docl.auth.keepNo')]])
  if (d.numbers.ranges.length > 0) await numberRangesTable(doc, d.numbers.ranges)
  const n = d.numbers
  facts(doc, [
    [t.t('docl.auth.totalLabel'), t.count(n.own + n.others)],
    ...(n.others > 0
      ? [
          [t.t('docl.auth.ownLabel'), t.count(n.own)] as [string, string],
          [t.t('docl.auth.othersLabel'), t.t('docl.auth.othersValue', { others: n.others, companies: n.otherCompanies })] as [string, string],
        ]
      : []),
    ...(n.hidden > 0 ? [[t.t('docl.auth.hiddenLabel'), t.t('docl.auth.hiddenValue', { count: n.hidden })] as [string, string]] : []),
  ])

  heading(doc, t.t('docl.auth.end'))
  for (const c of d.contracts) {
    const params = { carrier, number: c.contractNumber, current: c.carrier, date: t.date(c.endDate) }
    paragraph(doc, t.t(c.ends ? 'docl.auth.endContract' : 'docl.auth.endService', params))
  }

  heading(doc, t.t('docl.auth.fee'))
  const fees = d.contracts.filter((c) => c.ends && c.feeCents > 0)
  for (const c of fees) {
    paragraph(doc, t.t('docl.auth.feeAmount', { number: c.contractNumber, current: c.carrier, termEnd: t.date(c.initialTermEnd), amount: t.money(c.feeCents), months: c.remainingMonths }))
  }
  if (fees.length > 1) paragraph(doc, t.t('docl.auth.feeTotal', { amount: t.money(fees.reduce((sum, c) => sum + c.feeCents, 0)) }), { bold: true })
  if (fees.length === 0) paragraph(doc, t.t('docl.auth.feeNone'))

  // The declaration stays on the page of the lines it is signed on.
  ensureSpace(doc, 260)
  heading(doc, t.t('docl.auth.signature'))
  paragraph(doc, t.t('docl.auth.declaration'))
  const roles = d.signatory?.roles.map((r) => t.t(`contact.role.${r}` as MessageKey)).join(', ')
  signatureBlock(doc, t.t('docl.auth.forSubscriber', { subscriber: s.legalName }), [
    [t.t('docl.auth.name'), d.signatory?.name ?? ''],
    [t.t('docl.auth.role'), roles ?? ''],
  ])
  if (d.contractHolder) signatureBlock(doc, t.t('docl.auth.forHolder', { holder: d.contractHolder }), [[t.t('docl.auth.name'), '']])
  paragraph(doc, t.t('docl.auth.preparedOn', { date: t.date(d.today), id: d.requestId }), { size: 8, color: '#475569' })
}

/** One run of numbers as people read it: `020 555 1010 t/m 020 555 1019`, or the one number. */
export function rangeText(t: Translator, range: NumberRange): string {
  const last = offsetNumber(range.first, range.count - 1) ?? range.first
  return range.count === 1 ? t.phone(range.first) : t.t('docl.range', { first: t.phone(range.first), last: t.phone(last) })
}

/** The numbers as a table of runs with their counts. */
export async function numberRangesTable(doc: Pdf, ranges: readonly NumberRange[]) {
  const { t } = doc
  await table(doc, [
    { header: t.t('docl.col.numbers'), width: 4, cell: (r: NumberRange) => rangeText(t, r) },
    { header: t.t('docl.col.count'), width: 1, align: 'right', cell: (r: NumberRange) => t.count(r.count) },
  ], ranges)
}

const labelWidth = 110
const lineLength = 280

/**
 * A block to sign: a caption, the lines already known (name, role) and empty lines to write on for
 * date, place and signature. Kept on one page.
 */
function signatureBlock(doc: Pdf, caption: string, known: [string, string][]) {
  const { t } = doc
  const rows: [string, string, number][] = [
    ...known.map(([label, value]): [string, string, number] => [label, value, value ? 4 : 16]),
    [t.t('docl.auth.date'), '', 16],
    [t.t('docl.auth.place'), '', 16],
    [t.t('docl.auth.signatureLine'), '', 34],
  ]
  ensureSpace(doc, 40 + rows.reduce((sum, [, , gap]) => sum + gap + 14, 0))
  doc.moveDown(0.5)
  paragraph(doc, caption, { bold: true })
  const x = pageMargin + labelWidth
  const end = Math.min(x + lineLength, pageMargin + contentWidth(doc))
  for (const [label, value, gap] of rows) {
    const y = doc.y + gap
    doc.font('regular').fontSize(10).fillColor('black').text(label, pageMargin, y, { width: labelWidth - 8 })
    if (value) doc.text(value, x, y, { width: end - x })
    else doc.moveTo(x, y + 11).lineTo(end, y + 11).lineWidth(0.6).strokeColor('#334155').stroke()
    doc.x = pageMargin
    doc.y = y + 14
  }
  doc.moveDown(0.8)
}
