import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import {
  createMyContact,
  editMyContact,
  getMyCompany,
  getMyContact,
  getMyContactDeletionImpact,
  listMyContacts,
  listMyNumbers,
  removeMyContact,
} from '#app/services/my.server.ts'
import { listTenants } from '#app/services/tenants.server.ts'
import type { Db } from '#db/client.ts'
import { contacts } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertContact, insertContract, insertNumbers, insertService, insertTenant, insertUser } from '#tests/support/factories.ts'
import { auditEntries, contactForm, refusal, refused } from '#tests/support/factories-tenants.ts'

let db: Db
let acmeUser: Actor
let acme: Awaited<ReturnType<typeof insertTenant>>
let globex: Awaited<ReturnType<typeof insertTenant>>
let buildingId: string
let acmeNumbers: string[]
let globexNumbers: string[]
let globexContact: Awaited<ReturnType<typeof insertContact>>
let buildingContact: Awaited<ReturnType<typeof insertContact>>
const allPages = { page: 1, pageSize: 50, limit: 50, offset: 0 }

/** Everything a tenant user could read, as one string, to search for what must not be there. */
async function everythingAcmeSees() {
  const [company, numbers, list] = await Promise.all([
    getMyCompany({ db, actor: acmeUser }),
    listMyNumbers({ db, actor: acmeUser, page: allPages }),
    listMyContacts({ db, actor: acmeUser }),
  ])
  return JSON.stringify({ company, numbers, list })
}

beforeAll(async () => {
  db = (await createTestDatabase()).db
  const manager = await insertUser(db, { role: 'facility_manager' })
  const b = await insertBuilding(db, { name: 'Het Veem', street: 'Van Diemenstraat 410', postcode: '1013 CR', city: 'Amsterdam' }, [manager])
  buildingId = b.id
  acme = await insertTenant(db, b.id, { legalName: 'Acme Portal BV', kvkNumber: '70000001', unit: '2.14' })
  globex = await insertTenant(db, b.id, { legalName: 'Globex Secret BV', kvkNumber: '70000002' })
  const k = await insertContract(db, b.id)
  const shared = await insertService(db, b.id, k.id, { kind: 'isdn30', carrierRef: 'ISDN-SHARED' })
  await insertService(db, b.id, k.id, { kind: 'fiber', carrierRef: 'FIBRE-ACME', dedicatedTenantId: acme.id })
  acmeNumbers = (await insertNumbers(db, b.id, shared.id, '+31205551000', 10, { tenantId: acme.id })).numbers.map((n) => n.e164)
  globexNumbers = (await insertNumbers(db, b.id, shared.id, '+31205551010', 10, { tenantId: globex.id })).numbers.map((n) => n.e164)
  await insertNumbers(db, b.id, shared.id, '+31205551020', 5)
  await insertContact(db, b.id, { tenantId: acme.id, name: 'Anna Acme', email: 'anna@acme.example' })
  globexContact = await insertContact(db, b.id, { tenantId: globex.id, name: 'Gerrit Globex', email: 'gerrit@globex.example', phone: '+31205551011' })
  buildingContact = await insertContact(db, b.id, { name: 'Bert Beheer', email: 'bert@veem.example' })
  acmeUser = await insertUser(db, { role: 'tenant', tenantId: acme.id })
})

describe('my company', () => {
  it('shows the own company and building, with the other companies as counts only', async () => {
    const my = await getMyCompany({ db, actor: acmeUser })
    expect(my.company).toMatchObject({ legalName: 'Acme Portal BV', kvkNumber: '70000001', unit: '2.14', moveIn: '2022-01-01', moveOut: null, movedOut: false })
    expect(my.building).toMatchObject({ name: 'Het Veem', street: 'Van Diemenstraat 410', postcode: '1013 CR', city: 'Amsterdam' })
    expect(my.counts).toEqual({ numbers: 10, services: 1, contacts: 1, otherTenants: 1, otherTenantNumbers: 10 })
    expect(my.services.map((s) => [s.kind, s.carrierRef, s.dedicated, s.numberCount])).toEqual([
      ['isdn30', 'ISDN-SHARED', false, 10],
      ['fiber', 'FIBRE-ACME', true, 0],
    ])
  })

  it("never contains another tenant's name, contacts or numbers", async () => {
    const seen = await everythingAcmeSees()
    expect(seen).toContain('Acme Portal BV')
    expect(seen).not.toContain('Globex')
    expect(seen).not.toContain('70000002')
    expect(seen).not.toContain('gerrit@globex.example')
    expect(seen).not.toContain('Bert Beheer')
    for (const n of globexNumbers) expect(seen).not.toContain(n)
    expect(seen).not.toContain('+31205551020')
  })

  it('is forbidden for facility managers and sales users', async () => {
    const manager = await insertUser(db, { role: 'facility_manager' })
    const sales = await insertUser(db, { role: 'sales' })
    expect(await refusal(getMyCompany({ db, actor: manager }))).toBeInstanceOf(ForbiddenError)
    expect(await refusal(listMyNumbers({ db, actor: sales, page: allPages }))).toBeInstanceOf(ForbiddenError)
    expect(await refusal(createMyContact({ db, actor: manager, input: contactForm() }))).toBeInstanceOf(ForbiddenError)
  })

  it("gives a tenant user no access to the facility manager's tenant list of its own building", async () => {
    expect(await refusal(listTenants({ db, actor: acmeUser, buildingId, query: {}, page: allPages }))).toBeInstanceOf(ForbiddenError)
  })
})

