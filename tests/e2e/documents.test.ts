import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { logIn, newPage } from '#tests/support/browser.ts'
import { readPdf } from '#tests/support/pdf.ts'

const users = inject('e2eUsers')
const buildingId = inject('demoBuildingId')
const requestId = inject('demoRequestId')
const requester = 'Installatiebedrijf Van der Linden V.O.F.'

/** Clicks a download link as a person would and reads the file the browser saved. */
async function download(page: Page, link: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link, exact: true }).click()])
  const saved = await file.path()
  const pdf = await readPdf(new Uint8Array(fs.readFileSync(saved)))
  return { name: file.suggestedFilename(), text: pdf.text.replace(/\s+/g, ' ') }
}

describe('documents downloaded from their screens', () => {
  it('the facility manager downloads the inventory from the building overview, and the impact report, the porting authorisation and a letter from the request’s status page', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.fm!)
    await page.goto(`/buildings/${buildingId}`)
    const inventory = await download(page, 'Inventaris (pdf)')
    expect(inventory.name).toMatch(/^inventory-bedrijvencentrum-de-schakel-\d{4}-\d{2}-\d{2}\.pdf$/)
    expect(inventory.text).toContain('Bedrijvencentrum De Schakel')

    await page.goto(`/buildings/${buildingId}/requests/${requestId}`)
    const report = await download(page, 'Impactrapport')
    expect(report.name).toContain(`impact-report-bedrijvencentrum-de-schakel-`)
    expect(report.text).toContain('Impactrapport')
    expect(report.text).toContain('Vodafone')
    const authorisation = await download(page, 'Overstapformulier (volmacht)')
    expect(authorisation.name).toMatch(/^porting-authorisation-.*\.pdf$/)
    expect(authorisation.text).toContain('Vodafone')
    const letter = await download(page, `Brief aan ${requester}`)
    expect(letter.name).toMatch(/^notice-letter-.*\.pdf$/)
    await page.context().close()
  })

  it('the requesting tenant downloads its own letter, and the impact screen’s report as a PDF', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.tenant2!)
    await page.goto(`/buildings/${buildingId}/requests/${requestId}`)
    const letter = await download(page, 'Brief aan uw bedrijf')
    expect(letter.text).toContain(requester)

    await page.goto(`/buildings/${buildingId}/impact`)
    await page.locator('input[name="carrier"]').fill('Odido Zakelijk')
    await Promise.all([page.waitForURL((u) => u.searchParams.get('run') === '1'), page.locator('button[name="run"]').click()])
    await page.locator('#impact-report').waitFor()
    const preview = await download(page, 'Downloaden als pdf')
    expect(preview.name).toMatch(/^impact-preview-bedrijvencentrum-de-schakel-installatiebedrijf-van-der-linden-v-o-f-\d{4}-\d{2}-\d{2}\.pdf$/)
    expect(preview.text).toContain('Odido Zakelijk')
    await page.context().close()
  })
})
