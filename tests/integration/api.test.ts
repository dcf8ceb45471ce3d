import fs from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { and, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { expandNumbers, parseBuildingFile, type BuildingFile } from '#app/domain/impact/building-file.ts'
import { jsonSchemaOf, schemaFiles } from '#app/domain/impact/json-schema.ts'
import { impactReportSchema } from '#app/domain/impact/report-schema.ts'
import type { ImpactReport } from '#app/domain/impact/types.ts'
import { setDatabase } from '#app/server/db.server.ts'
import type { BuildingDirectory, BuildingList, ImportResult } from '#app/server/openapi.server.ts'
import { createApiToken, revokeApiToken } from '#app/services/api-tokens.server.ts'
import type { Db } from '#db/client.ts'
import { apiTokens, auditLog, buildingShares, buildings, contacts, contracts, numbers, services, tenants } from '#db/schema/index.ts'
import { api, apiRoutes, read, routeModule } from '#tests/support/api.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertUser } from '#tests/support/factories.ts'

const fixture = (name: string) => JSON.parse(fs.readFileSync(`tests/fixtures/${name}`, 'utf8')) as Record<string, unknown>
const demoBuilding = fixture('demo-building.json')
const demoRequest = fixture('demo-request.json')
const demo = parsed(demoBuilding)

function parsed(json: unknown): BuildingFile {
  const result = parseBuildingFile(json)
  if (!result.ok) throw new Error(`invalid building file: ${JSON.stringify(result.problems.slice(0, 3))}`)
  return result.value
}

let db: Db
let fm: Actor
const token: Record<'fm' | 'otherFm' | 'tenant1' | 'tenant2' | 'salesProspect' | 'salesCounts' | 'salesNone', string> = {} as never
let buildingId: string
let t1: { id: string; signatoryId: string }

/** The demo building's own tenant t1 ("Bakkerij Van Dijk B.V.") in database ids. */
const t1Kvk = demo.tenants.find((t) => t.id === 't1')!.kvkNumber
const t2Kvk = demo.tenants.find((t) => t.id === 't2')!.kvkNumber

async function tenantId(kvk: string) {
  const [row] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.buildingId, buildingId), eq(tenants.kvkNumber, kvk)))
  return row!.id
}

async function tokenOf(actor: Actor) {
  return (await createApiToken({ db, actor, name: `${actor.role} test` })).secret
}

beforeAll(async () => {
  const database = await createTestDatabase()
  setDatabase(database)
  db = database.db
  fm = await insertUser(db, { role: 'facility_manager' })
  token.fm = await tokenOf(fm)
  token.otherFm = await tokenOf(await insertUser(db, { role: 'facility_manager' }))

  const imported = await read<ImportResult>(await api('POST', '/api/v1/buildings', { token: token.fm, body: demoBuilding }))
  expect(imported.status).toBe(201)
  buildingId = imported.json.id

  const t1Id = await tenantId(t1Kvk)
  const t2Id = await tenantId(t2Kvk)
  const signatoryEmail = demo.contacts.find((c) => c.id === 't1-c1')!.email
  const [signatory] = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, t1Id), eq(contacts.email, signatoryEmail)))
  t1 = { id: t1Id, signatoryId: signatory!.id }

  token.tenant1 = await tokenOf(await insertUser(db, { role: 'tenant', tenantId: t1Id }))
  token.tenant2 = await tokenOf(await insertUser(db, { role: 'tenant', tenantId: t2Id }))
  const salesProspect = await insertUser(db, { role: 'sales' })
  const salesCounts = await insertUser(db, { role: 'sales' })
  await db.insert(buildingShares).values([
    { buildingId, userId: salesProspect.id, sharedBy: fm.id, prospectTenantId: t1Id },
    { buildingId, userId: salesCounts.id, sharedBy: fm.id },
  ])
  token.salesProspect = await tokenOf(salesProspect)
  token.salesCounts = await tokenOf(salesCounts)
  token.salesNone = await tokenOf(await insertUser(db, { role: 'sales' }))
})

