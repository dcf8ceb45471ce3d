// The notice letter to one company affected by a migration request, addressed to its primary
// contact and written in that contact's language: what will happen to which of its numbers, on which
// date, what it must do, and whom to call. Drawn from plain data that names only the addressee and
// the requester: other companies moved along appear in no letter but their own.
import type { IsoDate } from '#app/domain/dates.ts'
import type { Locale, ServiceKind } from '#app/domain/enums.ts'
import type { NumberRange } from '#app/domain/numbers/index.ts'
import type { ConsentState, RequestState } from '#app/domain/requests/lifecycle.ts'
import type { MessageKey } from '#app/i18n/index.ts'
import { facts, heading, pageMargin, paragraph, type Pdf } from './document.server.ts'
import { numberRangesTable, requestDocument } from './porting-authorisation.server.ts'

export interface NoticeLetter {
  requestId: string
  locale: Locale
  generatedAt: Date
  /** The day the letter is dated. */
  today: IsoDate
  building: { name: string; street: string; postcode: string; city: string }
  /** The company the letter is for, and the person it is addressed to (null: the company has no contacts). */
  recipient: { legalName: string; unit: string; contactName: string | null }
  requesterName: string
  /** The letter is for the requesting company itself. */
  isRequester: boolean
  carrier: string
  portDate: IsoDate
  installDate: IsoDate | null
  state: RequestState
  /** The company's consent task; null for the requester. */
  consent: { state: ConsentState; onBehalf: boolean; answeredOn: IsoDate | null } | null
  /** The company's own numbers that move, collapsed into runs, and how many. */
  numbers: NumberRange[]
  numberCount: number
  /** The company's live numbers that stay on the building's line. */
  keptNumbers: number
  /** Lines dedicated to the company that go along. */
  leavingLines: { kind: ServiceKind; carrierRef: string }[]
  /** For the requester: how many other companies move along (never who). */
  otherCompanies: number
  /** Whom to call: the building's facility management contact. */
  facilityContact: { name: string; phone: string | null; email: string } | null
}

/** The letter, ready to stream; `draw` writes it. */
export function noticeLetterPdf(data: NoticeLetter) {
  return requestDocument(data, (t) => ({
    title: t.t('docl.letter.title', { tenant: data.recipient.legalName }),
    subject: t.t('docl.letter.subject', { requester: data.requesterName, carrier: data.carrier, date: t.date(data.portDate) }),
  }), draw)
}

async function draw(doc: Pdf, d: NoticeLetter) {
  const { t } = doc
  const carrier = d.carrier
  const date = t.date(d.portDate)
  const b = d.building
  const grey = '#475569'

  paragraph(doc, t.t('docl.letter.sender', { building: b.name }), { bold: true })
  paragraph(doc, `${b.street}\n${b.postcode} ${b.city}`, { size: 9, color: grey })
  doc.moveDown(1.5)
  const r = d.recipient
  const address = [r.legalName, ...(r.contactName ? [t.t('docl.letter.attention', { name: r.contactName })] : []), ...(r.unit ? [t.t('docl.letter.unit', { unit: r.unit })] : []), b.street, `${b.postcode} ${b.city}`]
  paragraph(doc, address.join('\n'))
  doc.moveDown(1.5)
  paragraph(doc, t.t('docl.letter.placeDate', { city: b.city, date: t.date(d.today) }))
  doc.moveDown(0.5)
  const re = d.isRequester ? t.t('docl.letter.re.requester', { carrier, date }) : t.t('docl.letter.re.dragged', { requester: d.requesterName, carrier, date })
  paragraph(doc, re, { bold: true, size: 11 })
  doc.moveDown(0.5)
  paragraph(doc, r.contactName ? t.t('docl.letter.salutation', { name: r.contactName }) : t.t('docl.letter.salutationNone'))

  if (d.isRequester) {
    paragraph(doc, t.t('docl.letter.what.requester', { carrier, date, installDate: t.date(d.installDate ?? d.portDate) }))
    if (d.otherCompanies > 0) paragraph(doc, t.t('docl.letter.what.requesterOthers', { count: d.otherCompanies }))
  } else if (d.numberCount > 0) {
    paragraph(doc, t.t('docl.letter.what.dragged', { requester: d.requesterName, carrier, date, count: d.numberCount }))
  } else {
    paragraph(doc, t.t('docl.letter.what.draggedLines', { requester: d.requesterName, carrier, date }))
  }
  paragraph(doc, t.t('docl.letter.status', { state: t.t(`reqs.state.${d.state}` as MessageKey) }))

  if (d.numberCount > 0) {
    heading(doc, t.t('docl.letter.yourNumbers', { count: d.numberCount }))
    await numberRangesTable(doc, d.numbers)
    paragraph(doc, d.keptNumbers > 0 ? t.t('docl.letter.kept', { count: d.keptNumbers }) : t.t('docl.letter.keptNone', { date }))
  }
  if (d.leavingLines.length > 0) {
    paragraph(doc, t.t('docl.letter.lines', { date }))
    for (const line of d.leavingLines) paragraph(doc, `•  ${t.t(`kind.${line.kind}` as MessageKey)} ${line.carrierRef}`)
  }

  heading(doc, t.t('docl.letter.when'))
  paragraph(doc, t.t('docl.letter.whenText', { date }))

  heading(doc, t.t('docl.letter.todo'))
  for (const item of todo(d, t)) paragraph(doc, `•  ${item}`)

  heading(doc, t.t('docl.letter.call'))
  const fm = d.facilityContact
  paragraph(doc, fm ? t.t('docl.letter.callText', { name: fm.name, building: b.name }) : t.t('docl.letter.callNone', { building: b.name }))
  if (fm) facts(doc, [...(fm.phone ? [[t.t('docl.phone'), t.phone(fm.phone)] as [string, string]] : []), [t.t('docl.email'), fm.email]], 90)

  doc.moveDown(0.5)
  paragraph(doc, t.t('docl.letter.closing'))
  doc.moveDown(1)
  paragraph(doc, [...(fm ? [fm.name] : []), t.t('docl.letter.sender', { building: b.name })].join('\n'))
  doc.x = pageMargin
}

/** What the company must do, in order. */
function todo(d: NoticeLetter, t: Pdf['t']): string[] {
  const carrier = d.carrier
  const date = t.date(d.portDate)
  const items: string[] = []
  if (d.isRequester) {
    items.push(t.t('docl.letter.todo.requesterSign', { carrier }), t.t('docl.letter.todo.requesterInstall', { carrier, date: t.date(d.installDate ?? d.portDate) }), t.t('docl.letter.todo.requesterNothingElse'))
  } else if (!d.consent) {
    items.push(t.t('docl.letter.todo.consentNotAsked'))
  } else if (d.consent.state === 'pending') {
    items.push(t.t('docl.letter.todo.consentPending', { date }), t.t('docl.letter.todo.consentOwnLine', { carrier }))
  } else if (d.consent.state === 'given') {
    items.push(t.t(d.consent.onBehalf ? 'docl.letter.todo.consentGivenOnBehalf' : 'docl.letter.todo.consentGiven', { date: t.date(d.consent.answeredOn) }))
  } else {
    items.push(t.t('docl.letter.todo.consentRefused'))
  }
  if (!d.isRequester && d.numberCount > 0 && d.keptNumbers === 0) items.push(t.t('docl.letter.todo.keptNone', { carrier }))
  if (d.leavingLines.length > 0) items.push(t.t('docl.letter.todo.lines', { carrier, date }))
  items.push(t.t('docl.letter.todo.test', { date }))
  return items
}
