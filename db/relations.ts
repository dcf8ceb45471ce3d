import { relations } from 'drizzle-orm'
import { buildings } from './schema/buildings.ts'
import { contracts, carriers } from './schema/contracts.ts'
import { numberAllocations, numberRanges, numbers } from './schema/numbers.ts'
import { services } from './schema/services.ts'
import { contacts, tenants } from './schema/tenants.ts'

export const buildingsRelations = relations(buildings, ({ many }) => ({
  tenants: many(tenants),
  contracts: many(contracts),
  services: many(services),
  numbers: many(numbers),
}))

export const tenantsRelations = relations(tenants, ({ one, many }) => ({
  building: one(buildings, { fields: [tenants.buildingId], references: [buildings.id] }),
  contacts: many(contacts),
  numbers: many(numbers),
}))

export const contactsRelations = relations(contacts, ({ one }) => ({
  tenant: one(tenants, { fields: [contacts.tenantId], references: [tenants.id] }),
}))

export const contractsRelations = relations(contracts, ({ one, many }) => ({
  building: one(buildings, { fields: [contracts.buildingId], references: [buildings.id] }),
  carrier: one(carriers, { fields: [contracts.carrierId], references: [carriers.id] }),
  services: many(services),
}))

export const servicesRelations = relations(services, ({ one, many }) => ({
  contract: one(contracts, { fields: [services.contractId], references: [contracts.id] }),
  numbers: many(numbers),
}))

export const numbersRelations = relations(numbers, ({ one, many }) => ({
  service: one(services, { fields: [numbers.serviceId], references: [services.id] }),
  range: one(numberRanges, { fields: [numbers.rangeId], references: [numberRanges.id] }),
  tenant: one(tenants, { fields: [numbers.tenantId], references: [tenants.id] }),
  allocations: many(numberAllocations),
}))

export const numberAllocationsRelations = relations(numberAllocations, ({ one }) => ({
  number: one(numbers, { fields: [numberAllocations.numberId], references: [numbers.id] }),
  tenant: one(tenants, { fields: [numberAllocations.tenantId], references: [tenants.id] }),
}))
