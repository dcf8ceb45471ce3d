// Reading the PDFs the app writes, as a person or a printer would: the text on each page (pdf-parse),
// the metadata, the fonts embedded (poppler's pdffonts) and page 1 rendered to PNG (poppler's
// pdftoppm) to see that something is drawn on it.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PDFParse } from 'pdf-parse'
import { PNG } from 'pngjs'

const run = promisify(execFile)

export interface ReadPdf {
  /** All text, pages joined. */
  text: string
  pages: string[]
  info: Record<string, unknown>
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) })
  try {
    const text = await parser.getText()
    const info = await parser.getInfo()
    return { text: text.text, pages: text.pages.map((p) => p.text), info: (info.info ?? {}) as Record<string, unknown> }
  } finally {
    await parser.destroy()
  }
}

async function withFile<T>(bytes: Uint8Array, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-pdf-'))
  try {
    const file = path.join(dir, 'document.pdf')
    fs.writeFileSync(file, bytes)
    return await use(file, dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The fonts of the document as pdffonts lists them: name and whether it is embedded. */
export async function pdfFonts(bytes: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  return withFile(bytes, async (file) => {
    const { stdout } = await run('pdffonts', [file])
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const cols = line.trim().split(/\s+/)
        // name type [encoding…] emb sub uni object-id gen: emb is the fifth column from the end
        return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' }
      })
  })
}

/** Page 1 rendered to PNG at 40 dpi by pdftoppm: its size and the share of pixels that are not white. */
export async function renderFirstPage(bytes: Uint8Array): Promise<{ width: number; height: number; inked: number }> {
  return withFile(bytes, async (file, dir) => {
    await run('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')])
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'page.png')))
    let inked = 0
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 240 || png.data[i + 1]! < 240 || png.data[i + 2]! < 240) inked++
    return { width: png.width, height: png.height, inked: inked / (png.width * png.height) }
  })
}

/** The body of a download Response as bytes. */
export async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer())
}