/** The demo request (tenant t1 ports three numbers of the shared ISDN30 block) in database ids. */
function t1Request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  // Through JSON, as a client sends it: undefined drops a field.
  return JSON.parse(JSON.stringify({ ...demoRequest, $schema: undefined, tenant: t1.id, signatory: t1.signatoryId, ...overrides })) as Record<string, unknown>
}

/** What no one but tenant t1 and the facility manager may read: other tenants' names, KvK, contacts, numbers. */
function secretsOfOthersThan(tenantKey: string): string[] {
  const others = demo.tenants.filter((t) => t.id !== tenantKey)
  const otherKeys = new Set(others.map((t) => t.id))
  const theirContacts = demo.contacts.filter((c) => c.tenant !== null && otherKeys.has(c.tenant))
  const theirNumbers = expandNumbers(demo).filter((n) => n.tenantId !== null && otherKeys.has(n.tenantId))
  return [
    ...others.flatMap((t) => [t.legalName, t.kvkNumber]),
    ...theirContacts.flatMap((c) => [c.name, c.email, ...(c.phone ? [c.phone, c.phone.slice(3)] : [])]),
    ...theirNumbers.flatMap((n) => [n.e164, n.e164.slice(3)]),
  ]
}

function leaked(text: string, secrets: string[]) {
  return secrets.filter((s) => text.includes(s))
}

async function rowCounts() {
  const tables = { buildings, tenants, contacts, contracts, services, numbers, auditLog }
  const out: Record<string, number> = {}
  for (const [name, table] of Object.entries(tables)) out[name] = (await db.select({ n: count() }).from(table))[0]!.n
  return out
}

/** The `errors` member of a problem response. */
function errorsOf(response: { json: unknown }) {
  return (response.json as { errors?: { path: string; message: string }[] }).errors ?? []
}

function expectProblem(response: { status: number; json: unknown; contentType: string | null }, status: number) {
  expect(response.status).toBe(status)
  expect(response.contentType).toBe('application/problem+json')
  expect(response.json).toMatchObject({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String) })
}

describe('authentication', () => {
  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const response = await api('GET', '/api/v1/buildings')
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="sharedline"/)
    expectProblem(await read(response), 401)
  })

  it('refuses an unknown token, a malformed one and another scheme with 401', async () => {
    const unknown = `sl_${'A'.repeat(43)}`
    expectProblem(await read(await api('GET', '/api/v1/buildings', { token: unknown })), 401)
    expectProblem(await read(await api('GET', '/api/v1/buildings', { token: 'not-a-token' })), 401)
    expectProblem(await read(await api('GET', '/api/v1/buildings', { headers: { Authorization: `Basic ${token.fm}` } })), 401)
  })

  it('refuses a revoked token with 401', async () => {
    const user = await insertUser(db, { role: 'facility_manager' })
    const created = await createApiToken({ db, actor: user, name: 'short-lived' })
    expect((await api('GET', '/api/v1/buildings', { token: created.secret })).status).toBe(200)
    await revokeApiToken({ db, actor: user, tokenId: created.token.id })
    const response = await read(await api('GET', '/api/v1/buildings', { token: created.secret }))
    expectProblem(response, 401)
    expect(response.text).toContain('revoked')
  })

  it('records when a token was last used', async () => {
    const user = await insertUser(db, { role: 'sales' })
    const created = await createApiToken({ db, actor: user, name: 'watch me' })
    expect(created.token.lastUsedAt).toBeNull()
    await api('GET', '/api/v1/buildings', { token: created.secret })
    const [row] = await db.select({ lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, created.token.id))
    expect(row!.lastUsedAt).toBeInstanceOf(Date)
  })

  it('serves the OpenAPI document without a token', async () => {
    const response = await read<{ openapi: string }>(await api('GET', '/api/v1/openapi.json'))
    expect(response.status).toBe(200)
    expect(response.json.openapi).toMatch(/^3\.1\./)
  })
})

