import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { contactRoles, locales, type ContactRole } from '#app/domain/enums.ts'
import type { MessageKey } from '#app/i18n/index.ts'
import { NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import {
  deleteContact,
  getContactInBuilding,
  insertContact,
  listContractsSignedBy,
  updateContact,
} from '#db/queries/contacts.ts'
import { getTenantInBuilding } from '#db/queries/tenants.ts'
import { recordAudit } from './audit.server.ts'
import { pgError, rethrowAsValidation } from './db-errors.server.ts'
import { requireManagedBuilding, requireUuid } from './scope.server.ts'

/** Any valid phone number, Dutch notation assumed without a country code; stored as E.164. */
const optionalPhone = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? '').trim()
    if (s === '') return null
    const parsed = parsePhoneNumberFromString(s, 'NL')
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'contact.phoneInvalid' })
      return z.NEVER
    }
    return parsed.number as string
  })

const isContactRole = (v: string): v is ContactRole => (contactRoles as readonly string[]).includes(v)

/** Checkboxes arrive as nothing, one string or several; an unknown role is an error on `roles`. */
const roleList = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()).transform((values, ctx) => {
    const roles: ContactRole[] = []
    for (const v of values) {
      if (!isContactRole(v)) {
        ctx.addIssue({ code: 'custom', message: 'field.invalidChoice' })
        return z.NEVER
      }
      if (!roles.includes(v)) roles.push(v)
    }
    return roles
  }),
)

export const contactInput = z.object({
  name: z.string().trim().min(1, 'field.required').max(200, 'field.tooLong'),
  email: z.string().trim().min(1, 'field.required').max(254, 'field.tooLong').pipe(z.email('email.invalid')),
  phone: optionalPhone,
  roles: roleList,
  locale: z.enum(locales, 'field.invalidChoice').optional().transform((v) => v ?? 'nl'),
})

export type ContactInput = z.output<typeof contactInput>

const contactConstraints: Record<string, [field: string, key: MessageKey]> = {
  ck_contacts_email: ['email', 'email.invalid'],
  ck_contacts_phone: ['phone', 'contact.phoneInvalid'],
  ck_contacts_name: ['name', 'field.required'],
}

function rethrowContactError(error: unknown, deleting = false): never {
  const pg = pgError(error)
  if (pg?.constraint && pg.code.startsWith('23')) {
    const known = contactConstraints[pg.constraint]
    if (known) throw new ValidationError({ [known[0]]: known[1] })
    // Someone made the contact a signatory between our check and the delete.
    if (deleting && pg.constraint === 'fk_contracts_signed_by' && pg.code === '23503') {
      throw new ValidationError({ _form: 'contact.signedContract' })
    }
  }
  return rethrowAsValidation(error)
}

type StoredContact = NonNullable<Awaited<ReturnType<typeof getContactInBuilding>>>

/**
 * Adds a contact to a tenant (or to the building when tenant is null) with its audit entry.
 * Scope must have been checked by the caller; shared by the facility manager and the tenant portal.
 */
export async function addContactChecked(
  db: Db,
  actor: Actor,
  target: { buildingId: string; tenant: { id: string; legalName: string } | null },
  input: unknown,
) {
  const values = parseInput(contactInput, input)
  try {
    return await db.transaction(async (tx) => {
      const contact = await insertContact(tx, { ...values, buildingId: target.buildingId, tenantId: target.tenant?.id ?? null })
      await recordAudit(tx, actor, {
        buildingId: target.buildingId,
        entityType: 'contact',
        entityId: contact.id,
        action: 'create',
        summary: `contact ${contact.name} created for ${target.tenant ? `tenant ${target.tenant.legalName}` : 'the building'}`,
        after: contact,
      })
      return contact
    })
  } catch (error) {
    return rethrowContactError(error)
  }
}

/** Changes a contact already found within the actor's scope, with its audit entry. */
export async function changeContactChecked(db: Db, actor: Actor, before: StoredContact, input: unknown) {
  const values = parseInput(contactInput, input)
  try {
    return await db.transaction(async (tx) => {
      const after = await updateContact(tx, { buildingId: before.buildingId, contactId: before.id }, values)
      if (!after) throw new NotFoundError('contact')
      await recordAudit(tx, actor, {
        buildingId: before.buildingId,
        entityType: 'contact',
        entityId: after.id,
        action: 'update',
        summary: `contact ${after.name} updated`,
        before,
        after,
      })
      return after
    })
  } catch (error) {
    return rethrowContactError(error)
  }
}

