import { data } from 'react-router'
import type { z } from 'zod'
import { isMessageKey, type MessageKey } from '#app/i18n/index.ts'
import { ForbiddenError, NotFoundError, ValidationError, type FieldMessage } from './errors.server.ts'

/** Maps business errors thrown by services to HTTP: missing or foreign → 404, not allowed → 403. */
export function toHttpError(error: unknown): never {
  if (error instanceof NotFoundError) throw data({ message: 'Not found' }, { status: 404 })
  if (error instanceof ForbiddenError) throw data({ message: 'Forbidden' }, { status: 403 })
  throw error
}

/** Runs a loader body, turning NotFound/Forbidden into 404/403 responses. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    return toHttpError(error)
  }
}

export interface FormFailure {
  ok: false
  errors: Record<string, FieldMessage>
  values: Record<string, string | string[]>
}

/** The values of a form as submitted, so the page can keep the user's input on error. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(formObject(formData)).filter(([key]) => !/password/i.test(key)))
}

/**
 * Runs an action body: a ValidationError becomes a 400 with field messages and the submitted values;
 * NotFound/Forbidden become 404/403.
 */
export async function formAction<T>(formData: FormData, fn: () => Promise<T>) {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof ValidationError) {
      return data<FormFailure>({ ok: false, errors: error.fields, values: formValues(formData) }, { status: 400 })
    }
    return toHttpError(error)
  }
}

const fallbackByCode: Record<string, MessageKey> = {
  invalid_type: 'field.required',
  too_small: 'field.required',
  too_big: 'field.tooLong',
  invalid_value: 'field.invalidChoice',
  invalid_format: 'field.invalidChoice',
}

/** Parses input with a zod schema; failures become a ValidationError keyed by field path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fields: Record<string, MessageKey> = {}
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_form'
    if (fields[field]) continue
    fields[field] = isMessageKey(issue.message) ? issue.message : (fallbackByCode[issue.code] ?? 'field.invalidChoice')
  }
  throw new ValidationError(fields)
}

/** FormData → plain object; repeated keys become arrays. */
export function formObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string')
    out[key] = all.length > 1 ? all : (all[0] ?? '')
  }
  return out
}

/**
 * Client address for throttling, from X-Forwarded-For behind a trusted proxy (TRUST_PROXY=true).
 * Without one the address is unknown and only the per-e-mail limit applies.
 */
export function clientIp(request: Request): string {
  if (process.env.TRUST_PROXY === 'true') {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  return 'unknown'
}

/** The body was larger than the limit; nothing beyond the limit was read. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/**
 * Reads a request body, refusing it as soon as it grows past `limit` bytes — also when the client
 * sends no Content-Length (chunked), so a large body never ends up in memory whole.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<Buffer> {
  if (Number(request.headers.get('content-length') ?? '0') > limit) throw new BodyTooLargeError(limit)
  if (!request.body) return Buffer.alloc(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new BodyTooLargeError(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** `request.formData()` with a size limit (see readBodyLimited). */
export async function readFormDataLimited(request: Request, limit: number): Promise<FormData> {
  const body = await readBodyLimited(request, limit)
  return new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData()
}
