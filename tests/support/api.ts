// Calls the API's route modules in-process, dispatching real Request objects through the route
// table of app/routes.ts exactly as React Router matches them (loader for GET, action otherwise).
import { matchPath } from 'react-router'
import routes from '#app/routes.ts'

interface ConfigEntry {
  path?: string
  file: string
  index?: boolean
  children?: ConfigEntry[]
}

export interface RouteEntry {
  /** Full path as in the config, e.g. `/api/v1/buildings/:buildingId`. */
  path: string
  file: string
}

export function flattenRoutes(entries: readonly ConfigEntry[] = routes as ConfigEntry[], parent = ''): RouteEntry[] {
  return entries.flatMap((entry) => {
    const path = entry.path ? `${parent}/${entry.path}` : parent
    const self = entry.path !== undefined || entry.index ? [{ path: path || '/', file: entry.file }] : []
    return [...self, ...(entry.children ? flattenRoutes(entry.children, path) : [])]
  })
}

type Handler = (args: { request: Request; params: Record<string, string | undefined>; context: unknown }) => Response | Promise<Response>
export interface RouteModule {
  loader?: Handler
  action?: Handler
}

const modules = import.meta.glob<RouteModule>('../../app/routes/api/*.ts', { eager: true })

export function routeModule(file: string): RouteModule | undefined {
  return modules[`../../app/${file}`]
}

/** The API routes, splats last (React Router ranks them below every other match). */
export const apiRoutes = flattenRoutes()
  .filter((r) => r.path.startsWith('/api/'))
  .sort((a, b) => Number(a.path.endsWith('*')) - Number(b.path.endsWith('*')))

export interface ApiCall {
  token?: string
  /** A value to send as JSON, or a raw string body. */
  body?: unknown
  contentType?: string
  headers?: Record<string, string>
}

export async function api(method: string, url: string, call: ApiCall = {}): Promise<Response> {
  const { pathname } = new URL(url, 'http://localhost')
  const match = apiRoutes.map((r) => ({ route: r, match: matchPath({ path: r.path, end: true }, pathname) })).find((m) => m.match)
  if (!match?.match) throw new Error(`no API route matches ${pathname}`)
  const module = routeModule(match.route.file)
  const handler = method === 'GET' || method === 'HEAD' ? module?.loader : module?.action
  if (!handler) throw new Error(`${match.route.file} has no ${method === 'GET' ? 'loader' : 'action'}`)
  const headers: Record<string, string> = { ...call.headers }
  if (call.token) headers.Authorization = `Bearer ${call.token}`
  let body: string | undefined
  if (call.body !== undefined) {
    body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body)
    headers['Content-Type'] = call.contentType ?? 'application/json'
  }
  const request = new Request(new URL(url, 'http://localhost'), { method, headers, ...(body !== undefined ? { body } : {}) })
  return handler({ request, params: match.match.params, context: {} })
}

/** The response body as parsed JSON, with its raw text (to search for leaks). */
export async function read<T = unknown>(response: Response): Promise<{ status: number; json: T; text: string; contentType: string | null }> {
  const text = await response.text()
  return { status: response.status, json: JSON.parse(text) as T, text, contentType: response.headers.get('Content-Type') }
}
