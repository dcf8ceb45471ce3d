import { beforeAll, describe, expect, inject, it } from 'vitest'
import { expandRange, formatNational } from '#app/domain/numbers/index.ts'
import { demoBuilding } from '#db/demo-data.ts'
import { loginAs } from '#tests/support/http.ts'

type Client = Awaited<ReturnType<typeof loginAs>>
type Role = 'fm' | 'tenant' | 'sales' | 'otherFm'

const users = inject('e2eUsers')
const ids = inject('ids')
const baseUrl = inject('baseUrl')

/** Every page of one building, with the roles that may open it. Everyone else gets 403 or 404. */
function buildingRoutes(i: Record<string, string>) {
  const b = `/buildings/${i.buildingId}`
  const managerOnly: string[] = [
    `${b}/edit`,
    `${b}/delete`,
    `${b}/shares`,
    `${b}/audit`,
    `${b}/contracts/new`,
    `${b}/contracts/${i.contractId}/edit`,
    `${b}/contracts/${i.contractId}/delete`,
    `${b}/services/new`,
    `${b}/services/${i.serviceId}/edit`,
    `${b}/services/${i.serviceId}/delete`,
    `${b}/tenants`,
    `${b}/tenants/new`,
    `${b}/tenants/${i.otherTenantId}`,
    `${b}/tenants/${i.otherTenantId}/edit`,
    `${b}/tenants/${i.otherTenantId}/delete`,
    `${b}/tenants/${i.otherTenantId}/users`,
    `${b}/contacts/new`,
    `${b}/contacts/${i.otherContactId}/edit`,
    `${b}/contacts/${i.otherContactId}/delete`,
    `${b}/numbers`,
    `${b}/numbers/new`,
    `${b}/numbers/${i.numberId}`,
    `${b}/move-out`,
    `${b}/export`,
    `${b}/requests`,
    `${b}/outbox`,
    `${b}/calendar`,
  ]
  return { overview: b, managerOnly }
}

const clients = {} as Record<Role, Client>
beforeAll(async () => {
  clients.fm = await loginAs(users.fm!)
  clients.tenant = await loginAs(users.tenant!)
  clients.sales = await loginAs(users.sales!)
  clients.otherFm = await loginAs(users.otherFm!)
})

async function status(role: Role, path: string) {
  const res = await clients[role].get(path)
  await res.arrayBuffer()
  return res.status
}

describe('access to every building page, per role', () => {
  const demo = buildingRoutes(ids.demo)

  it('the building’s facility manager can open every page of the building', async () => {
    for (const path of [demo.overview, ...demo.managerOnly]) expect([path, await status('fm', path)]).toEqual([path, 200])
  })

  it('a facility manager of another building gets 404 on every page, so the building’s existence is not revealed', async () => {
    for (const path of [demo.overview, ...demo.managerOnly]) expect([path, await status('otherFm', path)]).toEqual([path, 404])
  })

  it('a tenant user is refused (403/404) on every facility-manager page and the overview', async () => {
    for (const path of [demo.overview, ...demo.managerOnly]) expect([path, [403, 404].includes(await status('tenant', path))]).toEqual([path, true])
  })

  it('a sales user may open the shared overview but no management page', async () => {
    expect(await status('sales', demo.overview)).toBe(200)
    for (const path of demo.managerOnly) expect([path, [403, 404].includes(await status('sales', path))]).toEqual([path, true])
  })

  it('a sales user gets 404 for a building that was not shared with them', async () => {
    expect(await status('sales', `/buildings/${ids.other.buildingId}`)).toBe(404)
  })

  it('an anonymous visitor is sent to the login page from every page', async () => {
    for (const path of ['/buildings', '/my', '/account', demo.overview, ...demo.managerOnly]) {
      const res = await fetch(`${baseUrl}${path}`, { redirect: 'manual' })
      expect([path, res.status, res.headers.get('location')?.startsWith('/login')]).toEqual([path, 302, true])
    }
  })

  it('a missing or malformed id answers 404', async () => {
    const b = `/buildings/${ids.demo.buildingId}`
    for (const path of ['/buildings/00000000-0000-4000-8000-000000000000', '/buildings/not-a-uuid', `${b}/tenants/00000000-0000-4000-8000-000000000000`, `${b}/numbers/not-a-uuid`, `${b}/contracts/00000000-0000-4000-8000-000000000000/edit`]) {
      expect([path, await status('fm', path)]).toEqual([path, 404])
    }
  })
})