describe('GET /api/v1/buildings', () => {
  const list = async (who: keyof typeof token) => (await read<BuildingList>(await api('GET', '/api/v1/buildings', { token: token[who] }))).json.buildings

  it('lists a facility manager’s managed buildings, and nobody else’s', async () => {
    expect(await list('fm')).toContainEqual(expect.objectContaining({ id: buildingId, name: 'Bedrijvencentrum De Schakel', access: 'manage' }))
    expect((await list('otherFm')).map((b) => b.id)).not.toContain(buildingId)
  })

  it('lists a tenant user’s own building only', async () => {
    expect(await list('tenant1')).toEqual([expect.objectContaining({ id: buildingId, access: 'tenant' })])
  })

  it('lists the buildings shared with a sales user', async () => {
    expect(await list('salesProspect')).toEqual([expect.objectContaining({ id: buildingId, access: 'counts' })])
    expect(await list('salesNone')).toEqual([])
  })
})

describe('GET /api/v1/buildings/{buildingId}', () => {
  const directory = async (who: keyof typeof token, id = buildingId) => read<BuildingDirectory>(await api('GET', `/api/v1/buildings/${id}`, { token: token[who] }))

  it('gives a facility manager every tenant, contact and service', async () => {
    const { json } = await directory('fm')
    expect(json.tenants).toHaveLength(demo.tenants.length)
    expect(json.contacts).toHaveLength(demo.contacts.length)
    expect(json.services).toHaveLength(demo.services.length)
  })

  it('gives a tenant user its own company and nothing of the others', async () => {
    const { json, text } = await directory('tenant1')
    expect(json.tenants).toEqual([expect.objectContaining({ id: t1.id, kvkNumber: t1Kvk })])
    expect(json.contacts.map((c) => c.tenantId)).toEqual(json.contacts.map(() => t1.id))
    expect(json.contacts).toContainEqual(expect.objectContaining({ id: t1.signatoryId }))
    expect(leaked(text, secretsOfOthersThan('t1'))).toEqual([])
  })

  it('gives a sales user the prospect of the share, or no tenant at all without one', async () => {
    expect((await directory('salesProspect')).json.tenants.map((t) => t.id)).toEqual([t1.id])
    const counts = await directory('salesCounts')
    expect(counts.json).toMatchObject({ access: 'counts', tenants: [], contacts: [], services: [] })
  })

  it('answers 404, never 403, for a foreign, unknown or malformed building id', async () => {
    expectProblem(await directory('otherFm'), 404)
    expectProblem(await directory('salesNone'), 404)
    expectProblem(await directory('fm', '00000000-0000-4000-8000-000000000000'), 404)
    expectProblem(await directory('fm', 'not-a-uuid'), 404)
  })
})

