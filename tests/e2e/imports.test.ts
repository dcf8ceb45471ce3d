import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, logIn, newPage } from '#tests/support/browser.ts'

// One story in three steps, run in order on the second building ("Kantorenpand Overkant"): the other
// browser tests only check that its pages are refused to outsiders, so the numbers added here change
// nothing they look at.
const users = inject('e2eUsers')
const buildingId = inject('otherBuildingId')
const base = `/buildings/${buildingId}`

/**
 * New numbers in the large inventory file, 020-3000000 onwards, all on the building's ISDN30 line.
 * The embedded database reads 200,000 rows in about five seconds, long enough to reload the page
 * while the import is still being read; applying them takes four to five times as long, which is
 * why the file is not larger.
 */
const importedCount = 200_000
const firstImported = 3_000_000
const national = (i: number) => `020-${firstImported + i}`
/** How the pages write a number: 020 300 1234. */
const shown = (i: number) => `020 ${String(firstImported + i).slice(0, 3)} ${String(firstImported + i).slice(3)}`
const dutchCount = new Intl.NumberFormat('nl-NL')
const progressPattern = /^([\d.]+) regels gelezen \((\d{1,3})%\)$/
const rowsIn = (progress: string) => Number(progressPattern.exec(progress)?.[1]?.replaceAll('.', '') ?? Number.NaN)

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-e2e-imports-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** A carrier inventory export as Dutch Excel writes it: semicolons, Dutch headers, CRLF. */
function inventoryFile(name: string, rows: readonly (readonly string[])[]): string {
  const file = path.join(tmp, name)
  fs.writeFileSync(file, `${['Nummer;Aansluiting;Status', ...rows.map((r) => r.join(';'))].join('\r\n')}\r\n`)
  return file
}

/** The carrier reference of the building's ISDN30 line, as the number list's line filter offers it. */
async function isdnLineRef(page: Page): Promise<string> {
  await page.goto(`${base}/numbers`)
  const option = await page.locator('select[name="service"] option', { hasText: 'ISDN30' }).first().textContent()
  const ref = option?.split(' · ')[0]?.trim() ?? ''
  expect(ref).toMatch(/ISDN30/)
  return ref
}

/** Uploads an inventory file through the form and waits for the import's own page at its mapping step. */
async function upload(page: Page, file: string) {
  await page.goto(`${base}/imports`)
  await page.locator('input[name="kind"][value="inventory"]').check()
  await page.locator('input[name="file"]').setInputFiles(file)
  await Promise.all([
    page.waitForURL((u) => /\/imports\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 30_000 }),
    page.getByRole('button', { name: 'Uploaden en kolommen koppelen', exact: true }).click(),
  ])
  await page.getByRole('heading', { name: 'Kolommen koppelen', level: 2 }).waitFor()
}

/** Starts reading with the proposed columns; the building's numbers the file leaves out stay as they are. */
async function startReading(page: Page) {
  await page.locator('input[name="markMissing"]').uncheck()
  await page.getByRole('button', { name: 'Bestand lezen (proefrun)', exact: true }).click()
}

/** The dry run's count of one kind of difference, as the page writes it. */
async function diffCount(page: Page, kind: string) {
  return (await page.getByTestId(`diff-${kind}`).textContent())?.trim()
}

/** Waits for the dry run to replace the progress bar (the page revalidates itself while the server reads). */
async function settleOnDryRun(section: Locator) {
  await section.waitFor({ timeout: 60_000 })
}

const cancelButton = (page: Page) => page.getByRole('button', { name: 'Import annuleren', exact: true })

