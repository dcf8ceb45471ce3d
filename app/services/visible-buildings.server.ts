// The buildings an actor can open and, for one of them, the ids a request may name: the API's
// building list and building detail, scoped exactly like the web pages (resolveBuildingScope).
import type { Actor } from '#app/domain/actor.ts'
import type { Db } from '#db/client.ts'
import { listBuildingsForUser } from '#db/queries/buildings.ts'
import { getTenantWithBuilding } from '#db/queries/tenants.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import { resolveBuildingScope, type BuildingScope } from './scope.server.ts'

/**
 * Every building an actor can open and how it sees it: managed (facility manager), its own
 * company's slice (tenant user) or shared (sales). The API's building list.
 */
export async function listVisibleBuildings({ db, actor }: { db: Db; actor: Actor }) {
  const summary = (b: { id: string; name: string; street: string; postcode: string; city: string }, access: BuildingScope['access']) => ({
    id: b.id,
    name: b.name,
    street: b.street,
    postcode: b.postcode,
    city: b.city,
    access,
  })
  if (actor.role === 'tenant') {
    const tenant = actor.tenantId ? await getTenantWithBuilding(db, { tenantId: actor.tenantId }) : null
    return tenant ? [summary(tenant.building, 'tenant')] : []
  }
  const managed = actor.role === 'facility_manager'
  const rows = await listBuildingsForUser(db, actor.id, managed ? 'managed' : 'shared')
  return rows.map((b) => summary(b, managed ? 'manage' : 'counts'))
}

/**
 * One building with the ids a request may name, as far as the actor may see them: a facility
 * manager every tenant, contact and service; a tenant user its own company; a sales user the
 * prospect the share names (nothing without one). Contacts without e-mail or phone.
 */
export async function getBuildingDirectory({ db, actor, buildingId }: { db: Db; actor: Actor; buildingId: string }) {
  const scope = await resolveBuildingScope(db, actor, buildingId)
  const inventory = await loadBuildingInventory(db, buildingId)
  const self = scope.access === 'tenant' ? scope.tenantId : scope.prospectTenantId
  const visible = (tenantId: string | null) => scope.access === 'manage' || (tenantId !== null && tenantId === self)
  const servicesOfSelf = new Set(inventory.numbers.filter((n) => visible(n.tenantId)).map((n) => n.serviceId))
  const { building } = scope
  return {
    id: building.id,
    name: building.name,
    street: building.street,
    postcode: building.postcode,
    city: building.city,
    access: scope.access,
    tenants: inventory.tenants
      .filter((t) => visible(t.id))
      .map((t) => ({ id: t.id, legalName: t.legalName, kvkNumber: t.kvkNumber, unit: t.unit, moveIn: t.moveIn, moveOut: t.moveOut })),
    contacts: inventory.contacts.filter((c) => visible(c.tenantId)).map((c) => ({ id: c.id, tenantId: c.tenantId, name: c.name, roles: c.roles })),
    services: inventory.services
      .filter((s) => scope.access === 'manage' || servicesOfSelf.has(s.id) || visible(s.dedicatedTenantId))
      .map((s) => ({ id: s.id, kind: s.kind, carrierRef: s.carrierRef, dedicatedTenantId: visible(s.dedicatedTenantId) ? s.dedicatedTenantId : null })),
  }
}