describe('import and export of building files', () => {
  const exportOf = async (id: string, who: keyof typeof token = 'fm') => read<Record<string, unknown>>(await api('GET', `/api/v1/buildings/${id}/export`, { token: token[who] }))
  const importOf = async (file: unknown, who: keyof typeof token = 'fm') => read<ImportResult>(await api('POST', '/api/v1/buildings', { token: token[who], body: file }))

  it('import → export → import → export gives identical files', async () => {
    const first = await exportOf(buildingId)
    expect(first.status).toBe(200)
    const again = await importOf(first.json)
    expect(again.status).toBe(201)
    const second = await exportOf(again.json.id)
    expect(second.text).toBe(first.text)
  })

  it('the demo file survives import and export unchanged apart from its keys', async () => {
    const exported = parsed((await exportOf(buildingId)).json)
    expect(canonical(exported)).toEqual(canonical(demo))
    expect(exported.tenants.map((t) => t.id)).toContain(`tenant-${t1Kvk}`)
    expect(exported.contacts[0]!.id).toBe('contact-1')
  })

  it('answers 201 with Location, the new id and what was created', async () => {
    const response = await api('POST', '/api/v1/buildings', { token: token.fm, body: demoBuilding })
    const { json } = await read<ImportResult>(response)
    expect(response.status).toBe(201)
    expect(response.headers.get('Location')).toBe(`/api/v1/buildings/${json.id}`)
    expect(json).toMatchObject({ tenants: demo.tenants.length, numbers: expandNumbers(demo).length, links: { export: `/api/v1/buildings/${json.id}/export` } })
  })

  type Breakage = (file: { tenants: Record<string, unknown>[]; contacts: Record<string, unknown>[]; services: Record<string, unknown>[] }) => void
  it.each<[string, Breakage, { path: string; message: string }[]]>([
    [
      'fields of the wrong shape',
      (file) => {
        file.tenants[1]!.kvkNumber = '1234'
        file.contacts[2]!.email = 'not an address'
      },
      [
        { path: '$.tenants[1].kvkNumber', message: 'A KvK number has eight digits: "1234"' },
        { path: '$.contacts[2].email', message: 'Not a valid e-mail address' },
      ],
    ],
    [
      'references to keys that do not exist',
      (file) => {
        file.contacts[0]!.tenant = 'no-such-tenant'
        file.services[1]!.contract = 'no-such-contract'
      },
      [
        { path: '$.contacts[0].tenant', message: 'No tenant with key "no-such-tenant"' },
        { path: '$.services[1].contract', message: 'No contract with key "no-such-contract"' },
      ],
    ],
  ])('refuses a building file with %s: 422, every JSON path, nothing written', async (_case, breakIt, expected) => {
    const before = await rowCounts()
    const broken = structuredClone(demoBuilding) as Parameters<Breakage>[0]
    breakIt(broken)
    const response = await importOf(broken)
    expectProblem(response, 422)
    expect(errorsOf(response)).toEqual(expected)
    expect(await rowCounts()).toEqual(before)
  })

  it('refuses a file that breaks a database rule with 422, and writes nothing', async () => {
    const before = await rowCounts()
    const broken = structuredClone(demoBuilding) as { contracts: Record<string, unknown>[] }
    broken.contracts[0]!.startDate = '1975-01-01'
    const response = await importOf(broken)
    expectProblem(response, 422)
    expect(errorsOf(response)[0]!.path).toBe('$')
    expect(await rowCounts()).toEqual(before)
  })

  it('lets only facility managers import (403) and export (403 for other roles, 404 for a foreign building)', async () => {
    expectProblem(await importOf(demoBuilding, 'tenant1'), 403)
    expectProblem(await importOf(demoBuilding, 'salesProspect'), 403)
    expectProblem(await exportOf(buildingId, 'tenant1'), 403)
    expectProblem(await exportOf(buildingId, 'salesProspect'), 403)
    expectProblem(await exportOf(buildingId, 'otherFm'), 404)
  })

  it('answers 400 for a body that is not JSON and 415 for another content type', async () => {
    const malformed = await read(await api('POST', '/api/v1/buildings', { token: token.fm, body: '{"format": ' }))
    expectProblem(malformed, 400)
    expectProblem(await read(await api('POST', '/api/v1/buildings', { token: token.fm, body: 'format=x', contentType: 'application/x-www-form-urlencoded' })), 415)
  })

  it('answers 413 for a body over 10 MB even when no Content-Length announces it, and stores nothing', async () => {
    const before = await rowCounts()
    const huge = `{"format": "sharedline.building", "pad": "${'x'.repeat(11 * 1024 * 1024)}"}`
    const request = new Request('http://localhost/api/v1/buildings', { method: 'POST', headers: { Authorization: `Bearer ${token.fm}`, 'Content-Type': 'application/json' }, body: huge })
    expect(request.headers.get('content-length')).toBeNull()
    const module = routeModule('routes/api/buildings.ts')!
    expectProblem(await read(await module.action!({ request, params: {}, context: {} })), 413)
    expect(await rowCounts()).toEqual(before)
  })
})

