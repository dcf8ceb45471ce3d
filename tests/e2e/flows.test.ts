import { describe, expect, inject, it } from 'vitest'
import { axeViolations, logIn, newPage } from '#tests/support/browser.ts'

const users = inject('e2eUsers')
const demo = inject('ids').demo
const base = `/buildings/${demo.buildingId}`

const newTenant = { name: 'Koffiebranderij Proefbrand B.V.', kvk: '87654321', login: 'koffie@proefbrand.example', password: 'proefbrand-wachtwoord-1' }
const addedRange = Array.from({ length: 20 }, (_, i) => `020 700 ${1100 + i}`)
const allocated = addedRange.slice(0, 10)

describe('main flows in the browser', () => {
  it('each role logs in and lands on its own start page', async () => {
    const cases = [
      [users.fm, '/buildings'],
      [users.tenant, '/my'],
      [users.sales, '/buildings'],
    ] as const
    for (const [email, path] of cases) {
      const page = await newPage()
      await logIn(page, email!)
      expect(new URL(page.url()).pathname).toBe(path)
      await page.context().close()
    }
  })

  it('a wrong password keeps the user on the login page with a message in Dutch', async () => {
    const page = await newPage('nl-NL')
    await page.goto('/login')
    await page.locator('input[name="email"]').fill(users.fm!)
    await page.locator('input[name="password"]').fill('wrong password')
    await page.locator('form[method="post"] button[type="submit"]').first().click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('onjuist')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.context().close()
  })

  it('the facility manager adds a tenant, a range, allocates ten numbers and gives the tenant a login; the tenant sees exactly those ten; sales sees counts only', async () => {
    const fm = await newPage('nl-NL')
    await logIn(fm, users.fm!)

    // 1. a new tenant company
    await fm.goto(`${base}/tenants/new`)
    await fm.locator('input[name="legalName"]').fill(newTenant.name)
    await fm.locator('input[name="kvkNumber"]').fill(newTenant.kvk)
    await fm.locator('input[name="unit"]').fill('3.14')
    await fm.locator('input[name="moveIn"]').fill('2026-01-01')
    await Promise.all([fm.waitForURL((u) => !u.pathname.endsWith('/tenants/new')), fm.locator('form[method="post"] button[type="submit"]').first().click()])

    // 2. a range of twenty numbers on the SIP trunk, typed the way people write it
    await fm.goto(`${base}/numbers/new`)
    const sipOption = fm.locator('select[name="serviceId"] option', { hasText: 'KPN-SIP-88120' })
    await fm.locator('select[name="serviceId"]').selectOption(await sipOption.getAttribute('value'))
    await fm.locator('input[name="range"]').fill('020-7001100 t/m 020-7001119')
    await Promise.all([fm.waitForURL((u) => !u.pathname.endsWith('/numbers/new')), fm.locator('form[method="post"] button[type="submit"]').first().click()])

    // 3. search the first ten (any notation works) and allocate them to the new tenant in bulk
    await fm.goto(`${base}/numbers?q=${encodeURIComponent('020 700 110')}`)
    const boxes = fm.locator('input[type="checkbox"][name="numberId"]')
    await expect.poll(() => boxes.count()).toBe(10)
    for (let i = 0; i < 10; i++) await boxes.nth(i).check()
    const tenantOption = fm.locator('select[name="tenantId"] option', { hasText: newTenant.name })
    const tenantId = await tenantOption.getAttribute('value')
    await fm.locator('select[name="tenantId"]').selectOption(tenantId)
    await fm.locator('button[name="intent"][value="allocate"]').click()
    await fm.waitForLoadState('networkidle')
    expect(await axeViolations(fm)).toEqual([])

    // 4. a login for the tenant
    await fm.goto(`${base}/tenants/${tenantId}/users`)
    await fm.locator('input[name="name"]').fill('Karin Koffie')
    await fm.locator('input[name="email"]').fill(newTenant.login)
    await fm.locator('input[name="password"]').fill(newTenant.password)
    await fm.locator('button[name="intent"][value="create"]').click()
    await expect.poll(() => fm.getByText(newTenant.login).count()).toBeGreaterThan(0)

    // the overview and the audit log show the change
    await fm.goto(`${base}/audit`)
    expect(await fm.content()).toContain(newTenant.login)
    await fm.context().close()

    // 5. the tenant sees exactly its ten numbers
    const tenant = await newPage('nl-NL')
    await logIn(tenant, newTenant.login, newTenant.password)
    await tenant.goto('/my/numbers')
    const html = await tenant.content()
    for (const n of allocated) expect([n, html.includes(n)]).toEqual([n, true])
    for (const n of addedRange.slice(10)) expect([n, html.includes(n)]).toEqual([n, false])
    expect(html).not.toContain('020 555 1001')
    expect(html).not.toContain('Bakkerij')
    await tenant.context().close()

    // 6. sales: counts, no tenant names
    const sales = await newPage('en-GB')
    await logIn(sales, users.sales!)
    await sales.goto(base)
    const salesHtml = await sales.content()
    expect(salesHtml).toContain('Bedrijvencentrum De Schakel')
    expect(salesHtml).not.toContain(newTenant.name)
    expect(salesHtml).not.toContain('020 700 1100')
    expect(await axeViolations(sales)).toEqual([])
    await sales.context().close()
  })

  it('the language follows the browser and can be switched', async () => {
    const page = await newPage('en-GB')
    await page.goto('/login')
    expect(await page.locator('h1').textContent()).toBe('Log in')
    await page.locator('button[name="locale"][value="nl"]').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen')
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })
})
