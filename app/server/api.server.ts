// The HTTP API's plumbing: bearer-token authentication, JSON bodies, and the one place that maps
// errors to RFC 9457 problem details. Only the Authorization header authenticates: a session cookie
// never does, so a page on another site cannot make a logged-in browser call the API (no CSRF).
import type { Actor } from '#app/domain/actor.ts'
import { isIsoDate } from '#app/domain/dates.ts'
import type { FileProblem } from '#app/domain/impact/building-file.ts'
import { translate } from '#app/i18n/index.ts'
import type { Db } from '#db/client.ts'
import { getActiveApiTokenUser, touchApiToken } from '#db/queries/api-tokens.ts'
import { getDb } from './db.server.ts'
import { ForbiddenError, InputProblemsError, NotFoundError, UnauthorizedError, ValidationError } from './errors.server.ts'
import { BodyTooLargeError, readBodyLimited } from './http.server.ts'
import { hashToken, looksLikeApiToken } from './tokens.server.ts'

export const problemContentType = 'application/problem+json'
/** Building files of very large buildings stay far below this. */
export const maxBodyBytes = 10 * 1024 * 1024

/** An RFC 9457 problem; `errors` lists what was wrong where (JSON paths into the body). */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors?: FileProblem[]
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
}

/** A finished problem response, thrown by the helpers below and returned by apiResponse. */
export class ApiProblem extends Error {
  readonly status: number
  readonly errors: FileProblem[] | undefined
  readonly headers: Record<string, string>
  constructor(status: number, detail: string, options: { errors?: FileProblem[]; headers?: Record<string, string> } = {}) {
    super(detail)
    this.name = 'ApiProblem'
    this.status = status
    this.errors = options.errors
    this.headers = options.headers ?? {}
  }
}

const noStore = { 'Cache-Control': 'no-store' }

export function problemResponse(status: number, detail: string, options: { errors?: FileProblem[]; headers?: Record<string, string> } = {}): Response {
  const body: Problem = { type: 'about:blank', title: titles[status] ?? 'Error', status, detail, ...(options.errors ? { errors: options.errors } : {}) }
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': problemContentType, ...noStore, ...options.headers } })
}

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...noStore, ...init.headers } })
}

const bearerChallenge = (error?: 'invalid_token') => ({ 'WWW-Authenticate': `Bearer realm="sharedline"${error ? `, error="${error}"` : ''}` })

/** Maps what a use case threw to a problem: the only error → HTTP table of the API. */
export function problemFor(error: unknown): Response {
  if (error instanceof ApiProblem) return problemResponse(error.status, error.message, { ...(error.errors ? { errors: error.errors } : {}), headers: error.headers })
  if (error instanceof UnauthorizedError) return problemResponse(401, error.message, { headers: bearerChallenge('invalid_token') })
  // A foreign building is reported exactly like a missing one.
  if (error instanceof NotFoundError) return problemResponse(404, `No such ${error.message.replace(/ not found$/, '')}, or none you have access to.`)
  if (error instanceof ForbiddenError) return problemResponse(403, `Your role does not allow this (${error.message}).`)
  if (error instanceof InputProblemsError) return problemResponse(422, 'The document breaks the rules listed in errors; nothing was changed.', { errors: error.problems })
  if (error instanceof ValidationError) {
    const errors = Object.entries(error.fields).map(([field, message]) => ({ path: field === '_form' ? '$' : `$.${field}`, message: translate('en', message.key, message.params) }))
    return problemResponse(422, 'The input breaks the rules listed in errors; nothing was changed.', { errors })
  }
  console.error(error)
  return problemResponse(500, 'Something went wrong on our side. It has been logged.')
}

/** Runs a handler and turns anything it throws into problem+json. */
export async function apiResponse(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn()
  } catch (error) {
    return problemFor(error)
  }
}

/** The guard of every API route: the user of the bearer token, or 401. Records the token's use. */
export async function requireApiUser(request: Request): Promise<Actor> {
  const header = request.headers.get('Authorization')
  if (!header) throw new ApiProblem(401, 'Send a personal API token: "Authorization: Bearer <token>".', { headers: bearerChallenge() })
  const match = /^Bearer +(\S+) *$/i.exec(header)
  const token = match?.[1]
  if (!token || !looksLikeApiToken(token)) throw new UnauthorizedError('The token is malformed.')
  const db = await getDb()
  const user = await getActiveApiTokenUser(db, hashToken(token))
  if (!user) throw new UnauthorizedError('The token is unknown or has been revoked.')
  await touchApiToken(db, user.tokenId, new Date())
  return { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId }
}

/** The usual route body: authenticate, run, map errors. */
export function withApiUser(request: Request, fn: (actor: Actor, db: Db) => Promise<Response>): Promise<Response> {
  return apiResponse(async () => {
    const actor = await requireApiUser(request)
    return fn(actor, await getDb())
  })
}

/** The parsed JSON body of a request: 415 unless it is JSON, 413 when too large, 400 when malformed. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const mediaType = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (mediaType !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(mediaType)) {
    throw new ApiProblem(415, 'Send the body as JSON with "Content-Type: application/json".', { headers: { 'Accept-Post': 'application/json' } })
  }
  let text: string
  try {
    text = new TextDecoder().decode(await readBodyLimited(request, maxBodyBytes))
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiProblem(413, `The body is larger than ${maxBodyBytes} bytes.`)
    throw error
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new ApiProblem(400, `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { errors: [{ path: '$', message: 'Not valid JSON' }] })
  }
}

/** The optional `?asOf=YYYY-MM-DD` query parameter. */
export function asOfParameter(request: Request): string | undefined {
  const value = new URL(request.url).searchParams.get('asOf')
  if (value === null || value === '') return undefined
  if (!isIsoDate(value)) throw new ApiProblem(400, 'The query parameter asOf must be a calendar date, YYYY-MM-DD.', { errors: [{ path: 'asOf', message: 'Use a calendar date as YYYY-MM-DD' }] })
  return value
}

/** For methods a route does not serve. */
export function methodNotAllowed(allowed: string[]): Response {
  return problemResponse(405, `Use ${allowed.join(' or ')}.`, { headers: { Allow: allowed.join(', ') } })
}