describe('POST /api/v1/buildings/{buildingId}/impact', () => {
  const impact = async (who: keyof typeof token, body: unknown, query = '') =>
    read<ImpactReport>(await api('POST', `/api/v1/buildings/${buildingId}/impact${query}`, { token: token[who], body }))

  it('gives a facility manager the full report, and never the inventory', async () => {
    const { status, json, text } = await impact('fm', t1Request())
    expect(status).toBe(200)
    expect(json.view).toBe('full')
    expect(impactReportSchema.parse(json)).toEqual(json)
    expect(json).not.toHaveProperty('inventory')
    expect(text).not.toContain('"inventory"')
    // The control for the tenant and sales tests below: the full view does name other tenants.
    expect(leaked(text, secretsOfOthersThan('t1')).length).toBeGreaterThan(0)
  })

  it('gives tenant t1 only its own view: no other tenant’s name, KvK, contact or number anywhere in the body', async () => {
    const { status, json, text } = await impact('tenant1', t1Request())
    expect(status).toBe(200)
    expect(json.view).toBe('tenant')
    expect(impactReportSchema.parse(json)).toEqual(json)
    // Other tenants are in the report (dragged along by a line migration), but only as "Tenant N".
    const others = json.tenants.filter((t) => !t.self)
    expect(others.length).toBeGreaterThan(0)
    expect(others.every((t) => t.anonymous && /^Tenant \d+$/.test(t.name) && /^other-\d+$/.test(t.id))).toBe(true)
    expect(json.hidden.numbers).toBeGreaterThan(0)
    expect(leaked(text, secretsOfOthersThan('t1'))).toEqual([])
  })

  it('refuses a tenant user’s request for another company or a move-out with 422', async () => {
    const other = await impact('tenant2', t1Request())
    expectProblem(other, 422)
    expect(errorsOf(other).map((e) => e.path)).toEqual(['$.tenant'])
    const moveOut = await impact('tenant1', { type: 'move_out', tenant: t1.id, moveOutDate: '2027-03-31' })
    expect(errorsOf(moveOut).map((e) => e.path)).toEqual(['$.type'])
  })

  it('gives a sales user the anonymised view of the prospect the share names', async () => {
    const { status, json, text } = await impact('salesProspect', t1Request())
    expect(status).toBe(200)
    expect(json.view).toBe('sales')
    expect(impactReportSchema.parse(json)).toEqual(json)
    expect(json.tenants.find((t) => t.self)).toMatchObject({ id: t1.id, anonymous: false })
    expect(json.tenants.filter((t) => !t.self).every((t) => t.anonymous)).toBe(true)
    expect(leaked(text, secretsOfOthersThan('t1'))).toEqual([])
    const notProspect = await impact('salesProspect', t1Request({ tenant: await tenantId(t2Kvk), signatory: null }))
    expectProblem(notProspect, 422)
  })

  it('refuses a sales user whose share names no prospect (403) or who has no share (404)', async () => {
    expectProblem(await impact('salesCounts', t1Request()), 403)
    expectProblem(await impact('salesNone', t1Request()), 404)
    expectProblem(await impact('otherFm', t1Request()), 404)
  })

  it('evaluates as of ?asOf, which overrides the request’s own date, and refuses a malformed one with 400', async () => {
    expect((await impact('fm', t1Request())).json.asOf).toBe(demoRequest.asOf)
    expect((await impact('fm', t1Request({ asOf: undefined }), '?asOf=2027-01-04')).json.asOf).toBe('2027-01-04')
    expect((await impact('fm', t1Request(), '?asOf=2027-01-05')).json.asOf).toBe('2027-01-05')
    const bad = await impact('fm', t1Request(), '?asOf=04-01-2027')
    expectProblem(bad, 400)
    expect(errorsOf(bad)).toEqual([{ path: 'asOf', message: expect.any(String) }])
  })

  it('reports problems of the request with their JSON paths (422)', async () => {
    const response = await impact('fm', t1Request({ portDate: '12-01-2027', numbers: ['020 555 1001', 'not a number'] }))
    expectProblem(response, 422)
    const paths = errorsOf(response).map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['$.portDate', '$.numbers[1]']))
  })

  it('answers 405 with Allow for a GET', async () => {
    const response = await api('GET', `/api/v1/buildings/${buildingId}/impact`, { token: token.fm })
    expect(response.headers.get('Allow')).toBe('POST')
    expectProblem(await read(response), 405)
  })
})