/**
 * Deletes a contact already found within the actor's scope. Refused while the contact is the
 * signatory of a contract: the contract must name another signatory first.
 */
export async function deleteContactChecked(db: Db, actor: Actor, contact: StoredContact) {
  try {
    await db.transaction(async (tx) => {
      const signed = await listContractsSignedBy(tx, { buildingId: contact.buildingId, contactId: contact.id })
      if (signed.length > 0) throw new ValidationError({ _form: 'contact.signedContract' })
      const before = await deleteContact(tx, { buildingId: contact.buildingId, contactId: contact.id })
      if (!before) throw new NotFoundError('contact')
      await recordAudit(tx, actor, {
        buildingId: contact.buildingId,
        entityType: 'contact',
        entityId: before.id,
        action: 'delete',
        summary: `contact ${before.name} deleted`,
        before,
      })
    })
  } catch (error) {
    return rethrowContactError(error, true)
  }
}

/** The tenant named in `?tenant=`, which must be in the building; null means a building contact. */
async function resolveContactOwner(db: Db, buildingId: string, tenantId: string | null | undefined) {
  if (tenantId === null || tenantId === undefined || tenantId === '') return null
  const tenant = await getTenantInBuilding(db, { buildingId, tenantId: requireUuid(tenantId, 'tenant') })
  if (!tenant) throw new NotFoundError('tenant')
  return { id: tenant.id, legalName: tenant.legalName }
}

async function requireContactInBuilding(db: Db, buildingId: string, contactId: string) {
  const contact = await getContactInBuilding(db, { buildingId, contactId: requireUuid(contactId, 'contact') })
  if (!contact) throw new NotFoundError('contact')
  return contact
}

async function ownerOf(db: Db, contact: StoredContact) {
  if (!contact.tenantId) return null
  const tenant = await getTenantInBuilding(db, { buildingId: contact.buildingId, tenantId: contact.tenantId })
  return tenant ? { id: tenant.id, legalName: tenant.legalName } : null
}

/** The "new contact" page: the building, and the tenant the contact will belong to (if any). */
export async function getNewContactForm({ db, actor, buildingId, tenantId }: { db: Db; actor: Actor; buildingId: string; tenantId: string | null }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const tenant = await resolveContactOwner(db, buildingId, tenantId)
  return { building: { id: building.id, name: building.name }, tenant }
}

/** Adds a contact to a tenant of a managed building, or to the building itself without tenantId. */
export async function createContact({
  db,
  actor,
  buildingId,
  tenantId,
  input,
}: {
  db: Db
  actor: Actor
  buildingId: string
  tenantId: string | null
  input: unknown
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const tenant = await resolveContactOwner(db, buildingId, tenantId)
  return addContactChecked(db, actor, { buildingId, tenant }, input)
}

/** One contact of a managed building, with the tenant it belongs to (null: a building contact). */
export async function getContact({ db, actor, buildingId, contactId }: { db: Db; actor: Actor; buildingId: string; contactId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const contact = await requireContactInBuilding(db, buildingId, contactId)
  return { building: { id: building.id, name: building.name }, contact, tenant: await ownerOf(db, contact) }
}

export async function editContact({
  db,
  actor,
  buildingId,
  contactId,
  input,
}: {
  db: Db
  actor: Actor
  buildingId: string
  contactId: string
  input: unknown
}) {
  await requireManagedBuilding(db, actor, buildingId)
  const before = await requireContactInBuilding(db, buildingId, contactId)
  return changeContactChecked(db, actor, before, input)
}

/** The contact delete confirmation: the contracts this contact signed block the deletion. */
export async function getContactDeletionImpact({ db, actor, buildingId, contactId }: { db: Db; actor: Actor; buildingId: string; contactId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const contact = await requireContactInBuilding(db, buildingId, contactId)
  const [tenant, signedContracts] = await Promise.all([
    ownerOf(db, contact),
    listContractsSignedBy(db, { buildingId, contactId: contact.id }),
  ])
  return { building: { id: building.id, name: building.name }, contact, tenant, signedContracts }
}

export async function removeContact({ db, actor, buildingId, contactId }: { db: Db; actor: Actor; buildingId: string; contactId: string }) {
  await requireManagedBuilding(db, actor, buildingId)
  const contact = await requireContactInBuilding(db, buildingId, contactId)
  await deleteContactChecked(db, actor, contact)
  return { tenantId: contact.tenantId }
}
