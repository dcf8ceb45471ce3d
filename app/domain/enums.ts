// Closed vocabularies shared by the database (pgEnum), validation (zod) and the UI.

export const serviceKinds = [
  'pstn',
  'isdn2',
  'isdn30',
  'sip_trunk',
  'hosted_voice',
  'fiber',
  'dsl',
  'ethernet',
] as const
export type ServiceKind = (typeof serviceKinds)[number]

/** Legacy copper sold as WLR: numbers leave only in aligned blocks of ten. */
export const wlrKinds = ['pstn', 'isdn2', 'isdn30'] as const satisfies readonly ServiceKind[]
/** Data services carry no numbers. */
export const dataKinds = ['fiber', 'dsl', 'ethernet'] as const satisfies readonly ServiceKind[]

export function isDataKind(kind: ServiceKind): boolean {
  return (dataKinds as readonly ServiceKind[]).includes(kind)
}
export function isWlrKind(kind: ServiceKind): boolean {
  return (wlrKinds as readonly ServiceKind[]).includes(kind)
}

export const criticalUses = [
  'lift_alarm',
  'fire_alarm',
  'intercom',
  'security_alarm',
  'pin_terminal',
] as const
export type CriticalUse = (typeof criticalUses)[number]

export const numberUses = ['tenant', 'common', ...criticalUses] as const
export type NumberUse = (typeof numberUses)[number]

export function isCriticalUse(use: string | null | undefined): use is CriticalUse {
  return use != null && (criticalUses as readonly string[]).includes(use)
}

export const numberStatuses = ['active', 'porting_out', 'ported_out', 'disconnected'] as const
export type NumberStatus = (typeof numberStatuses)[number]

export const contactRoles = ['authorized_signatory', 'technical', 'billing', 'primary'] as const
export type ContactRole = (typeof contactRoles)[number]

export const userRoles = ['facility_manager', 'tenant', 'sales'] as const
export type UserRole = (typeof userRoles)[number]

export const locales = ['nl', 'en'] as const
export type Locale = (typeof locales)[number]

export const auditActions = ['create', 'update', 'delete', 'allocate', 'release', 'login', 'password'] as const
export type AuditAction = (typeof auditActions)[number]
