import type { UserRole } from './enums.ts'

/** What a role may do at all; which building or tenant it may do it on is decided by scope. */
export const permissions = [
  'building:create',
  'building:manage',
  'building:view-counts',
  'tenant:view-own',
  'tenant:edit-own-contacts',
  'account:change-password',
  /** Evaluate an uploaded building file that is never stored. */
  'impact:preview-file',
] as const
export type Permission = (typeof permissions)[number]

const grants: Record<UserRole, readonly Permission[]> = {
  facility_manager: ['building:create', 'building:manage', 'account:change-password', 'impact:preview-file'],
  tenant: ['tenant:view-own', 'tenant:edit-own-contacts', 'account:change-password'],
  sales: ['building:view-counts', 'account:change-password', 'impact:preview-file'],
}

export function hasPermission(role: UserRole, permission: Permission): boolean {
  return grants[role].includes(permission)
}

/** How a user sees one building: full control, its own tenant's slice, counts only, or not at all. */
export type BuildingAccess = 'manage' | 'tenant' | 'counts' | 'none'

export function buildingAccess(
  role: UserRole,
  relation: { manages: boolean; sharedWith: boolean; ownTenantInBuilding: boolean },
): BuildingAccess {
  switch (role) {
    case 'facility_manager':
      return relation.manages ? 'manage' : 'none'
    case 'tenant':
      return relation.ownTenantInBuilding ? 'tenant' : 'none'
    case 'sales':
      return relation.sharedWith ? 'counts' : 'none'
  }
}

/** Where a role lands after login. */
export function homePath(role: UserRole): string {
  return role === 'tenant' ? '/my' : '/buildings'
}
