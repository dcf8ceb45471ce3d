import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/domain/actor.ts'
import { ForbiddenError, NotFoundError } from '#app/server/errors.server.ts'
import {
  createContact,
  editContact,
  getContact,
  getContactDeletionImpact,
  getNewContactForm,
  removeContact,
} from '#app/services/contacts.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog, contacts } from '#db/schema/index.ts'
import { createTestDatabase } from '#tests/support/db.ts'
import { insertBuilding, insertContact, insertContract, insertTenant, insertUser } from '#tests/support/factories.ts'
import { auditEntries, contactForm, refusal, refused } from '#tests/support/factories-tenants.ts'

let db: Db
let manager: Actor
let otherManager: Actor
beforeAll(async () => {
  db = (await createTestDatabase()).db
  manager = await insertUser(db, { role: 'facility_manager' })
  otherManager = await insertUser(db, { role: 'facility_manager' })
})

async function contactsOf(buildingId: string) {
  return db.select().from(contacts).where(eq(contacts.buildingId, buildingId)).orderBy(contacts.name)
}

async function auditCount() {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog)
  return row!.n
}

async function setup() {
  const b = await insertBuilding(db, {}, [manager])
  const t = await insertTenant(db, b.id, { legalName: 'Acme BV' })
  return { b, t }
}

