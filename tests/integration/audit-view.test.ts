import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import { listBuildingAudit } from '#app/services/audit-view.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertTenant, insertUser } from '#tests/support/factories.ts'

let db: Db
let manager: Actor
let buildingId: string
let otherBuildingId: string
let pagedBuildingId: string

type Entry = typeof auditLog.$inferInsert
const entry = (buildingId: string | null, at: string, actorEmail: string, entityType: string, action: Entry['action'], summary: string, entityId: string | null = null): Entry => ({
  buildingId,
  at: new Date(at),
  actorEmail,
  entityType,
  action,
  summary,
  entityId,
})

/**
 * Four entries in the building under test; look-alikes in another building and without a building
 * that must never show up.
 */
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
  buildingId = (await insertBuilding(db, {}, [manager])).id
  otherBuildingId = (await insertBuilding(db, {}, [manager])).id
  pagedBuildingId = (await insertBuilding(db, {}, [manager])).id
  await db.insert(auditLog).values([
    entry(buildingId, '2025-01-10T10:00:00Z', 'alice@fm.example', 'tenant', 'create', 'tenant Acme BV created', 'tenant-acme'),
    entry(buildingId, '2025-02-15T12:00:00Z', 'bob@fm.example', 'number', 'allocate', 'allocated 10 numbers to Acme BV'),
    entry(buildingId, '2025-03-01T00:00:00Z', 'alice@fm.example', 'contract', 'update', 'contract MC-1 updated'),
    entry(buildingId, '2025-03-20T09:30:00Z', 'carol@sales.example', 'tenant', 'delete', 'tenant Beta BV deleted', 'tenant-beta'),
    entry(otherBuildingId, '2025-02-01T08:00:00Z', 'alice@fm.example', 'tenant', 'create', 'tenant Acme BV created', 'tenant-acme'),
    entry(otherBuildingId, '2025-02-20T08:00:00Z', 'bob@fm.example', 'service', 'delete', 'service LINE-9 deleted'),
    entry(null, '2025-02-10T08:00:00Z', 'alice@fm.example', 'user', 'password', 'password changed for alice@fm.example'),
  ])
  await db.insert(auditLog).values(
    Array.from({ length: 55 }, (_, i) =>
      entry(pagedBuildingId, new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(), 'alice@fm.example', 'number', 'update', `change ${i}`),
    ),
  )
})

async function view(query: string, id = buildingId, actor = manager) {
  return listBuildingAudit({ db, actor, buildingId: id, url: new URL(`http://localhost/buildings/${id}/audit${query}`) })
}
const summaries = async (query: string) => (await view(query)).rows.map((r) => r.summary)