describe('my numbers', () => {
  it('lists exactly the own numbers with the kind of service carrying them', async () => {
    const mine = await listMyNumbers({ db, actor: acmeUser, page: allPages })
    expect(mine.total).toBe(10)
    expect(mine.numbers.map((n) => n.e164)).toEqual(acmeNumbers)
    expect(mine.numbers.every((n) => n.serviceKind === 'isdn30' && n.status === 'active')).toBe(true)
    expect(mine.company).toEqual({ legalName: 'Acme Portal BV' })
  })

  it('pages through the own numbers', async () => {
    const page3 = await listMyNumbers({ db, actor: acmeUser, page: { page: 3, pageSize: 4, limit: 4, offset: 8 } })
    expect(page3.total).toBe(10)
    expect(page3.numbers.map((n) => n.e164)).toEqual(acmeNumbers.slice(8))
  })
})

describe('my contacts', () => {
  it('lists only the own contacts', async () => {
    const { contacts: list } = await listMyContacts({ db, actor: acmeUser })
    expect(list.map((c) => c.name)).toEqual(['Anna Acme'])
  })

  it("cannot open, edit or delete another tenant's contact or a building contact: not found, and nothing changes", async () => {
    for (const foreign of [globexContact, buildingContact]) {
      expect(await refusal(getMyContact({ db, actor: acmeUser, contactId: foreign.id }))).toBeInstanceOf(NotFoundError)
      expect(await refusal(getMyContactDeletionImpact({ db, actor: acmeUser, contactId: foreign.id }))).toBeInstanceOf(NotFoundError)
      expect(await refusal(editMyContact({ db, actor: acmeUser, contactId: foreign.id, input: contactForm({ name: 'Hijacked' }) }))).toBeInstanceOf(NotFoundError)
      expect(await refusal(removeMyContact({ db, actor: acmeUser, contactId: foreign.id }))).toBeInstanceOf(NotFoundError)
      const [row] = await db.select().from(contacts).where(eq(contacts.id, foreign.id))
      expect(row).toMatchObject({ name: foreign.name, email: foreign.email })
    }
    expect(await refusal(getMyContact({ db, actor: acmeUser, contactId: 'not-a-uuid' }))).toBeInstanceOf(NotFoundError)
  })

  it('adds, changes and deletes an own contact, each with an audit entry', async () => {
    const created = await createMyContact({ db, actor: acmeUser, input: contactForm({ name: 'Nina Nieuw', email: 'nina@acme.example', roles: 'billing' }) })
    expect(created).toMatchObject({ tenantId: acme.id, buildingId, name: 'Nina Nieuw', roles: ['billing'] })
    const changed = await editMyContact({ db, actor: acmeUser, contactId: created.id, input: contactForm({ name: 'Nina Nieuwenhuis', email: 'nina@acme.example', phone: '' }) })
    expect(changed).toMatchObject({ name: 'Nina Nieuwenhuis', phone: null, tenantId: acme.id })
    await removeMyContact({ db, actor: acmeUser, contactId: created.id })
    expect(await db.select().from(contacts).where(eq(contacts.id, created.id))).toHaveLength(0)
    const entries = await auditEntries(db, 'contact', created.id)
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'delete'])
    expect(entries.every((e) => e.actorEmail === acmeUser.email && e.buildingId === buildingId)).toBe(true)
    expect(entries[1]!.before).toMatchObject({ name: 'Nina Nieuw' })
    expect(entries[1]!.after).toMatchObject({ name: 'Nina Nieuwenhuis' })
  })

  it('refuses an invalid e-mail or phone number for an own contact', async () => {
    expect(await refused(createMyContact({ db, actor: acmeUser, input: contactForm({ email: 'not an email', phone: '+999' }) }))).toEqual({
      email: 'email.invalid',
      phone: 'contact.phoneInvalid',
    })
    const { contacts: list } = await listMyContacts({ db, actor: acmeUser })
    expect(list.map((c) => c.name)).toEqual(['Anna Acme'])
  })

  it('cannot delete an own contact who signed a contract', async () => {
    const signer = await insertContact(db, buildingId, { tenantId: acme.id, name: 'Sam Signer', roles: ['authorized_signatory'] })
    await insertContract(db, buildingId, { signedByContactId: signer.id, holderTenantId: acme.id })
    const impact = await getMyContactDeletionImpact({ db, actor: acmeUser, contactId: signer.id })
    expect(impact.signedContracts).toHaveLength(1)
    expect(await refused(removeMyContact({ db, actor: acmeUser, contactId: signer.id }))).toEqual({ _form: 'contact.signedContract' })
    expect(await db.select().from(contacts).where(eq(contacts.id, signer.id))).toHaveLength(1)
  })
})
