import type { UserRole } from '#app/domain/enums.ts'

/** Password of every demo account (development and the embedded demo only). */
export const demoPassword = 'sharedline-demo'

/** The demo accounts, one per role and more; listed on the login page in development. */
export const demoUsers: { email: string; name: string; role: UserRole; label: string }[] = []
