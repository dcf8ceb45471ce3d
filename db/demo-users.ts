import { demoBuilding } from './demo-data.ts'

/** Password of every demo account (development and the embedded demo only). */
export const demoPassword = 'sharedline-demo'

/** The demo accounts; listed on the login page in development when they exist. */
export const demoUsers = demoBuilding().users.map((u) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  label: u.role === 'tenant' ? (demoBuilding().tenants.find((t) => t.key === u.tenantKey)?.legalName ?? '') : '',
}))
