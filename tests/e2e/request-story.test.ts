import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { formatIsoDate } from '#app/domain/dates.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { axeViolations, logIn, newPage } from '#tests/support/browser.ts'

const users = inject('e2eUsers')
const buildingId = inject('storyBuildingId')
const requester = 'Fysiotherapie Van der Meer Holding B.V.'
const neighbours = ['Administratiekantoor Van der Heijden C.V.', 'Reclamebureau Maas B.V.']
/** The port happens today, so the facility manager can record it in the same story. */
const today = todayInNetherlands()

/** Mail the app delivered to the SMTP peer of this run (JSON lines written by the test setup). */
function deliveredMail(): { to: string[]; subject: string }[] {
  return fs
    .readFileSync(inject('mailLog'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string[]; subject: string })
}

async function waitForMail(match: (m: { to: string[]; subject: string }) => boolean, what: string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (deliveredMail().some(match)) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`no mail arrived: ${what}\n${JSON.stringify(deliveredMail(), null, 1)}`)
}

/** Clicks a button of a status-page form and waits for the page it redirects to. */
async function step(page: Page, button: string, done: string) {
  await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === done), page.getByRole('button', { name: button, exact: true }).click()])
  await page.getByRole('status').waitFor()
}

/** The text of the page's main region once it contains `text` (client-side navigation renders a moment after the URL changes). */
async function mainText(page: Page, text: string) {
  await page.locator('main').filter({ hasText: text }).waitFor()
  return (await page.locator('main').textContent()) ?? ''
}

async function openConsentRequest(page: Page) {
  await page.goto('/my/requests')
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith(`/buildings/${buildingId}/requests/`)), page.getByRole('link', { name: new RegExp(requester) }).first().click()])
}

describe('a migration request across three roles', () => {
  it('a tenant submits a port that drags two neighbours, both consent, the facility manager approves and records it, and the inventory shows the numbers gone while the others stay; the mails reach the SMTP server', async () => {
    // 1. The tenant fills in the wizard, sees the live impact and submits.
    const tenant = await newPage('nl-NL')
    await logIn(tenant, users.storyRequester!)
    await tenant.goto('/my/requests/new')
    await tenant.locator('input[name="all"]').check()
    await tenant.locator('input[name="mechanism"][value="port"]').check()
    await tenant.locator('input[name="portDate"]').fill(today)
    await tenant.locator('input[name="installDate"]').fill(today)
    await tenant.locator('input[name="cutoverDate"]').fill('')
    const signatories = await tenant.locator('select[name="signatory"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
    await tenant.locator('select[name="signatory"]').selectOption(signatories[0]!)
    await tenant.locator('input[name="carrier"]').fill('Vodafone')
    await Promise.all([tenant.waitForURL((u) => u.searchParams.get('run') === '1'), tenant.locator('button[name="run"]').click()])
    await tenant.locator('#impact-report').waitFor()
    expect(await tenant.locator('#verdict-heading').textContent()).toMatch(/Toestemming nodig/)
    await Promise.all([
      tenant.waitForURL((u) => u.pathname.startsWith(`/buildings/${buildingId}/requests/`)),
      tenant.getByRole('button', { name: 'Aanvraag indienen' }).click(),
    ])
    const statusUrl = new URL(tenant.url()).pathname
    await mainText(tenant, 'Wacht op toestemming')
    expect(await axeViolations(tenant)).toEqual([])

    // 2. Both neighbours consent: one reads Dutch, the other English.
    const eva = await newPage('nl-NL')
    await logIn(eva, users.storyNeighbourNl!)
    await openConsentRequest(eva)
    expect(new URL(eva.url()).pathname).toBe(statusUrl)
    const evaText = await mainText(eva, `${requester} verlaat de gedeelde lijn`)
    expect(evaText).not.toContain(neighbours[1])
    expect(await axeViolations(eva)).toEqual([])
    await step(eva, 'Toestemming geven', 'consent')

    const femke = await newPage('en-GB')
    await logIn(femke, users.storyNeighbourEn!)
    await openConsentRequest(femke)
    expect(await mainText(femke, `${requester} is leaving the shared line`)).not.toContain(neighbours[0])
    await step(femke, 'Give consent', 'consent')
    await mainText(femke, 'You answered: Given.')

    // 3. The facility manager approves, schedules and records the port.
    const fm = await newPage('nl-NL')
    await logIn(fm, users.storyFm!)
    await fm.goto(`/buildings/${buildingId}/requests?state=open`)
    const row = fm.getByRole('row', { name: new RegExp(requester) })
    expect(await row.textContent()).toContain('Wacht op goedkeuring')
    await Promise.all([fm.waitForURL((u) => u.pathname === statusUrl), row.getByRole('link', { name: requester }).click()])
    await mainText(fm, '2 van 2 gaven toestemming')
    await step(fm, 'Goedkeuren', 'approve')
    await step(fm, 'Inplannen op de porteringsdatum', 'schedule')
    expect(await fm.locator('input[name="completedOn"]').inputValue()).toBe(today)
    await step(fm, 'Uitkomst vastleggen', 'complete')
    await mainText(fm, 'De uitkomst is vastgelegd')
    const timeline = (await fm.getByRole('list').filter({ hasText: 'Ingediend' }).first().textContent()) ?? ''
    // Every step, in the order it was taken (the wizard's create and submit share one transaction).
    const events = ['Concept aangemaakt', 'Ingediend', 'Toestemming gegeven', 'Goedgekeurd', 'Ingepland', 'Afgerond']
    const positions = events.map((event) => timeline.indexOf(event))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(await axeViolations(fm)).toEqual([])

    // 4. The inventory: the block 020-5551010…1018 is ported out; 1019 (unallocated) went along; t7's 1020 stays.
    await fm.goto(`/buildings/${buildingId}/numbers?q=0205551012`)
    expect(await fm.getByRole('row', { name: /020 555 1012/ }).textContent()).toContain('Geporteerd')
    await fm.goto(`/buildings/${buildingId}/numbers?q=0205551020`)
    const staying = (await fm.getByRole('row', { name: /020 555 1020/ }).textContent()) ?? ''
    expect(staying).not.toContain('Geporteerd')
    expect(staying).toContain('Installatiebedrijf Bakker')
    await tenant.goto('/my/numbers')
    expect(await tenant.locator('main').textContent()).not.toContain('020 555 1010')

    // 5. Everybody was told, in their own language, by real mail.
    await waitForMail((m) => m.to.includes(users.storyFm!) && m.subject.includes('vraagt nummers over te zetten'), 'submitted → facility manager')
    await waitForMail((m) => m.subject.includes('your consent is asked'), 'consent asked → the English-reading neighbour')
    await waitForMail((m) => m.subject.includes('uw toestemming gevraagd'), 'consent asked → the Dutch-reading neighbour')
    await waitForMail((m) => m.subject.includes(`gepland op ${formatIsoDate(today, 'nl')}`), 'scheduled, with the date')
    await waitForMail((m) => m.subject.includes('is afgerond') || m.subject.includes('is completed'), 'completed')
  }, 150_000)
})
