// The whole inventory of one building in a few plain queries: what the impact engine and the
// building-file export read.
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { buildings } from '../schema/buildings.ts'
import { carriers, contracts } from '../schema/contracts.ts'
import { numberRanges, numbers } from '../schema/numbers.ts'
import { services } from '../schema/services.ts'
import { contacts, tenants } from '../schema/tenants.ts'

export async function getBuildingInventoryRows(db: Db, buildingId: string) {
  const [buildingRows, tenantRows, contactRows, contractRows, serviceRows, rangeRows, numberRows] = await Promise.all([
    db.select({ name: buildings.name, street: buildings.street, postcode: buildings.postcode, city: buildings.city }).from(buildings).where(eq(buildings.id, buildingId)),
    db
      .select({ id: tenants.id, legalName: tenants.legalName, kvkNumber: tenants.kvkNumber, unit: tenants.unit, moveIn: tenants.moveIn, moveOut: tenants.moveOut })
      .from(tenants)
      .where(eq(tenants.buildingId, buildingId))
      .orderBy(asc(tenants.kvkNumber)),
    db
      .select({ id: contacts.id, tenantId: contacts.tenantId, name: contacts.name, email: contacts.email, phone: contacts.phone, roles: contacts.roles, locale: contacts.locale })
      .from(contacts)
      .where(eq(contacts.buildingId, buildingId))
      .orderBy(asc(contacts.name), asc(contacts.email), asc(contacts.id)),
    db
      .select({
        id: contracts.id,
        carrier: carriers.name,
        contractNumber: contracts.contractNumber,
        holderTenantId: contracts.holderTenantId,
        signedByContactId: contracts.signedByContactId,
        startDate: contracts.startDate,
        initialTermMonths: contracts.initialTermMonths,
        renewalTermMonths: contracts.renewalTermMonths,
        noticeDays: contracts.noticeDays,
        monthlyFeeCents: contracts.monthlyFeeCents,
        earlyTerminationPct: contracts.earlyTerminationPct,
      })
      .from(contracts)
      .innerJoin(carriers, eq(carriers.id, contracts.carrierId))
      .where(and(eq(contracts.buildingId, buildingId), isNull(contracts.endedOn)))
      .orderBy(asc(carriers.name), asc(contracts.contractNumber)),
    db
      .select({
        id: services.id,
        contractId: services.contractId,
        kind: services.kind,
        carrierRef: services.carrierRef,
        mainNumber: services.mainNumber,
        dedicatedTenantId: services.dedicatedTenantId,
        criticalUse: services.criticalUse,
      })
      .from(services)
      .where(and(eq(services.buildingId, buildingId), isNull(services.endedOn)))
      .orderBy(asc(services.carrierRef)),
    db
      .select({ id: numberRanges.id, serviceId: numberRanges.serviceId, firstValue: numberRanges.firstValue })
      .from(numberRanges)
      .where(eq(numberRanges.buildingId, buildingId))
      .orderBy(asc(numberRanges.firstValue)),
    db
      .select({
        e164: numbers.e164,
        rangeId: numbers.rangeId,
        serviceId: numbers.serviceId,
        tenantId: numbers.tenantId,
        billed: numbers.billed,
        use: numbers.use,
        status: numbers.status,
      })
      .from(numbers)
      .where(eq(numbers.buildingId, buildingId))
      .orderBy(asc(numbers.e164)),
  ])
  const building = buildingRows[0]
  if (!building) return null
  // Ended services (moved to another provider) and their numbers are history, not inventory.
  const running = new Set(serviceRows.map((s) => s.id))
  return {
    building,
    tenants: tenantRows,
    contacts: contactRows,
    contracts: contractRows,
    services: serviceRows,
    ranges: rangeRows.filter((r) => running.has(r.serviceId)),
    numbers: numberRows.filter((n) => running.has(n.serviceId)),
  }
}

export type BuildingInventoryRows = NonNullable<Awaited<ReturnType<typeof getBuildingInventoryRows>>>
