import { pgEnum } from 'drizzle-orm/pg-core'
import {
  auditActions,
  contactRoles,
  criticalUses,
  locales,
  numberStatuses,
  numberUses,
  serviceKinds,
  userRoles,
} from '#app/domain/enums.ts'
import { consentStates, requestStates } from '#app/domain/requests/lifecycle.ts'

export const serviceKind = pgEnum('service_kind', serviceKinds)
export const criticalUse = pgEnum('critical_use', criticalUses)
export const numberUse = pgEnum('number_use', numberUses)
export const numberStatus = pgEnum('number_status', numberStatuses)
export const contactRole = pgEnum('contact_role', contactRoles)
export const userRole = pgEnum('user_role', userRoles)
export const locale = pgEnum('locale', locales)
export const auditAction = pgEnum('audit_action', auditActions)
export const requestState = pgEnum('request_state', requestStates)
export const consentState = pgEnum('consent_state', consentStates)
