import { and, eq, ne, sql } from 'drizzle-orm'
import { plusDays } from '#app/domain/dates.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { createDraftRequest, submitMigrationRequest } from '#app/services/requests.server.ts'
import { hashPassword } from '#app/server/password.server.ts'
import type { Db } from '#db/client.ts'
import { demoBuilding, largeBuilding } from '#db/demo-data.ts'
import { demoPassword } from '#db/demo-users.ts'
import { loadInventory } from '#db/load-inventory.ts'
import { buildings, contacts, contracts, numbers, services, tenants, users } from '#db/schema/index.ts'
import { seedDemo } from '#db/seed.ts'

/** Demo building plus a second building with its own manager and tenant, for access checks. */
export async function prepareE2eDatabase(db: Db) {
  await seedDemo(db)
  const [demo] = await db.select({ id: buildings.id }).from(buildings).where(eq(buildings.name, 'Bedrijvencentrum De Schakel'))
  const other = largeBuilding({ tenants: 3, numbers: 30, seed: 7, name: 'Kantorenpand Overkant' })
  other.users = [
    { email: 'fm2@other.example', name: 'Otto Overkant', role: 'facility_manager', manages: true },
    { email: 'tenant@other.example', name: 'Olga Other', role: 'tenant', tenantKey: 't1' },
  ]
  const loaded = await loadInventory(db, other, { passwordHash: await hashPassword(demoPassword), source: 'e2e fixture' })
  const idsOf = async (buildingId: string, tenantEmail: string) => {
    const [user] = await db.select({ tenantId: users.tenantId }).from(users).where(eq(users.email, tenantEmail))
    const ownTenantId = user!.tenantId!
    const [otherTenant] = await db.select({ id: tenants.id }).from(tenants).where(and(eq(tenants.buildingId, buildingId), ne(tenants.id, ownTenantId))).limit(1)
    const [ownContact] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, ownTenantId)).limit(1)
    const [otherContact] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, otherTenant!.id)).limit(1)
    const [contract] = await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.buildingId, buildingId)).limit(1)
    const [service] = await db.select({ id: services.id }).from(services).where(eq(services.buildingId, buildingId)).limit(1)
    const [number] = await db.select({ id: numbers.id }).from(numbers).where(eq(numbers.buildingId, buildingId)).limit(1)
    return {
      buildingId,
      ownTenantId,
      otherTenantId: otherTenant!.id,
      ownContactId: ownContact!.id,
      otherContactId: otherContact!.id,
      contractId: contract!.id,
      serviceId: service!.id,
      numberId: number!.id,
    }
  }
  const story = await loadInventory(db, storyBuilding(), { passwordHash: await hashPassword(demoPassword), source: 'e2e fixture' })
  return {
    storyBuildingId: story.buildingId,
    demoRequestId: await submittedDemoRequest(db, demo!.id),
    demo: await idsOf(demo!.id, 'tenant@demo.example'),
    other: await idsOf(loaded.buildingId, 'tenant@other.example'),
    demoBuildingId: demo!.id,
    otherBuildingId: loaded.buildingId,
    users: {
      password: demoPassword,
      fm: 'fm@demo.example',
      tenant: 'tenant@demo.example',
      tenant2: 'tenant2@demo.example',
      sales: 'sales@demo.example',
      otherFm: 'fm2@other.example',
      otherTenant: 'tenant@other.example',
      storyFm: 'fm@story.example',
      storyRequester: 'daan@story.example',
      storyNeighbourNl: 'eva@story.example',
      storyNeighbourEn: 'femke@story.example',
    },
  }
}

/**
 * A copy of the demo building for the migration story, with its own manager and logins for tenants
 * t4, t5 and t6, who share the ISDN30 block 020-5551010…1019. In the demo t7 also holds 1019; here
 * that number is unallocated, so t4's port drags exactly two companies (t5 and t6) along.
 */
function storyBuilding() {
  const data = demoBuilding()
  data.building = { ...data.building, name: 'Bedrijvencentrum De Schakel (migratieverhaal)' }
  data.ranges = data.ranges.map((range) => ({
    ...range,
    holders: range.holders?.map((h) => (h.tenantKey === 't7' && range.first === '+31205551001' ? { ...h, offset: h.offset + 1, count: h.count - 1 } : h)),
  }))
  data.users = [
    { email: 'fm@story.example', name: 'Fleur Verhaal', role: 'facility_manager', manages: true },
    { email: 'daan@story.example', name: 'Daan van der Meer', role: 'tenant', tenantKey: 't4' },
    { email: 'eva@story.example', name: 'Eva van der Heijden', role: 'tenant', tenantKey: 't5' },
    { email: 'femke@story.example', name: 'Femke Maas', role: 'tenant', tenantKey: 't6' },
  ]
  return data
}

/**
 * A submitted request in the demo building, for the document downloads: the SIP tenant t27
 * (tenant2@demo.example) ports its first number two weeks from now; nobody else is dragged.
 */
async function submittedDemoRequest(db: Db, buildingId: string) {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name, tenantId: users.tenantId }).from(users).where(eq(users.email, 'tenant2@demo.example'))
  const actor = { ...user!, role: 'tenant' as const }
  const [first] = await db.select({ e164: numbers.e164 }).from(numbers).where(eq(numbers.tenantId, actor.tenantId!)).orderBy(numbers.e164).limit(1)
  const [signatory] = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, actor.tenantId!), sql`'authorized_signatory' = any(${contacts.roles})`))
  const portDate = plusDays(todayInNetherlands(), 14)
  const draft = await createDraftRequest({ db, actor, buildingId, request: { type: 'migration', tenant: actor.tenantId, numbers: [first!.e164], mechanism: 'port', portDate, signatory: signatory!.id, targetCarrier: 'Vodafone' } })
  await submitMigrationRequest({ db, actor, requestId: draft.id, expectedVersion: draft.version })
  return draft.id
}
