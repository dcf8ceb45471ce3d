// What every Sharedline PDF shares: an embedded font that has the Dutch characters (ë, ï, é, €),
// metadata (title, author, subject, creation date, document id), a footer on every page with the
// document id, the moment it was generated and the page number, and small drawing helpers (headings,
// key/value lines, tables whose header repeats on every page). Documents are written as they are
// drawn: nothing here waits for the whole document, so a long one streams.
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import type { Locale } from '#app/domain/enums.ts'
import { fileSlug } from '#app/domain/file-names.ts'
import { createTranslator, type Translator } from '#app/i18n/index.ts'

const require = createRequire(import.meta.url)
/** DejaVu Sans (from the `dejavu-fonts-ttf` package), embedded as a subset in every document. */
const fontFiles = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const

export const pageMargin = 50
const footerHeight = 28

export interface DocumentMeta {
  /** Shown in the footer and as the PDF title. */
  title: string
  subject: string
  locale: Locale
  /** A stable id of what the document is about (request id, building id + date, …). */
  documentId: string
  generatedAt: Date
}

export type Pdf = PDFKit.PDFDocument & { t: Translator; meta: DocumentMeta }

/** A new A4 document with the embedded font, metadata and a footer on every page. */
export function createPdf(meta: DocumentMeta): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: pageMargin, left: pageMargin, right: pageMargin, bottom: pageMargin + footerHeight },
    info: { Title: meta.title, Author: 'Sharedline', Subject: meta.subject, Creator: 'Sharedline', Keywords: `document:${meta.documentId}`, CreationDate: meta.generatedAt },
    lang: meta.locale === 'nl' ? 'nl-NL' : 'en-GB',
    displayTitle: true,
    autoFirstPage: false,
  }) as Pdf
  doc.t = createTranslator(meta.locale)
  doc.meta = meta
  doc.registerFont('regular', fontFiles.regular)
  doc.registerFont('bold', fontFiles.bold)
  let page = 0
  doc.on('pageAdded', () => {
    page++
    drawFooter(doc, page)
  })
  doc.addPage()
  return doc
}

function drawFooter(doc: Pdf, page: number) {
  const { t, meta } = doc
  const bottom = doc.page.margins.bottom
  doc.page.margins.bottom = 0
  const y = doc.page.height - pageMargin
  doc.font('regular').fontSize(7.5).fillColor('#475569')
  const left = t.t('doc.footer', { title: meta.title, id: meta.documentId, at: t.dateTime(meta.generatedAt) })
  doc.text(left, pageMargin, y, { width: doc.page.width - 2 * pageMargin - 80, lineBreak: false, ellipsis: true })
  doc.text(t.t('doc.page', { page }), doc.page.width - pageMargin - 80, y, { width: 80, align: 'right', lineBreak: false })
  doc.page.margins.bottom = bottom
  doc.fillColor('black').font('regular').fontSize(10)
  doc.x = pageMargin
  doc.y = pageMargin
}

/** The usable width between the margins. */
export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right
}

/** Starts a new page when fewer than `height` points are left above the footer. */
export function ensureSpace(doc: Pdf, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage()
}

export function title(doc: Pdf, text: string, subtitle?: string) {
  doc.font('bold').fontSize(17).fillColor('black').text(text, pageMargin, doc.y, { width: contentWidth(doc) })
  if (subtitle) doc.font('regular').fontSize(10).fillColor('#334155').text(subtitle, { width: contentWidth(doc) })
  doc.fillColor('black').moveDown(0.8)
}

export function heading(doc: Pdf, text: string) {
  ensureSpace(doc, 48)
  doc.moveDown(0.4).font('bold').fontSize(12.5).fillColor('#0c4a6e').text(text, pageMargin, doc.y, { width: contentWidth(doc) })
  doc.fillColor('black').font('regular').fontSize(10).moveDown(0.3)
}

export function paragraph(doc: Pdf, text: string, options: { bold?: boolean; size?: number; color?: string } = {}) {
  doc
    .font(options.bold ? 'bold' : 'regular')
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? 'black')
    .text(text, pageMargin, doc.y, { width: contentWidth(doc) })
  doc.fillColor('black').font('regular').fontSize(10).moveDown(0.3)
}

/** Label/value lines, the label in a fixed column. */
export function facts(doc: Pdf, rows: readonly [string, string][], labelWidth = 170) {
  for (const [label, value] of rows) {
    const height = Math.max(doc.font('bold').fontSize(10).heightOfString(label, { width: labelWidth - 8 }), doc.font('regular').heightOfString(value, { width: contentWidth(doc) - labelWidth }))
    ensureSpace(doc, height + 4)
    const y = doc.y
    doc.font('bold').text(label, pageMargin, y, { width: labelWidth - 8 })
    doc.font('regular').text(value, pageMargin + labelWidth, y, { width: contentWidth(doc) - labelWidth })
    doc.y = y + height + 4
  }
  doc.x = pageMargin
  doc.moveDown(0.3)
}

export interface Column<R> {
  header: string
  /** Share of the content width. */
  width: number
  align?: 'left' | 'right'
  cell: (row: R) => string
}

const cellPadding = 3

/**
 * A table drawn row by row; its header is drawn again at the top of every page it continues on.
 * Rows may come from an async source (a database cursor), so a table of 20,000 rows is never held
 * in memory.
 */
export async function table<R>(doc: Pdf, columns: readonly Column<R>[], rows: Iterable<R> | AsyncIterable<R>, options: { fontSize?: number } = {}) {
  const size = options.fontSize ?? 9
  const total = columns.reduce((sum, c) => sum + c.width, 0)
  const widths = columns.map((c) => (c.width / total) * contentWidth(doc))
  const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size)
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - 2 * cellPadding }))) + 2 * cellPadding
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage()
      if (!bold) drawHeader()
    }
    const y = doc.y
    if (shade) doc.rect(pageMargin, y, contentWidth(doc), height).fill(bold ? '#e2e8f0' : '#f8fafc').fillColor('black')
    let x = pageMargin
    cells.forEach((text, i) => {
      doc.font(bold ? 'bold' : 'regular').fontSize(size).fillColor('black').text(text, x + cellPadding, y + cellPadding, { width: widths[i]! - 2 * cellPadding, align: columns[i]!.align ?? 'left' })
      x += widths[i]!
    })
    doc.moveTo(pageMargin, y + height).lineTo(pageMargin + contentWidth(doc), y + height).lineWidth(0.3).strokeColor('#cbd5e1').stroke()
    doc.x = pageMargin
    doc.y = y + height
  }
  const drawHeader = () => drawRow(columns.map((c) => c.header), true, true)
  ensureSpace(doc, 40)
  drawHeader()
  let index = 0
  for await (const row of rows) drawRow(columns.map((c) => c.cell(row)), false, index++ % 2 === 1)
  doc.font('regular').fontSize(10).moveDown(0.5)
  return index
}

/** A file name that stays the same for the same document: letters, digits and dashes only. */
export function fileName(...parts: string[]): string {
  return `${fileSlug(...parts)}.pdf`
}
