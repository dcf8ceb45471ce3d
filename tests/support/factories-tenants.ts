import { randomBytes } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import { InputProblemsError, ValidationError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { auditLog } from '#db/schema/index.ts'

let kvk = 40_000_000 + Math.floor(Math.random() * 1_000_000)

/** What the tenant form posts, valid unless overridden. */
export function tenantForm(overrides: Record<string, string> = {}): Record<string, string> {
  return { legalName: `Form Tenant ${randomBytes(3).toString('hex')} BV`, kvkNumber: String(kvk++), unit: '1.01', moveIn: '2024-01-01', moveOut: '', ...overrides }
}

/** What the contact form posts, valid unless overridden; roles as checkboxes (string or array). */
export function contactForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { name: 'Jan de Vries', email: `jan-${randomBytes(3).toString('hex')}@example.nl`, phone: '020 555 1234', roles: ['primary', 'technical'], locale: 'nl', ...overrides }
}

/** Runs a use case that must be refused with a ValidationError; returns field → message key. */
export async function refused(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p
  } catch (error) {
    if (error instanceof ValidationError) return Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, v.key]))
    throw error
  }
  throw new Error('expected a ValidationError')
}

/** Runs a use case that must be refused for problems in a JSON document; returns the problems (JSON paths and messages). */
export async function refusedProblems(p: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  try {
    await p
  } catch (error) {
    if (error instanceof InputProblemsError) return error.problems
    throw error
  }
  throw new Error('expected an InputProblemsError')
}

/** Runs a use case that must fail and returns the error (NotFoundError, ForbiddenError, ...). */
export async function refusal(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (error) {
    return error
  }
  throw new Error('expected the use case to fail')
}

/** Audit entries about one entity, oldest first. */
export async function auditEntries(db: Db, entityType: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id))
}