describe('adding a contact', () => {
  it("adds a contact to a tenant with its phone in E.164 and its roles, and audits it", async () => {
    const { b, t } = await setup()
    const c = await createContact({
      db,
      actor: manager,
      buildingId: b.id,
      tenantId: t.id,
      input: contactForm({ name: ' Jan de Vries ', email: 'jan@acme.nl', phone: '020-555 1234', roles: ['authorized_signatory', 'billing'], locale: 'en' }),
    })
    expect(c).toMatchObject({ tenantId: t.id, name: 'Jan de Vries', email: 'jan@acme.nl', phone: '+31205551234', roles: ['authorized_signatory', 'billing'], locale: 'en' })
    const [entry] = await auditEntries(db, 'contact', c.id)
    expect(entry).toMatchObject({ action: 'create', buildingId: b.id, actorEmail: manager.email })
    expect(entry!.after).toMatchObject({ name: 'Jan de Vries', phone: '+31205551234' })
  })

  it('adds a building contact when no tenant is named', async () => {
    const { b } = await setup()
    const form = await getNewContactForm({ db, actor: manager, buildingId: b.id, tenantId: null })
    expect(form.tenant).toBeNull()
    const c = await createContact({ db, actor: manager, buildingId: b.id, tenantId: null, input: contactForm({ roles: 'technical', phone: '' }) })
    expect(c).toMatchObject({ tenantId: null, phone: null, roles: ['technical'] })
  })

  it('accepts a foreign phone number and stores it in E.164', async () => {
    const { b, t } = await setup()
    const c = await createContact({ db, actor: manager, buildingId: b.id, tenantId: t.id, input: contactForm({ phone: '+44 20 7946 0958' }) })
    expect(c.phone).toBe('+442079460958')
  })

  it('stores a contact without roles when no checkbox is ticked', async () => {
    const { b, t } = await setup()
    const input = contactForm()
    delete input.roles
    const c = await createContact({ db, actor: manager, buildingId: b.id, tenantId: t.id, input })
    expect(c.roles).toEqual([])
  })

  it('refuses an invalid e-mail address and an invalid phone number on their fields, storing nothing', async () => {
    const { b, t } = await setup()
    const audits = await auditCount()
    expect(await refused(createContact({ db, actor: manager, buildingId: b.id, tenantId: t.id, input: contactForm({ email: 'jan@', phone: '12' }) }))).toEqual({
      email: 'email.invalid',
      phone: 'contact.phoneInvalid',
    })
    expect(await refused(createContact({ db, actor: manager, buildingId: b.id, tenantId: t.id, input: contactForm({ phone: 'call me' }) }))).toEqual({
      phone: 'contact.phoneInvalid',
    })
    expect(await refused(createContact({ db, actor: manager, buildingId: b.id, tenantId: t.id, input: contactForm({ name: '', email: '' }) }))).toEqual({
      name: 'field.required',
      email: 'field.required',
    })
    expect(await contactsOf(b.id)).toHaveLength(0)
    expect(await auditCount()).toBe(audits)
  })

  it('refuses a role that is not one of the contact roles', async () => {
    const { b, t } = await setup()
    expect(await refused(createContact({ db, actor: manager, buildingId: b.id, tenantId: t.id, input: contactForm({ roles: ['primary', 'owner'] }) }))).toEqual({
      roles: 'field.invalidChoice',
    })
  })

  it('does not find a tenant of another building named in ?tenant=, nor a malformed id', async () => {
    const { b } = await setup()
    const elsewhere = await insertBuilding(db, {}, [manager])
    const foreign = await insertTenant(db, elsewhere.id)
    expect(await refusal(createContact({ db, actor: manager, buildingId: b.id, tenantId: foreign.id, input: contactForm() }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(getNewContactForm({ db, actor: manager, buildingId: b.id, tenantId: 'abc' }))).toBeInstanceOf(NotFoundError)
    expect(await contactsOf(b.id)).toHaveLength(0)
    expect(await contactsOf(elsewhere.id)).toHaveLength(0)
  })

  it('is not found for a facility manager of another building and forbidden for sales', async () => {
    const { b, t } = await setup()
    const sales = await insertUser(db, { role: 'sales' })
    expect(await refusal(createContact({ db, actor: otherManager, buildingId: b.id, tenantId: t.id, input: contactForm() }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(createContact({ db, actor: sales, buildingId: b.id, tenantId: null, input: contactForm() }))).toBeInstanceOf(ForbiddenError)
    expect(await contactsOf(b.id)).toHaveLength(0)
  })
})

describe('editing a contact', () => {
  it('changes the contact and records before and after', async () => {
    const { b, t } = await setup()
    const c = await insertContact(db, b.id, { tenantId: t.id, name: 'Piet', roles: ['primary'] })
    const after = await editContact({
      db,
      actor: manager,
      buildingId: b.id,
      contactId: c.id,
      input: contactForm({ name: 'Piet Jansen', email: c.email, phone: '06 12345678', roles: ['billing'] }),
    })
    expect(after).toMatchObject({ name: 'Piet Jansen', phone: '+31612345678', roles: ['billing'], tenantId: t.id })
    const [entry] = await auditEntries(db, 'contact', c.id)
    expect(entry).toMatchObject({ action: 'update' })
    expect(entry!.before).toMatchObject({ name: 'Piet', roles: ['primary'] })
    expect(entry!.after).toMatchObject({ name: 'Piet Jansen', roles: ['billing'] })
  })

  it('refuses an invalid phone number and keeps the contact as it was', async () => {
    const { b, t } = await setup()
    const c = await insertContact(db, b.id, { tenantId: t.id, phone: '+31205550000' })
    expect(await refused(editContact({ db, actor: manager, buildingId: b.id, contactId: c.id, input: contactForm({ phone: '0000' }) }))).toEqual({
      phone: 'contact.phoneInvalid',
    })
    const [row] = await db.select().from(contacts).where(eq(contacts.id, c.id))
    expect(row).toMatchObject({ name: c.name, phone: '+31205550000' })
  })

  it('does not find a contact of another building', async () => {
    const { b } = await setup()
    const elsewhere = await insertBuilding(db, {}, [otherManager])
    const c = await insertContact(db, elsewhere.id, { name: 'Not Yours' })
    expect(await refusal(getContact({ db, actor: manager, buildingId: b.id, contactId: c.id }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(editContact({ db, actor: manager, buildingId: b.id, contactId: c.id, input: contactForm() }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(editContact({ db, actor: manager, buildingId: elsewhere.id, contactId: c.id, input: contactForm() }))).toBeInstanceOf(NotFoundError)
    const [row] = await db.select().from(contacts).where(eq(contacts.id, c.id))
    expect(row!.name).toBe('Not Yours')
  })

  it('tells which tenant a contact belongs to, and none for a building contact', async () => {
    const { b, t } = await setup()
    const own = await insertContact(db, b.id, { tenantId: t.id })
    const house = await insertContact(db, b.id)
    expect((await getContact({ db, actor: manager, buildingId: b.id, contactId: own.id })).tenant).toEqual({ id: t.id, legalName: 'Acme BV' })
    expect((await getContact({ db, actor: manager, buildingId: b.id, contactId: house.id })).tenant).toBeNull()
  })
})

describe('deleting a contact', () => {
  it('deletes the contact and records what it was', async () => {
    const { b, t } = await setup()
    const c = await insertContact(db, b.id, { tenantId: t.id, name: 'Gone Soon' })
    expect((await getContactDeletionImpact({ db, actor: manager, buildingId: b.id, contactId: c.id })).signedContracts).toEqual([])
    expect(await removeContact({ db, actor: manager, buildingId: b.id, contactId: c.id })).toEqual({ tenantId: t.id })
    expect(await contactsOf(b.id)).toHaveLength(0)
    const [entry] = await auditEntries(db, 'contact', c.id)
    expect(entry).toMatchObject({ action: 'delete', after: null })
    expect(entry!.before).toMatchObject({ name: 'Gone Soon' })
  })

  it('refuses to delete the contact who signed a contract, and changes nothing', async () => {
    const { b, t } = await setup()
    const c = await insertContact(db, b.id, { tenantId: t.id, roles: ['authorized_signatory'] })
    const k = await insertContract(db, b.id, { signedByContactId: c.id, contractNumber: 'MC-SIGNED-1' })
    const impact = await getContactDeletionImpact({ db, actor: manager, buildingId: b.id, contactId: c.id })
    expect(impact.signedContracts).toEqual([expect.objectContaining({ id: k.id, contractNumber: 'MC-SIGNED-1' })])
    const audits = await auditCount()
    expect(await refused(removeContact({ db, actor: manager, buildingId: b.id, contactId: c.id }))).toEqual({ _form: 'contact.signedContract' })
    expect(await contactsOf(b.id)).toHaveLength(1)
    expect(await auditCount()).toBe(audits)
  })

  it('is not found for a facility manager of another building', async () => {
    const { b } = await setup()
    const c = await insertContact(db, b.id)
    expect(await refusal(removeContact({ db, actor: otherManager, buildingId: b.id, contactId: c.id }))).toBeInstanceOf(NotFoundError)
    expect(await refusal(getContactDeletionImpact({ db, actor: otherManager, buildingId: b.id, contactId: c.id }))).toBeInstanceOf(NotFoundError)
    expect(await contactsOf(b.id)).toHaveLength(1)
  })
})
