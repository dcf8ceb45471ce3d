// The tenant portal: a tenant user sees and edits only its own company. Every query here is scoped
// by the actor's tenant; other tenants appear as counts at most, never by name or number.
import type { Actor } from '#app/domain/actor.ts'
import { compareDates } from '#app/domain/dates.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { getContactOfTenant, listContacts, listContractsSignedBy } from '#db/queries/contacts.ts'
import { listNumbers } from '#db/queries/numbers.ts'
import { countTenantPortalTotals, listTenantServices } from '#db/queries/tenants.ts'
import { addContactChecked, changeContactChecked, deleteContactChecked } from './contacts.server.ts'
import { requireOwnTenantRow, requirePermission, requireUuid } from './scope.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'

async function requireMyContact(db: Db, actor: Actor, contactId: string) {
  const tenant = await requireOwnTenantRow(db, actor)
  const contact = await getContactOfTenant(db, { tenantId: tenant.id, contactId: requireUuid(contactId, 'contact') })
  if (!contact || contact.buildingId !== tenant.buildingId) throw new NotFoundError('contact')
  return { tenant, contact }
}

/**
 * "My company": the tenant's own data, its building, the services it uses and counts. Of the other
 * companies in the building only how many there are and how many numbers they hold.
 */
export async function getMyCompany({ db, actor, asOf = todayInNetherlands() }: { db: Db; actor: Actor; asOf?: string }) {
  const tenant = await requireOwnTenantRow(db, actor)
  const scope = { buildingId: tenant.buildingId, tenantId: tenant.id }
  const [counts, services] = await Promise.all([countTenantPortalTotals(db, scope), listTenantServices(db, scope)])
  return {
    company: {
      id: tenant.id,
      legalName: tenant.legalName,
      kvkNumber: tenant.kvkNumber,
      unit: tenant.unit,
      moveIn: tenant.moveIn,
      moveOut: tenant.moveOut,
      movedOut: tenant.moveOut !== null && compareDates(tenant.moveOut, asOf) <= 0,
    },
    building: tenant.building,
    counts,
    services,
  }
}

/** The tenant's own numbers, one page at a time, with the kind of service carrying each. */
export async function listMyNumbers({ db, actor, page }: { db: Db; actor: Actor; page: { page: number; pageSize: number; limit: number; offset: number } }) {
  const tenant = await requireOwnTenantRow(db, actor)
  const { rows: all, total } = await listNumbers(db, { buildingId: tenant.buildingId, tenant: tenant.id }, page)
  const rows = all.map((n) => ({ id: n.id, e164: n.e164, status: n.status, use: n.use, serviceKind: n.serviceKind, carrierRef: n.serviceCarrierRef }))
  return {
    company: { legalName: tenant.legalName },
    numbers: rows,
    total,
    page: page.page,
    pageSize: page.pageSize,
  }
}

export async function listMyContacts({ db, actor }: { db: Db; actor: Actor }) {
  const tenant = await requireOwnTenantRow(db, actor)
  return {
    company: { legalName: tenant.legalName },
    contacts: await listContacts(db, { buildingId: tenant.buildingId, tenantId: tenant.id }),
  }
}

/** One of the tenant's own contacts; anyone else's contact is not found. */
export async function getMyContact({ db, actor, contactId }: { db: Db; actor: Actor; contactId: string }) {
  const { tenant, contact } = await requireMyContact(db, actor, contactId)
  return { company: { legalName: tenant.legalName }, contact }
}

export async function createMyContact({ db, actor, input }: { db: Db; actor: Actor; input: unknown }) {
  requirePermission(actor, 'tenant:edit-own-contacts')
  const tenant = await requireOwnTenantRow(db, actor)
  return addContactChecked(db, actor, { buildingId: tenant.buildingId, tenant: { id: tenant.id, legalName: tenant.legalName } }, input)
}

export async function editMyContact({ db, actor, contactId, input }: { db: Db; actor: Actor; contactId: string; input: unknown }) {
  requirePermission(actor, 'tenant:edit-own-contacts')
  const { contact } = await requireMyContact(db, actor, contactId)
  return changeContactChecked(db, actor, contact, input)
}

/** The delete confirmation for one of the tenant's own contacts: contracts it signed block it. */
export async function getMyContactDeletionImpact({ db, actor, contactId }: { db: Db; actor: Actor; contactId: string }) {
  const { tenant, contact } = await requireMyContact(db, actor, contactId)
  const signedContracts = await listContractsSignedBy(db, { buildingId: tenant.buildingId, contactId: contact.id })
  return { company: { legalName: tenant.legalName }, contact, signedContracts }
}

export async function removeMyContact({ db, actor, contactId }: { db: Db; actor: Actor; contactId: string }) {
  requirePermission(actor, 'tenant:edit-own-contacts')
  const { contact } = await requireMyContact(db, actor, contactId)
  await deleteContactChecked(db, actor, contact)
}
