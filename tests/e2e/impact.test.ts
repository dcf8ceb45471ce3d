import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { expandRange, formatNational } from '#app/domain/numbers/index.ts'
import { demoBuilding } from '#db/demo-data.ts'
import { axeViolations, logIn, newPage } from '#tests/support/browser.ts'

const users = inject('e2eUsers')
const demo = inject('ids').demo
const base = `/buildings/${demo.buildingId}`

/** Everything of the demo building that belongs to companies other than `tenantKey`: names, contact e-mails, numbers. */
function secretsOfOthersThan(tenantKey: string): string[] {
  const data = demoBuilding()
  const others = new Set(data.tenants.filter((t) => t.key !== tenantKey).map((t) => t.key))
  const numbers: string[] = []
  for (const range of data.ranges) {
    const all = expandRange({ first: range.first, count: range.count })
    for (const h of range.holders ?? []) {
      if (!others.has(h.tenantKey)) continue
      for (const e164 of all.slice(h.offset, h.offset + h.count)) numbers.push(e164, formatNational(e164))
    }
  }
  return [
    ...data.tenants.filter((t) => others.has(t.key)).flatMap((t) => [t.legalName, t.kvkNumber]),
    ...data.contacts.filter((c) => c.tenantKey !== null && others.has(c.tenantKey)).flatMap((c) => [c.name, c.email]),
    ...numbers,
  ]
}

/** The page as the server sends it for the current URL (the browser's DOM keeps data of earlier pages after client navigation). */
async function rawHtml(page: Page) {
  const response = await page.request.get(page.url())
  expect(response.status()).toBe(200)
  return response.text()
}

/** Fills in the rest of the migration form and computes; returns when the report is there. */
async function compute(page: Page, carrier = 'Vodafone') {
  await page.locator('input[name="carrier"]').fill(carrier)
  await Promise.all([page.waitForURL((u) => u.searchParams.get('run') === '1'), page.locator('button[name="run"]').click()])
  await page.locator('#impact-report').waitFor()
}

/** The verdict banner names its verdict in words, and the blast radius is drawn with a title. */
async function expectVerdictAndPicture(page: Page) {
  const heading = await page.locator('#verdict-heading').textContent()
  expect(heading).toMatch(/Oordeel:\s*(Veilig om door te gaan|Toestemming nodig|Geblokkeerd)/)
  const picture = page.locator('svg[role="img"]')
  expect(await picture.count()).toBe(1)
  expect(await picture.locator('title').first().textContent()).toBe('Impactradius')
  expect(await picture.locator('desc').textContent()).toMatch(/nummers gaan over/)
}

