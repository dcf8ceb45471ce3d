import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { expandRange, e164Value } from '#app/domain/numbers/index.ts'
import { batches } from './batches.ts'
import type { Db } from './client.ts'
import type { InventoryData } from './inventory-data.ts'
import {
  auditLog,
  buildingManagers,
  buildingShares,
  buildings,
  carriers,
  contacts,
  contracts,
  numberAllocations,
  numberRanges,
  numbers,
  services,
  tenants,
  users,
} from './schema/index.ts'

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (const batch of batches(rows)) await insert(batch)
}

/**
 * Writes a whole building in one transaction, with one audit entry saying where it came from.
 * Users are created with the given password hash (or linked when their e-mail exists already).
 */
export async function loadInventory(
  db: Db,
  data: InventoryData,
  options: { passwordHash: string; source: string; allocatedAt?: Date; actor?: { id: string; email: string } },
) {
  return db.transaction(async (tx) => {
    const buildingId = randomUUID()
    await tx.insert(buildings).values({ id: buildingId, ...data.building })

    const tenantIds = new Map(data.tenants.map((t) => [t.key, randomUUID()]))
    const idOf = (map: Map<string, string>, key: string | null | undefined) => {
      if (key == null) return null
      const id = map.get(key)
      if (!id) throw new Error(`unknown key ${key}`)
      return id
    }
    await insertInBatches(data.tenants, (batch) =>
      tx.insert(tenants).values(batch.map(({ key, moveOut, ...t }) => ({ ...t, id: tenantIds.get(key)!, buildingId, moveOut: moveOut ?? null }))),
    )

    const contactIds = new Map(data.contacts.map((c) => [c.key, randomUUID()]))
    await insertInBatches(data.contacts, (batch) =>
      tx.insert(contacts).values(
        batch.map(({ key, tenantKey, phone, ...c }) => ({ ...c, id: contactIds.get(key)!, buildingId, tenantId: idOf(tenantIds, tenantKey), phone: phone ?? null })),
      ),
    )

    const carrierIds = new Map<string, string>()
    for (const name of new Set(data.contracts.map((c) => c.carrier))) {
      const [existing] = await tx.select({ id: carriers.id }).from(carriers).where(eq(carriers.name, name))
      carrierIds.set(name, existing?.id ?? (await tx.insert(carriers).values({ name }).returning({ id: carriers.id }))[0]!.id)
    }

    const contractIds = new Map(data.contracts.map((c) => [c.key, randomUUID()]))
    if (data.contracts.length) {
      await tx.insert(contracts).values(
        data.contracts.map(({ key, carrier, holderTenantKey, signedByContactKey, ...c }) => ({
          ...c,
          id: contractIds.get(key)!,
          buildingId,
          carrierId: carrierIds.get(carrier)!,
          holderTenantId: idOf(tenantIds, holderTenantKey),
          signedByContactId: idOf(contactIds, signedByContactKey),
        })),
      )
    }

    const serviceIds = new Map(data.services.map((s) => [s.key, randomUUID()]))
    if (data.services.length) {
      await tx.insert(services).values(
        data.services.map((s) => ({
          id: serviceIds.get(s.key)!,
          buildingId,
          contractId: contractIds.get(s.contractKey)!,
          kind: s.kind,
          carrierRef: s.carrierRef,
          dedicatedTenantId: idOf(tenantIds, s.dedicatedTenantKey),
          criticalUse: s.criticalUse ?? null,
        })),
      )
    }

    const rangeRows: (typeof numberRanges.$inferInsert)[] = []
    const numberRows: (typeof numbers.$inferInsert)[] = []
    const allocationRows: (typeof numberAllocations.$inferInsert)[] = []
    const allocatedAt = options.allocatedAt ?? new Date()
    for (const r of data.ranges) {
      const rangeId = randomUUID()
      const serviceId = serviceIds.get(r.serviceKey)!
      rangeRows.push({ id: rangeId, buildingId, serviceId, firstE164: r.first, firstValue: e164Value(r.first), count: r.count })
      const holderAt: (string | null)[] = new Array<string | null>(r.count).fill(null)
      for (const h of r.holders ?? []) for (let i = h.offset; i < h.offset + h.count; i++) holderAt[i] = tenantIds.get(h.tenantKey)!
      const unbilled = new Set(r.unbilledOffsets ?? [])
      expandRange({ first: r.first, count: r.count }).forEach((e164, i) => {
        const id = randomUUID()
        const own = r.perNumber?.[i]
        const tenantId = own ? idOf(tenantIds, own.tenantKey) : (holderAt[i] ?? null)
        const attributes = own ? { billed: own.billed, use: own.use, status: own.status } : { billed: !unbilled.has(i), use: r.use ?? 'tenant' }
        numberRows.push({ id, buildingId, rangeId, serviceId, e164, tenantId, ...attributes })
        if (tenantId) allocationRows.push({ buildingId, numberId: id, tenantId, validFrom: allocatedAt })
      })
    }
    await insertInBatches(rangeRows, (batch) => tx.insert(numberRanges).values(batch))
    await insertInBatches(numberRows, (batch) => tx.insert(numbers).values(batch))
    await insertInBatches(allocationRows, (batch) => tx.insert(numberAllocations).values(batch))
    for (const s of data.services) {
      if (s.mainNumber) await tx.update(services).set({ mainNumber: s.mainNumber }).where(eq(services.id, serviceIds.get(s.key)!))
    }

    for (const u of data.users) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, u.email))
      const userId =
        existing?.id ??
        (
          await tx
            .insert(users)
            .values({ email: u.email, name: u.name, role: u.role, passwordHash: options.passwordHash, tenantId: idOf(tenantIds, u.tenantKey) })
            .returning({ id: users.id })
        )[0]!.id
      if (u.manages) await tx.insert(buildingManagers).values({ buildingId, userId })
      if (u.sharedWith) await tx.insert(buildingShares).values({ buildingId, userId, prospectTenantId: idOf(tenantIds, u.prospectTenantKey) })
    }

    if (options.actor) await tx.insert(buildingManagers).values({ buildingId, userId: options.actor.id })
    await tx.insert(auditLog).values({
      actorUserId: options.actor?.id ?? null,
      actorEmail: options.actor?.email ?? 'system',
      buildingId,
      entityType: 'building',
      entityId: buildingId,
      action: 'create',
      summary: `${options.source}: ${data.tenants.length} tenants, ${numberRows.length} numbers loaded`,
      after: { name: data.building.name, tenants: data.tenants.length, numbers: numberRows.length, services: data.services.length },
    })
    return { buildingId, numbers: numberRows.length, tenants: data.tenants.length }
  })
}