describe('POST /api/v1/impact/preview', () => {
  const preview = async (who: keyof typeof token, body: unknown) => read<ImpactReport>(await api('POST', '/api/v1/impact/preview', { token: token[who], body }))

  it('evaluates an uploaded building for a facility manager and a sales user, and stores nothing', async () => {
    const before = await rowCounts()
    for (const who of ['fm', 'salesNone'] as const) {
      const { status, json, text } = await preview(who, { building: demoBuilding, request: demoRequest })
      expect(status).toBe(200)
      expect(json).toMatchObject({ view: 'full', building: { name: 'Bedrijvencentrum De Schakel' }, request: { tenantId: 't1' } })
      expect(impactReportSchema.parse(json)).toEqual(json)
      expect(text).not.toContain('"inventory"')
    }
    expect(await rowCounts()).toEqual(before)
  })

  it('evaluates as of ?asOf', async () => {
    expect((await preview('salesNone', { building: demoBuilding, request: demoRequest })).json.asOf).toBe(demoRequest.asOf)
    const { json } = await read<ImpactReport>(await api('POST', '/api/v1/impact/preview?asOf=2027-01-04', { token: token.fm, body: { building: demoBuilding, request: demoRequest } }))
    expect(json.asOf).toBe('2027-01-04')
  })

  it('refuses tenant users (403)', async () => {
    expectProblem(await preview('tenant1', { building: demoBuilding, request: demoRequest }), 403)
  })

  it('reports problems under $.building and $.request (422)', async () => {
    const building = structuredClone(demoBuilding) as { tenants: Record<string, unknown>[] }
    building.tenants[1]!.kvkNumber = 'x'
    const response = await preview('fm', { building, request: { ...demoRequest, portDate: 'soon' } })
    expectProblem(response, 422)
    const paths = errorsOf(response).map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['$.building.tenants[1].kvkNumber', '$.request.portDate']))
    const empty = await preview('fm', [])
    expect(errorsOf(empty).map((e) => e.path)).toEqual(['$.building', '$.request'])
  })
})

describe('the OpenAPI document', () => {
  const document = async () => (await read<OpenApi>(await api('GET', '/api/v1/openapi.json'))).json

  it('is valid OpenAPI 3.1, its references to the public JSON Schemas included', async () => {
    const validator = new Validator()
    for (const name of Object.keys(schemaFiles)) await validator.addSpecRef(publicSchema(name), `/schemas/${name}`)
    const result = await validator.validate((await read<Record<string, unknown>>(await api('GET', '/api/v1/openapi.json'))).json)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('describes exactly the API routes of app/routes.ts, each with a handler for its methods', async () => {
    const doc = await document()
    const documented = Object.keys(doc.paths).map((p) => p.replace(/\{(\w+)\}/g, ':$1'))
    const registered = apiRoutes.filter((r) => !r.path.endsWith('*'))
    expect(documented.sort()).toEqual(registered.map((r) => r.path).sort())
    for (const [path, operations] of Object.entries(doc.paths)) {
      const route = registered.find((r) => r.path === path.replace(/\{(\w+)\}/g, ':$1'))!
      const module = routeModule(route.file)
      for (const method of Object.keys(operations)) expect(module?.[method === 'get' ? 'loader' : 'action'], `${method} ${path}`).toBeTypeOf('function')
    }
  })

  it('describes the real responses: the schemas in the document accept what the API sends', async () => {
    const schemaOf = await documentedSchemas(await document())
    const check = (name: string, value: unknown) => {
      const validate = schemaOf(name)
      expect(validate(value), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true)
    }
    check('BuildingList', (await read(await api('GET', '/api/v1/buildings', { token: token.fm }))).json)
    check('BuildingDirectory', (await read(await api('GET', `/api/v1/buildings/${buildingId}`, { token: token.tenant1 }))).json)
    check('BuildingFile', (await read(await api('GET', `/api/v1/buildings/${buildingId}/export`, { token: token.fm }))).json)
    check('ImpactRequest', t1Request())
    check('PreviewRequest', { building: demoBuilding, request: demoRequest })
    check('ImpactReport', (await read(await api('POST', `/api/v1/buildings/${buildingId}/impact`, { token: token.tenant1, body: t1Request() }))).json)
    check('Problem', (await read(await api('POST', '/api/v1/buildings', { token: token.fm, body: { format: 'nope' } }))).json)
  })

  it('answers unknown API paths with a problem+json 404', async () => {
    expectProblem(await read(await api('GET', '/api/v1/nothing-here', { token: token.fm })), 404)
  })
})

describe('the public JSON Schemas', () => {
  it('are what `npm run schemas` generates from the zod schemas today (they cannot drift)', () => {
    for (const [name, schema] of Object.entries(schemaFiles)) {
      const committed = fs.readFileSync(`public/schemas/${name}`, 'utf8')
      expect(committed, `public/schemas/${name} is stale: run npm run schemas`).toBe(`${JSON.stringify(jsonSchemaOf(schema, `/schemas/${name}`), null, 2)}\n`)
    }
  })

  it('accept the demo building and request files (ajv, draft 2020-12)', () => {
    const ajv = newAjv()
    const validateBuilding = ajv.compile(publicSchema('building-file.schema.json'))
    expect(validateBuilding(demoBuilding), JSON.stringify(validateBuilding.errors?.slice(0, 3))).toBe(true)
    const validateRequest = ajv.compile(publicSchema('request.schema.json'))
    expect(validateRequest(demoRequest), JSON.stringify(validateRequest.errors?.slice(0, 3))).toBe(true)
    expect(validateBuilding({ ...demoBuilding, format: 'something.else' })).toBe(false)
  })
})

interface OpenApi {
  paths: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, object> }
}

function publicSchema(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(`public/schemas/${name}`, 'utf8')) as Record<string, unknown>
}

