import type { Db } from '#db/client.ts'
import { demoPassword, demoUsers } from '#db/demo-users.ts'
import { getUserByEmailWithHash } from '#db/queries/users.ts'

/** The demo accounts that exist in this database, for the login page in development. */
export async function listDemoLogins(db: Db) {
  const present = await Promise.all(demoUsers.map(async (u) => ((await getUserByEmailWithHash(db, u.email)) ? u : null)))
  return { password: demoPassword, logins: present.filter((u) => u !== null).map(({ email, role, label }) => ({ email, role, label })) }
}