describe('impact screens in the browser', () => {
  it('the facility manager previews a tenant’s switch from its tenant page, with a shareable URL', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.fm!)
    await page.goto(`${base}/tenants/${demo.ownTenantId}`)
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/impact')), page.getByRole('link', { name: 'Impact van een overstap' }).click()])
    expect(await page.locator('select[name="tenant"]').inputValue()).toBe(demo.ownTenantId)
    expect(await page.locator('input[name="all"]').isChecked()).toBe(true)
    await page.locator('input[name="mechanism"][value="port"]').check()
    await compute(page)
    await expectVerdictAndPicture(page)
    // The port takes the whole block of ten: two other companies are named for the facility manager.
    const html = await page.content()
    expect(html).toContain('Advocatenkantoor De Boer V.O.F.')
    expect(html).toContain('MAIN_NUMBER_IN_BLOCK')
    expect(await axeViolations(page)).toEqual([])

    // The URL is the request: opening it again shows the same report.
    const shared = await newPage('nl-NL')
    await logIn(shared, users.fm!)
    await shared.goto(page.url())
    expect(await shared.locator('#verdict-heading').textContent()).toBe(await page.locator('#verdict-heading').textContent())
    await shared.context().close()
    await page.context().close()
  })

  it('the facility manager starts a preview from numbers ticked in the numbers list', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.fm!)
    await page.goto(`${base}/numbers?tenant=${demo.ownTenantId}`)
    const boxes = page.locator('input[type="checkbox"][name="numberId"]')
    await expect.poll(() => boxes.count()).toBe(3)
    for (let i = 0; i < 3; i++) await boxes.nth(i).check()
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/impact') && u.searchParams.has('numbers')), page.getByRole('button', { name: 'Impact bekijken' }).click()])
    await page.locator('input[name="carrier"]').waitFor()
    expect(await page.locator('select[name="tenant"]').inputValue()).toBe(demo.ownTenantId)
    expect(await page.locator('textarea[name="numbers"]').inputValue()).toBe('020 555 1001 t/m 020 555 1003')
    expect(await page.locator('input[name="all"]').isChecked()).toBe(false)
    await compute(page)
    await expectVerdictAndPicture(page)
    await page.context().close()
  })

  it('the facility manager opens the move-out from the building overview and releases a tenant’s numbers', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.fm!)
    await page.goto(base)
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/move-out')), page.getByRole('link', { name: 'Vertrek' }).click()])
    await page.locator('select[name="tenant"]').selectOption(demo.ownTenantId!)
    await page.locator('input[name="keep"][value="release"]').check()
    await Promise.all([page.waitForURL((u) => u.searchParams.get('run') === '1'), page.locator('button[name="run"]').click()])
    await page.locator('#impact-report').waitFor()
    await expectVerdictAndPicture(page)
    expect(await page.getByText('Nummers gaan terug naar het gebouw').count()).toBeGreaterThan(0)
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('a tenant user previews its own switch from the tenant portal and sees other companies only as counts', async () => {
    for (const [email, key] of [
      [users.tenant!, 't1'],
      [users.tenant2!, 't27'],
    ] as const) {
      const page = await newPage('nl-NL')
      await logIn(page, email)
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/impact')), page.getByRole('link', { name: 'Impact van een overstap' }).click()])
      await page.locator('input[name="carrier"]').waitFor()
      expect(await page.locator('select[name="tenant"]').count()).toBe(0)
      await compute(page)
      await expectVerdictAndPicture(page)
      const html = await rawHtml(page)
      expect(html).toContain('id="impact-report"')
      expect([email, secretsOfOthersThan(key).filter((s) => html.includes(s))]).toEqual([email, []])
      expect(await axeViolations(page)).toEqual([])
      await page.context().close()
    }
  })

  it('the sales user previews the prospect on the shared building; the raw HTML holds no other company’s name or number', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.sales!)
    await page.goto(base)
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/impact')), page.getByRole('link', { name: 'Impactanalyse' }).click()])
    await page.locator('input[name="carrier"]').waitFor()
    expect(await page.locator('input[name="tenant"]').inputValue()).toBe(demo.ownTenantId)
    await page.locator('input[name="mechanism"][value="line_migration"]').check()
    await compute(page)
    await expectVerdictAndPicture(page)
    const html = await rawHtml(page)
    expect(html).toContain('Huurder 1')
    expect(html).toContain('020 555 1001')
    expect(secretsOfOthersThan('t1').filter((s) => html.includes(s))).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('the sales user uploads a building file and previews it in full, never stored', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.sales!)
    await page.goto('/impact/preview')
    await page.locator('input[name="file"]').setInputFiles('tests/fixtures/demo-building.json')
    await page.getByRole('button', { name: 'Bestand inlezen' }).click()
    await page.locator('select[name="tenant"]').waitFor()
    expect(await page.getByText('Ingelezen: demo-building.json').count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])
    await page.locator('select[name="tenant"]').selectOption('t1')
    await page.locator('button[name="pick"]').click()
    await page.getByText('Alle 3 nummers van Bakkerij Van Dijk B.V.').waitFor()
    await page.locator('input[name="carrier"]').fill('Vodafone')
    await page.locator('button[name="run"]').click()
    await page.locator('#impact-report').waitFor()
    await expectVerdictAndPicture(page)
    // The uploader's own file: other companies by name.
    expect(await page.content()).toContain('Advocatenkantoor De Boer V.O.F.')
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('a tenant user sees from its portal which sales user may preview its company', async () => {
    const page = await newPage('nl-NL')
    await logIn(page, users.tenant!)
    await Promise.all([page.waitForURL((u) => u.pathname === '/my/sales-share'), page.getByRole('link', { name: 'Delen met een verkoper' }).click()])
    await page.getByRole('cell', { name: users.sales! }).waitFor()
    expect(await page.getByRole('cell', { name: users.sales! }).count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })
})