describe('the building audit log', () => {
  it("without filters lists all of the building's entries newest first, and nothing of other buildings", async () => {
    const result = await view('')
    expect(result.total).toBe(4)
    expect(result.rows.map((r) => r.summary)).toEqual(['tenant Beta BV deleted', 'contract MC-1 updated', 'allocated 10 numbers to Acme BV', 'tenant Acme BV created'])
    expect(result.rows[0]).toMatchObject({ at: '2025-03-20T09:30:00.000Z', actorEmail: 'carol@sales.example', entityType: 'tenant', entityId: 'tenant-beta', action: 'delete' })
    expect(result.entityTypes).toEqual(['contract', 'number', 'tenant'])
    expect(result.building.id).toBe(buildingId)
  })

  it('filters by entity type', async () => {
    expect(await summaries('?entity=tenant')).toEqual(['tenant Beta BV deleted', 'tenant Acme BV created'])
    expect(await summaries('?entity=service')).toEqual([])
  })

  it('filters by action', async () => {
    expect(await summaries('?action=allocate')).toEqual(['allocated 10 numbers to Acme BV'])
    expect(await summaries('?action=password')).toEqual([])
  })

  it("filters by part of the actor's e-mail, ignoring case", async () => {
    expect(await summaries('?actor=ALICE')).toEqual(['contract MC-1 updated', 'tenant Acme BV created'])
    expect(await summaries('?actor=sales.example')).toEqual(['tenant Beta BV deleted'])
  })

  it('filters by date range, from inclusive and to exclusive', async () => {
    expect(await summaries('?from=2025-02-15&to=2025-03-01')).toEqual(['allocated 10 numbers to Acme BV'])
    expect(await summaries('?from=2025-02-15&to=2025-03-02')).toEqual(['contract MC-1 updated', 'allocated 10 numbers to Acme BV'])
    expect(await summaries('?from=2025-03-02')).toEqual(['tenant Beta BV deleted'])
    expect(await summaries('?to=2025-01-11')).toEqual(['tenant Acme BV created'])
  })

  it('free text matches the summary, ignoring case, or the exact entity id', async () => {
    expect(await summaries('?q=acme')).toEqual(['allocated 10 numbers to Acme BV', 'tenant Acme BV created'])
    expect(await summaries('?q=tenant-beta')).toEqual(['tenant Beta BV deleted'])
    expect(await summaries('?q=tenant-')).toEqual([])
  })

  it('free text with LIKE wildcards matches them literally', async () => {
    expect(await summaries('?q=%25')).toEqual([])
    expect(await summaries('?q=_')).toEqual([])
  })

  it('combines filters', async () => {
    expect(await summaries('?entity=tenant&actor=alice')).toEqual(['tenant Acme BV created'])
    expect(await summaries('?entity=tenant&action=delete&q=beta')).toEqual(['tenant Beta BV deleted'])
  })

  it('echoes the filter it applied', async () => {
    expect((await view('?entity=tenant&action=create&actor=alice&from=2025-01-01&to=2025-02-01&q=acme')).filter).toEqual({
      entity: 'tenant',
      action: 'create',
      actor: 'alice',
      from: '2025-01-01',
      to: '2025-02-01',
      q: 'acme',
    })
  })

  it('ignores filter values it cannot use instead of failing', async () => {
    const result = await view(`?action=explode&from=yesterday&to=soon&entity=${'x'.repeat(51)}&actor=&q=&page=-3`)
    expect(result.filter).toEqual({ entity: undefined, action: undefined, actor: undefined, from: undefined, to: undefined, q: undefined })
    expect(result.total).toBe(4)
    expect(result.page).toBe(1)
    expect(await summaries('?action=allocate&from=01-02-2025')).toEqual(['allocated 10 numbers to Acme BV'])
  })

  it('a date shaped like YYYY-MM-DD that does not exist is ignored', async () => {
    const result = await view('?to=2025-13-45&from=2025-02-30')
    expect(result.filter.to).toBeUndefined()
    expect(result.filter.from).toBeUndefined()
    expect(result.total).toBe(4)
  })

  it('other buildings never show up, whatever the filter', async () => {
    for (const query of ['?entity=service', '?q=LINE-9', '?from=2025-02-01&to=2025-02-02', '?action=password', '?actor=bob']) {
      const result = await view(query)
      expect(result.rows.map((r) => r.summary)).not.toContain('service LINE-9 deleted')
      expect(result.rows.map((r) => r.summary)).not.toContain('password changed for alice@fm.example')
    }
    expect((await view('?q=tenant-acme')).rows.map((r) => r.at)).toEqual(['2025-01-10T10:00:00.000Z'])
  })

  it('pages by fifty with the total of all matching entries', async () => {
    const first = await view('', pagedBuildingId)
    expect(first).toMatchObject({ total: 55, page: 1, pageSize: 50 })
    expect(first.rows).toHaveLength(50)
    expect(first.rows[0]!.summary).toBe('change 54')
    const second = await view('?page=2', pagedBuildingId)
    expect(second).toMatchObject({ total: 55, page: 2 })
    expect(second.rows.map((r) => r.summary)).toEqual(['change 4', 'change 3', 'change 2', 'change 1', 'change 0'])
    const filtered = await view('?page=2&q=change 5', pagedBuildingId)
    expect(filtered.total).toBe(6)
    expect(filtered.rows).toEqual([])
  })

  it('only a manager of the building may read its audit log', async () => {
    const other = await insertUser(db, { role: 'facility_manager' })
    await expect(view('', buildingId, other)).rejects.toBeInstanceOf(NotFoundError)
    const sales = await insertUser(db, { role: 'sales' })
    await expect(view('', buildingId, sales)).rejects.toBeInstanceOf(ForbiddenError)
    const tenant = await insertTenant(db, buildingId)
    const tenantUser = await insertUser(db, { role: 'tenant', tenantId: tenant.id })
    await expect(view('', buildingId, tenantUser)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(view('', 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError)
  })
})
