import { Building2, FileSignature, LogOut, UserRound } from 'lucide-react'
import { Form, NavLink, Outlet, useLoaderData, useLocation } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { requireUser } from '#app/server/session.server.ts'
import type { Route } from './+types/app-layout'

export const meta: Route.MetaFunction = () => [{ title: 'Sharedline' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  return { user: { name: user.name, email: user.email, role: user.role } }
}

export default function AppLayout() {
  const { user } = useLoaderData<typeof loader>()
  const t = useT()
  const location = useLocation()
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm ${isActive ? 'bg-sky-100 text-sky-900' : 'text-slate-700 hover:bg-slate-100'}`
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t.t('nav.skip')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-2">
          <span className="font-semibold text-sky-800">{t.t('app.name')}</span>
          <nav className="flex gap-1" aria-label="Main">
            {user.role === 'tenant' ? (
              <NavLink to="/my" end className={navClass}>
                <Building2 size={16} aria-hidden="true" />
                {t.t('nav.my')}
              </NavLink>
            ) : null}
            {user.role === 'tenant' ? (
              <NavLink to="/my/requests" className={navClass}>
                <FileSignature size={16} aria-hidden="true" />
                {t.t('reqs.nav.myRequests')}
              </NavLink>
            ) : (
              <NavLink to="/buildings" className={navClass}>
                <Building2 size={16} aria-hidden="true" />
                {t.t('nav.buildings')}
              </NavLink>
            )}
            <NavLink to="/account" className={navClass}>
              <UserRound size={16} aria-hidden="true" />
              {t.t('nav.account')}
            </NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600">
              {user.name} · {t.t(`role.${user.role}`)}
            </span>
            <form method="post" action="/lang" className="flex items-center gap-1">
              <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
              <span className="sr-only">{t.t('lang.switch')}</span>
              <button name="locale" value="nl" aria-pressed={t.locale === 'nl'} className="rounded px-1.5 py-0.5 aria-pressed:bg-slate-200">
                NL
              </button>
              <button name="locale" value="en" aria-pressed={t.locale === 'en'} className="rounded px-1.5 py-0.5 aria-pressed:bg-slate-200">
                EN
              </button>
            </form>
            <Form method="post" action="/logout">
              <button className="inline-flex items-center gap-1 rounded px-2 py-1 text-slate-700 hover:bg-slate-100">
                <LogOut size={16} aria-hidden="true" />
                {t.t('nav.logout')}
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
    </>
  )
}
