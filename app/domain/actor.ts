import type { UserRole } from './enums.ts'

/** Who is acting: passed to every use case and written to the audit log. */
export interface Actor {
  id: string
  email: string
  name: string
  role: UserRole
  /** The tenant a tenant user acts for. */
  tenantId: string | null
}
