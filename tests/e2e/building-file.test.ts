import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { parseBuildingFile } from '#app/domain/impact/building-file.ts'
import { axeViolations, logIn, newPage } from '#tests/support/browser.ts'

const users = inject('e2eUsers')
const demo = inject('ids').demo

describe('building files in the browser', () => {
  it('the facility manager downloads a building as a file and imports it as a new building, which shows the same companies', async () => {
    const page = await newPage()
    await logIn(page, users.fm!)
    await page.goto(`/buildings/${demo.buildingId}`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Gebouwbestand downloaden' }).click()])
    expect(download.suggestedFilename()).toMatch(/\.building\.json$/)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-export-')), download.suggestedFilename())
    await download.saveAs(file)
    const exported = parseBuildingFile(JSON.parse(fs.readFileSync(file, 'utf8')))
    expect(exported.ok).toBe(true)
    if (!exported.ok) return
    expect(exported.value.tenants.length).toBeGreaterThanOrEqual(40)

    await page.goto('/buildings')
    await page.getByRole('link', { name: 'Gebouwbestand importeren' }).click()
    await page.waitForURL('**/buildings/import')
    expect(await axeViolations(page)).toEqual([])
    await page.locator('input[name="file"]').setInputFiles(file)
    await Promise.all([page.waitForURL((u) => /^\/buildings\/[0-9a-f-]{36}$/.test(u.pathname)), page.getByRole('button', { name: 'Importeren' }).click()])
    expect(page.url()).not.toContain(demo.buildingId)
    await expect.poll(() => page.locator('h1').textContent()).toContain(exported.value.building.name)
  })

  it('a file with problems is refused with each problem at its JSON path, and no building is added', async () => {
    const page = await newPage()
    await logIn(page, users.fm!)
    await page.goto('/buildings')
    const before = await page.locator('a[href^="/buildings/"]').count()
    await page.goto('/buildings/import')
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-bad-')), 'bad.json')
    fs.writeFileSync(bad, JSON.stringify({ format: 'sharedline.building', version: 1, building: { name: 'X', postcode: '12345', city: 'Utrecht' }, tenants: [{ id: 'a', legalName: 'A', kvkNumber: '12', moveIn: '2024-01-01' }] }))
    await page.locator('input[name="file"]').setInputFiles(bad)
    await page.getByRole('button', { name: 'Importeren' }).click()
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('$.building.postcode')
    expect(await alert.textContent()).toContain('$.tenants[0].kvkNumber')
    await page.goto('/buildings')
    expect(await page.locator('a[href^="/buildings/"]').count()).toBe(before)
  })
})
