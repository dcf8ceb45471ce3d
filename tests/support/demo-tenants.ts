import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { contacts, numbers, tenants } from '#db/schema/index.ts'

/** The demo building as a building file (tests/fixtures/demo-building.json). */
export const demoFile = JSON.parse(fs.readFileSync('tests/fixtures/demo-building.json', 'utf8')) as { tenants: { id: string; kvkNumber: string; legalName: string }[] }

export interface DemoTenant {
  id: string
  name: string
  kvk: string
  signatory: string
  signatoryName: string
  numbers: string[]
  primaryName: string
  primaryEmail: string
}

/** A demo tenant (by its key in the demo file, e.g. `t4`) as imported into `buildingId`. */
export async function demoTenant(db: Db, buildingId: string, key: string): Promise<DemoTenant> {
  const kvk = demoFile.tenants.find((t) => t.id === key)!.kvkNumber
  const [tenant] = await db.select({ id: tenants.id, name: tenants.legalName }).from(tenants).where(and(eq(tenants.buildingId, buildingId), eq(tenants.kvkNumber, kvk)))
  const held = await db.select({ e164: numbers.e164 }).from(numbers).where(eq(numbers.tenantId, tenant!.id)).orderBy(numbers.e164)
  const people = await db.select({ id: contacts.id, name: contacts.name, roles: contacts.roles, email: contacts.email }).from(contacts).where(eq(contacts.tenantId, tenant!.id))
  const signatory = people.find((c) => c.roles.includes('authorized_signatory'))!
  const primary = people.find((c) => c.roles.includes('primary'))!
  return {
    id: tenant!.id,
    name: tenant!.name,
    kvk,
    signatory: signatory.id,
    signatoryName: signatory.name,
    numbers: held.map((n) => n.e164),
    primaryName: primary.name,
    primaryEmail: primary.email,
  }
}
