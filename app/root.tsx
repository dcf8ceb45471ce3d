import { data, isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/root'
import './app.css'
import { createTranslator } from './i18n/index.ts'
import { getLocale } from './server/i18n.server.ts'
import { getOptionalUser } from './server/session.server.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Sharedline' }]

export async function loader({ request }: Route.LoaderArgs) {
  const [locale, user] = await Promise.all([getLocale(request), getOptionalUser(request)])
  return data({ locale, user: user ? { name: user.name, email: user.email, role: user.role } : null })
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang={root?.locale ?? 'nl'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const root = useRouteLoaderData<typeof loader>('root')
  const t = createTranslator(root?.locale ?? 'nl')
  let title = t.t('error.generic')
  let body = t.t('error.genericBody')
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t.t('error.notFound')
      body = t.t('error.notFoundBody')
    } else if (error.status === 403) {
      title = t.t('error.forbidden')
      body = t.t('error.forbiddenBody')
    }
  }
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-700">{body}</p>
      <p className="mt-4">
        <a href="/" className="text-sky-700 underline">
          Sharedline
        </a>
      </p>
    </main>
  )
}
