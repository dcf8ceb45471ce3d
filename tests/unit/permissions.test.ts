import { describe, expect, it } from 'vitest'
import { userRoles, type UserRole } from '#app/domain/enums.ts'
import { buildingAccess, hasPermission, homePath, permissions, type BuildingAccess, type Permission } from '#app/domain/permissions.ts'

/** Every role × every permission, written out so a new grant is a deliberate change to this table. */
const expected: Record<UserRole, Record<Permission, boolean>> = {
  facility_manager: {
    'building:create': true,
    'building:manage': true,
    'building:view-counts': false,
    'tenant:view-own': false,
    'tenant:edit-own-contacts': false,
    'account:change-password': true,
    'impact:preview-file': true,
  },
  tenant: {
    'building:create': false,
    'building:manage': false,
    'building:view-counts': false,
    'tenant:view-own': true,
    'tenant:edit-own-contacts': true,
    'account:change-password': true,
    'impact:preview-file': false,
  },
  sales: {
    'building:create': false,
    'building:manage': false,
    'building:view-counts': true,
    'tenant:view-own': false,
    'tenant:edit-own-contacts': false,
    'account:change-password': true,
    'impact:preview-file': true,
  },
}

describe('hasPermission', () => {
  const cases = userRoles.flatMap((role) => permissions.map((permission) => [role, permission, expected[role][permission]] as const))

  it('the table covers every role and every permission', () => {
    expect(cases).toHaveLength(userRoles.length * permissions.length)
    for (const role of userRoles) expect(Object.keys(expected[role]).sort()).toEqual([...permissions].sort())
  })

  it.each(cases)('%s has %s: %s', (role, permission, granted) => {
    expect(hasPermission(role, permission)).toBe(granted)
  })
})

describe('buildingAccess', () => {
  const relations = [false, true].flatMap((manages) =>
    [false, true].flatMap((sharedWith) => [false, true].map((ownTenantInBuilding) => ({ manages, sharedWith, ownTenantInBuilding }))),
  )

  const rule: Record<UserRole, (r: (typeof relations)[number]) => BuildingAccess> = {
    facility_manager: (r) => (r.manages ? 'manage' : 'none'),
    tenant: (r) => (r.ownTenantInBuilding ? 'tenant' : 'none'),
    sales: (r) => (r.sharedWith ? 'counts' : 'none'),
  }

  it.each(userRoles.flatMap((role) => relations.map((relation) => [role, relation] as const)))(
    '%s with %o',
    (role, relation) => {
      expect(buildingAccess(role, relation)).toBe(rule[role](relation))
    },
  )

  it('a facility manager who does not manage the building sees nothing, even when it is shared with them', () => {
    expect(buildingAccess('facility_manager', { manages: false, sharedWith: true, ownTenantInBuilding: true })).toBe('none')
  })

  it('a sales user never manages a building, not even one they would manage', () => {
    expect(buildingAccess('sales', { manages: true, sharedWith: false, ownTenantInBuilding: false })).toBe('none')
  })

  it('a tenant user sees only their own slice, never more', () => {
    expect(buildingAccess('tenant', { manages: true, sharedWith: true, ownTenantInBuilding: true })).toBe('tenant')
  })
})

describe('homePath', () => {
  it.each([
    ['facility_manager', '/buildings'],
    ['sales', '/buildings'],
    ['tenant', '/my'],
  ] as const)('%s lands on %s', (role, path) => {
    expect(homePath(role)).toBe(path)
  })
})
