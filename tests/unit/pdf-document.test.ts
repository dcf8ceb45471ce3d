import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createPdf, fileName, table, title } from '#app/pdf/document.server.ts'
import { pdfDownload, webStreamOf } from '#app/server/download.server.ts'
import { pdfFonts, readPdf, renderFirstPage } from '#tests/support/pdf.ts'

async function render(draw: (doc: ReturnType<typeof createPdf>) => Promise<unknown> | void, locale: 'nl' | 'en' = 'nl') {
  const doc = createPdf({ title: 'Proefdocument', subject: 'Een test', locale, documentId: 'abc-123', generatedAt: new Date('2026-11-22T09:30:00Z') })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise((resolve) => doc.on('end', resolve))
  await draw(doc)
  doc.end()
  await ended
  return new Uint8Array(Buffer.concat(chunks))
}

describe('what every document shares', () => {
  it('carries its title, author, subject and creation date, and embeds a font that has ë, ï, é and €', async () => {
    const bytes = await render((doc) => title(doc, 'Overzicht', 'Café De Ruïne — € 1.234,56 — één'))
    const pdf = await readPdf(bytes)
    expect(pdf.info).toMatchObject({ Title: 'Proefdocument', Author: 'Sharedline', Subject: 'Een test' })
    expect(String(pdf.info.CreationDate)).toContain('2026')
    expect(pdf.text).toContain('Café De Ruïne — € 1.234,56 — één')
    const fonts = await pdfFonts(bytes)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.every((f) => f.embedded && f.name.includes('DejaVuSans'))).toBe(true)
  })

  it('numbers every page and names the document and the moment it was made in the footer, in the reader’s language', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ n: i + 1 }))
    const nl = await readPdf(await render((doc) => table(doc, [{ header: 'Nummer', width: 1, cell: (r: { n: number }) => `regel ${r.n}` }], rows)))
    expect(nl.pages.length).toBeGreaterThan(2)
    nl.pages.forEach((page, i) => {
      expect(page).toContain(`Pagina ${i + 1}`)
      expect(page).toMatch(/document abc-123 · gemaakt op 22-11-2026,? 10:30/)
      // The table's header is repeated at the top of every page it runs over.
      expect(page).toContain('Nummer')
    })
    expect(nl.text).toContain('regel 150')
    const en = await readPdf(await render((doc) => title(doc, 'Overview'), 'en'))
    expect(en.text).toContain('Page 1')
    expect(en.text).toMatch(/generated on 22\/11\/2026,? 10:30/)
  })

  it('page 1 renders to an image with something drawn on it', async () => {
    const page = await renderFirstPage(await render((doc) => title(doc, 'Overzicht van het gebouw')))
    expect(page.width).toBeGreaterThan(300)
    expect(page.inked).toBeGreaterThan(0.001)
  })

  it('file names are stable and plain: no spaces, accents or other characters a mail client mangles', () => {
    expect(fileName('impactrapport', 'Bedrijvencentrum De Schakel', 'Café Ruïne B.V.')).toBe('impactrapport-bedrijvencentrum-de-schakel-cafe-ruine-b-v.pdf')
  })

  it('a download cancelled halfway stops the document, and nothing is thrown while drawing goes on', async () => {
    const doc = createPdf({ title: 'Lang', subject: 'Afbreken', locale: 'nl', documentId: 'cancel', generatedAt: new Date() })
    let drawn = 0
    const response = pdfDownload(doc, 'lang.pdf', async () => {
      for (let i = 0; i < 400; i++) {
        title(doc, `Regel ${i}`)
        drawn++
        await new Promise((resolve) => setImmediate(resolve))
      }
    })
    const reader = response.body!.getReader()
    expect((await reader.read()).done).toBe(false)
    await reader.cancel()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((doc as unknown as { destroyed: boolean }).destroyed).toBe(true)
    expect(drawn).toBeGreaterThan(0)
  })

  it('a reader that does not read pauses the source: what is unread waits in the source; reading resumes it to the end', async () => {
    const source = new Readable({ read() {} })
    const body = webStreamOf(source)
    for (let i = 0; i < 64; i++) source.push(Buffer.alloc(16 * 1024, i))
    source.push(null)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(source.isPaused()).toBe(true)
    expect(source.readableLength).toBeGreaterThan(0)
    const all = new Uint8Array(await new Response(body).arrayBuffer())
    expect(all.byteLength).toBe(64 * 16 * 1024)
    expect(all[all.byteLength - 1]).toBe(63)
  })
})
