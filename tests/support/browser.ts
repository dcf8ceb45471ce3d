import { afterAll, inject } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

let browser: Browser | undefined
afterAll(async () => {
  await browser?.close()
})

/** A fresh browser context (own cookies) in the given language, with the app's base URL. */
export async function newPage(locale: 'nl-NL' | 'en-GB' = 'nl-NL'): Promise<Page> {
  browser ??= await chromium.launch({ executablePath, args, headless: true })
  const context = await browser.newContext({ baseURL: inject('baseUrl'), locale, extraHTTPHeaders: { 'Accept-Language': locale } })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  return page
}

/** Logs in through the login form, as a person would. */
export async function logIn(page: Page, email: string, password: string = inject('e2eUsers').password ?? '') {
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.locator('form[method="post"] button[type="submit"]').first().click()])
}

/** Serious or critical accessibility violations on the current page (axe-core). */
export async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)
}