/** ajv with the formats asserted (dates, uuids, e-mail addresses). */
function newAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats.default(ajv)
  return ajv
}

/** Validators for the document's component schemas, resolving its references as a client would. */
async function documentedSchemas(doc: OpenApi): Promise<(name: string) => ValidateFunction> {
  const base = 'http://localhost'
  const ajv = newAjv()
  for (const name of Object.keys(schemaFiles)) ajv.addSchema({ ...publicSchema(name), $id: `${base}/schemas/${name}` })
  ajv.addSchema({ $id: `${base}/api/v1/openapi.json`, components: doc.components })
  return (name) => ajv.getSchema(`${base}/api/v1/openapi.json#/components/schemas/${name}`)!
}

/** A building file without its keys: every reference replaced by what it names. */
function canonical(file: BuildingFile) {
  const kvk = new Map(file.tenants.map((t) => [t.id, t.kvkNumber]))
  const tenant = (key: string | null | undefined) => (key == null ? null : kvk.get(key))
  const contactEmail = new Map(file.contacts.map((c) => [c.id, `${tenant(c.tenant)}/${c.email}`]))
  const contractName = new Map(file.contracts.map((c) => [c.id, `${c.carrier}/${c.contractNumber}`]))
  const serviceRef = new Map(file.services.map((s) => [s.id, s.carrierRef]))
  const by = <T>(key: (x: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b))
  return {
    building: file.building,
    tenants: file.tenants.map(({ id: _id, ...t }) => t).sort(by((t) => t.kvkNumber)),
    contacts: file.contacts
      .map(({ id: _id, tenant: t, roles, ...c }) => ({ ...c, tenant: tenant(t), roles: [...roles].sort() }))
      .sort(by((c) => `${c.tenant}/${c.email}`)),
    contracts: file.contracts
      .map(({ id: _id, holder, signedBy, ...c }) => ({ ...c, holder: tenant(holder), signedBy: signedBy === null ? null : contactEmail.get(signedBy) }))
      .sort(by((c) => `${c.carrier}/${c.contractNumber}`)),
    services: file.services
      .map(({ id: _id, contract, dedicatedTenant, ...s }) => ({ ...s, contract: contractName.get(contract), dedicatedTenant: tenant(dedicatedTenant) }))
      .sort(by((s) => s.carrierRef)),
    numbers: expandNumbers(file)
      .map((n) => ({ ...n, serviceId: serviceRef.get(n.serviceId), tenantId: tenant(n.tenantId) }))
      .sort(by((n) => n.e164)),
  }
}