describe('carrier imports in the browser', () => {
  it('a facility manager uploads a large carrier inventory, keeps the proposed columns, sees the progress bar (also after a reload), reviews the dry run and applies it', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.otherFm!)
    const lineRef = await isdnLineRef(page)
    const file = inventoryFile(
      'kpn-nummers.csv',
      Array.from({ length: importedCount }, (_, i) => [national(i), lineRef, 'Actief']),
    )

    await page.goto(`${base}/imports`)
    await page.getByRole('heading', { name: 'Carrierbestand uploaden' }).waitFor()
    expect(await page.locator('select[name="carrierId"] option:checked').textContent()).toBe('KPN')
    expect(await axeViolations(page)).toEqual([])

    // 1. The mapping step reads the file's format and proposes the columns from the Dutch headers.
    await upload(page, file)
    const importUrl = page.url()
    const selected = async (name: string) => page.locator(`select[name="${name}"]`).inputValue()
    expect(await selected('delimiter')).toBe('semicolon')
    expect(await selected('encoding')).toBe('utf-8')
    expect(await selected('header')).toBe('yes')
    expect(await selected('col.number')).toBe('0')
    expect(await selected('col.serviceRef')).toBe('1')
    expect(await selected('col.status')).toBe('2')
    expect(await selected('col.numberLast')).toBe('')
    expect(await selected('col.count')).toBe('')
    expect(await page.locator('main table tbody tr').first().textContent()).toContain(national(0))
    expect(await axeViolations(page)).toEqual([])

    // 2. The server reads the file in the background: the bar says how many rows and what share are
    // read, and a reload while it reads shows the bar again, at least as far along.
    await startReading(page)
    const reading = page.getByRole('region', { name: 'Het bestand wordt gelezen' })
    const bar = reading.getByRole('progressbar', { name: 'Voortgang' })
    /** The bar's text and value, read together (the page revalidates while the server reads). */
    const progress = () =>
      reading.evaluate((section) => ({
        text: section.querySelector('[data-testid="import-progress-text"]')?.textContent ?? '',
        value: section.querySelector('progress')?.getAttribute('value') ?? null,
        max: section.querySelector('progress')?.getAttribute('max') ?? null,
      }))
    await bar.waitFor()
    const before = await progress()
    expect(before.text).toMatch(progressPattern)
    expect(before.value).toBe(progressPattern.exec(before.text)?.[2])
    expect(before.max).toBe('100')

    // The server is busy reading: the reload may wait for it.
    await page.reload({ timeout: 60_000 })
    expect(page.url()).toBe(importUrl)
    await bar.waitFor()
    const after = await progress()
    expect(after.text).toMatch(progressPattern)
    expect(after.value).toBe(progressPattern.exec(after.text)?.[2])
    expect(rowsIn(after.text)).toBeGreaterThanOrEqual(rowsIn(before.text))

    // 3. The dry run: every line is a number new to the building, and nothing has changed yet.
    const dryRun = page.getByRole('region', { name: 'Proefrun: wat doorvoeren zou wijzigen' })
    await settleOnDryRun(dryRun)
    const all = dutchCount.format(importedCount)
    expect(await dryRun.locator('p').first().textContent()).toBe(`${all} regels gelezen met samen ${all} nummers. Er is nog niets gewijzigd.`)
    expect(await diffCount(page, 'new')).toBe(all)
    expect(await diffCount(page, 'serviceChanged')).toBe('0')
    expect(await diffCount(page, 'statusChanged')).toBe('0')
    expect(await diffCount(page, 'unchanged')).toBe('0')
    expect(await page.getByText('Proefrun klaar', { exact: true }).count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])

    // 4. Applied after the confirmation; the worker merges it and the page says so.
    await page.locator('input[name="confirm"]').check()
    await page.getByRole('button', { name: 'Doorvoeren', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Doorgevoerd op' }).waitFor({ timeout: 90_000 })
    expect(await page.getByText('Doorgevoerd', { exact: true }).count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Doorvoeren', exact: true }).count()).toBe(0)

    // 5. The building's number list finds an imported number; its own numbers are still active.
    await page.goto(`${base}/numbers?q=${encodeURIComponent(national(123_456))}`)
    const found = page.locator('main table tbody tr')
    await found.filter({ hasText: shown(123_456) }).waitFor()
    expect(await found.count()).toBe(1)
    expect(await found.first().textContent()).toContain(lineRef)
    await page.goto(`${base}/numbers?q=${encodeURIComponent('020 100 0001')}`)
    await found.filter({ hasText: '020 100 0001' }).waitFor()
    expect(await found.count()).toBe(1)
    expect(await found.first().textContent()).toContain('Actief')

    await page.goto(`${base}/imports`)
    await page.locator('main table tbody tr').filter({ hasText: 'kpn-nummers.csv' }).filter({ hasText: 'Doorgevoerd' }).waitFor()
    await page.context().close()
  }, 150_000)

  it('a file with an unreadable row shows its line and the reason in Dutch, offers the error report, refuses to apply until the row is excluded, and once cancelled the building takes a new upload', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.otherFm!)
    const lineRef = await isdnLineRef(page)
    const file = inventoryFile('kpn-nummers-fout.csv', [
      ['020-3900000', lineRef, 'Actief'],
      ['020-3900001', lineRef, 'Actief'],
      ['020-3900002', lineRef, 'Misschien'],
      ['020-3900003', lineRef, 'Actief'],
    ])
    await upload(page, file)
    const importUrl = page.url()
    await startReading(page)

    // Line 4 (the header is line 1) has a status the carrier vocabulary does not know.
    const badRows = page.getByRole('region', { name: 'Regels die niet konden worden gelezen: 1' })
    await settleOnDryRun(badRows)
    expect(await diffCount(page, 'new')).toBe('3')
    const row = badRows.locator('tbody tr')
    expect(await row.count()).toBe(1)
    expect((await row.locator('td').allTextContents()).map((c) => c.trim())).toEqual(['4', 'Onbekende status', 'Misschien'])

    // The error report opens in Dutch Excel: a BOM, semicolons, the same line and reason.
    const [download] = await Promise.all([page.waitForEvent('download'), badRows.getByRole('link', { name: 'Foutenrapport downloaden (CSV)' }).click()])
    expect(download.suggestedFilename()).toMatch(/^import-errors-[0-9a-f]{8}\.csv$/)
    const report = fs.readFileSync(await download.path(), 'utf8')
    expect(report.startsWith('\uFEFF')).toBe(true)
    const lines = report.slice(1).split('\r\n').filter(Boolean)
    expect(lines[0]).toBe('Regel;Probleem;Waarde;Regel zoals gelezen')
    // The row as read holds the file's own semicolons, so that cell is quoted.
    expect(lines.slice(1)).toEqual([`4;Onbekende status;Misschien;"020-3900002;${lineRef};Misschien"`])

    // Applying without excluding the row is refused, in Dutch, and the import waits.
    await page.locator('input[name="confirm"]').check()
    await page.getByRole('button', { name: 'Doorvoeren', exact: true }).click()
    await page.getByText('Regels die niet konden worden gelezen: 1. Verbeter het bestand en upload het opnieuw, of vink aan dat u zonder die regels wilt doorvoeren.').waitFor()
    expect(await page.locator('input[name="excludeBadRows"]').getAttribute('aria-invalid')).toBe('true')
    expect(page.url()).toBe(importUrl)
    expect(await page.getByText('Proefrun klaar', { exact: true }).count()).toBe(1)

    // Cancelled, the import frees the building: the upload form is back and takes the next file.
    await Promise.all([page.waitForURL((u) => u.pathname === `${base}/imports`), cancelButton(page).click()])
    await page.locator('main table tbody tr').filter({ hasText: 'kpn-nummers-fout.csv' }).filter({ hasText: 'Geannuleerd' }).waitFor()
    await upload(page, inventoryFile('kpn-nummers-opnieuw.csv', [['020-3900000', lineRef, 'Actief']]))
    await Promise.all([page.waitForURL((u) => u.pathname === `${base}/imports`), cancelButton(page).click()])
    await page.locator('input[name="file"]').waitFor()
    await page.context().close()
  })

  it('the reconciliation page lists the six kinds of difference with their counts, and the imported numbers under “Actief maar niet gefactureerd”', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.otherFm!)
    await page.goto(`${base}/reconciliation`)
    const categories = page.getByRole('navigation', { name: 'Soorten verschil' }).getByRole('link')
    const labels = [
      'Actief maar niet gefactureerd',
      'Gefactureerd maar niet in inventaris',
      'Gefactureerd aan vertrokken huurder',
      'Toegewezen maar niet gefactureerd',
      'Niet toegewezen maar gefactureerd',
      'Gefactureerde diensten zonder nummers',
    ]
    const texts = await categories.allTextContents()
    expect(texts.map((c) => c.replace(/[\d.]+$/, ''))).toEqual(labels)
    for (const text of texts) expect(text).toMatch(/\d$/)
    const activeUnbilled = Number((texts[0] ?? '').slice(labels[0]!.length).replaceAll('.', ''))
    expect(activeUnbilled).toBeGreaterThanOrEqual(importedCount)

    await Promise.all([page.waitForURL((u) => u.searchParams.get('category') === 'activeUnbilled'), categories.filter({ hasText: labels[0] }).click()])
    expect(await categories.filter({ hasText: labels[0] }).getAttribute('aria-current')).toBe('page')
    const rows = page.locator('main table tbody tr')
    await rows.filter({ hasText: shown(0) }).waitFor()
    const first = rows.filter({ hasText: shown(0) })
    const [number, line, holder, status] = (await first.locator('td').allTextContents()).map((c) => c.trim())
    expect([number, holder, status]).toEqual([shown(0), '—', 'Actief'])
    expect(line).toMatch(/ISDN30/)
    expect(await rows.filter({ hasText: shown(1) }).count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })
})