describe('impact screens and account pages, per role', () => {
  const impact = `/buildings/${ids.demo.buildingId}/impact`

  it('the impact preview of a building opens for its manager, its tenant user and the sales user it is shared with; not for another manager', async () => {
    for (const role of ['fm', 'tenant', 'sales'] as const) expect([role, await status(role, impact)]).toEqual([role, 200])
    expect(await status('otherFm', impact)).toBe(404)
    expect(await status('sales', `/buildings/${ids.other.buildingId}/impact`)).toBe(404)
  })

  it('the upload preview is for facility managers and sales; sharing with sales as prospect is for tenant users', async () => {
    expect(await status('fm', '/impact/preview')).toBe(200)
    expect(await status('sales', '/impact/preview')).toBe(200)
    expect([403, 404]).toContain(await status('tenant', '/impact/preview'))
    expect(await status('tenant', '/my/sales-share')).toBe(200)
    for (const role of ['fm', 'sales'] as const) expect([role, [403, 404].includes(await status(role, '/my/sales-share'))]).toEqual([role, true])
  })

  it('only facility managers may create or import a building; other roles get 403', async () => {
    for (const path of ['/buildings/new', '/buildings/import']) {
      expect([path, await status('fm', path)]).toEqual([path, 200])
      for (const role of ['tenant', 'sales'] as const) expect([path, role, await status(role, path)]).toEqual([path, role, 403])
    }
  })

  it('every role manages its own API tokens; anonymous visitors are sent to the login page', async () => {
    for (const role of ['fm', 'tenant', 'sales'] as const) expect([role, await status(role, '/account/tokens')]).toEqual([role, 200])
    for (const path of [impact, '/impact/preview', '/my/sales-share', '/account/tokens', '/buildings/import']) {
      const res = await fetch(`${baseUrl}${path}`, { redirect: 'manual' })
      expect([path, res.status, res.headers.get('location')?.startsWith('/login')]).toEqual([path, 302, true])
    }
  })
})

describe('tenant portal access', () => {
  it('a tenant user can open its own pages; other roles are refused', async () => {
    for (const path of ['/my', '/my/numbers', '/my/contacts', '/my/contacts/new', `/my/contacts/${ids.demo.ownContactId}/edit`, '/my/requests', '/my/requests/new']) {
      expect([path, await status('tenant', path)]).toEqual([path, 200])
      expect([path, [403, 404].includes(await status('fm', path))]).toEqual([path, true])
      expect([path, [403, 404].includes(await status('sales', path))]).toEqual([path, true])
    }
  })

  it('a tenant user gets 404 for another tenant’s contact', async () => {
    expect(await status('tenant', `/my/contacts/${ids.demo.otherContactId}/edit`)).toBe(404)
    expect(await status('tenant', `/my/contacts/${ids.other.otherContactId}/delete`)).toBe(404)
  })
})

describe('writes by the wrong role change nothing', () => {
  it('a tenant user cannot rename the building, and the name stays', async () => {
    const res = await clients.tenant.post(`/buildings/${ids.demo.buildingId}/edit`, { name: 'Hacked', street: 'x 1', postcode: '1234 AB', city: 'x' })
    expect([403, 404]).toContain(res.status)
    const page = await (await clients.fm.get(`/buildings/${ids.demo.buildingId}`)).text()
    expect(page).toContain('Bedrijvencentrum De Schakel')
    expect(page).not.toContain('Hacked')
  })

  it('a facility manager of another building cannot share this building', async () => {
    const res = await clients.otherFm.post(`/buildings/${ids.demo.buildingId}/shares`, { intent: 'share', email: users.sales! })
    expect(res.status).toBe(404)
  })
})

describe('what a sales user sees', () => {
  it('the shared overview has counts and not one tenant name, contact e-mail or number', async () => {
    const demo = demoBuilding()
    const html = await (await clients.sales.get(`/buildings/${ids.demo.buildingId}`)).text()
    expect(html).toContain('Bedrijvencentrum De Schakel')
    const secrets = [
      ...demo.tenants.map((t) => t.legalName),
      ...demo.contacts.map((c) => c.email),
      ...demo.ranges.flatMap((r) => expandRange({ first: r.first, count: r.count })),
      ...demo.ranges.flatMap((r) => expandRange({ first: r.first, count: r.count }).map(formatNational)),
    ]
    const leaked = secrets.filter((s) => html.includes(s))
    expect(leaked).toEqual([])
  })
})
