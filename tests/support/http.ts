import { inject } from 'vitest'

/** A logged-in HTTP client against the running app, keeping its session cookie like a browser. */
export async function loginAs(email: string, password: string = inject('e2eUsers').password ?? '') {
  const baseUrl = inject('baseUrl')
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  })
  if (res.status !== 302) throw new Error(`login as ${email} failed with ${res.status}`)
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('sl_session=')) ?? '').split(';')[0]!
  return {
    cookie,
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' }),
    post: (path: string, form: Record<string, string | string[]>) => {
      const body = new URLSearchParams()
      for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
      return fetch(`${baseUrl}${path}`, { method: 'POST', body, headers: { cookie }, redirect: 'manual' })
    },
  }
}
