/**
 * The console: sign in, then the admin centre's pages under one header that
 * says who you are and offers only the pages your roles may use. Pages load
 * as chunks the first time they open.
 */
import type { VNode } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, createApiClient } from './api-client.ts'
import { type Role, type User, canReadAudit, isTenantAdmin } from './api-types.ts'
import { type AppSession, SessionContext } from './app-context.ts'
import { ConfirmProvider } from './components/confirm.tsx'
import { LanguagePick } from './components/language-pick.tsx'
import { ErrorState, Loading } from './components/states.tsx'
import {
  type Lang,
  LangContext,
  type Messages,
  initialLang,
  loadMessages,
  messagesFor,
  formatList,
  saveLang,
  useLang,
  useT,
} from './i18n.ts'
import {
  BASE,
  type NavId,
  type PageModule,
  ROUTES,
  type Route,
  match,
  navigate,
  onLinkClick,
  useLocation,
} from './router.ts'
import { clearToken, readToken, saveToken } from './session.ts'
import { SignIn } from './sign-in.tsx'

/** Which nav entries a user's roles may use (the API still decides every request). */
function navFor(me: User): NavId[] {
  const tenant = isTenantAdmin(me)
  const instanceAdmin = me.roles.some((r) => r.role === 'system_administrator')
  return [
    'applications',
    ...(tenant ? (['hubs', 'journey', 'cases', 'insights'] as const) : []),
    ...(canReadAudit(me) ? (['audit'] as const) : []),
    ...(tenant || instanceAdmin ? (['tenancy'] as const) : []),
  ]
}

function LazyPage(props: { route: Route; params: Record<string, string>; search: URLSearchParams }) {
  const [loaded, setLoaded] = useState<
    { route: Route; module: PageModule } | { route: Route; error: unknown } | null
  >(null)
  useEffect(() => {
    let live = true
    props.route.load().then(
      (module) => live && setLoaded({ route: props.route, module }),
      (error: unknown) => live && setLoaded({ route: props.route, error }),
    )
    return () => {
      live = false
    }
  }, [props.route])
  if (!loaded || loaded.route !== props.route) return <Loading />
  if ('error' in loaded) return <ErrorState error={loaded.error} onRetry={() => location.reload()} />
  const { Page } = loaded.module
  return <Page params={props.params} search={props.search} />
}

function roleLabel(t: ReturnType<typeof useT>, role: Role, instanceNames: Record<string, string>): string {
  const name = t.roleNames[role.role] ?? role.role
  return 'instanceId' in role
    ? `${name} ${t.ofInstance(instanceNames[role.instanceId] ?? role.instanceId)}`
    : name
}

function Shell(props: { session: AppSession; lang: Lang; setLang: (lang: Lang) => void }) {
  const t = useT()
  const shownLang = useLang()
  const { path, search } = useLocation()
  const { me, instanceNames } = props.session
  const allowed = navFor(me)
  const main = useRef<HTMLElement>(null)
  const found = useMemo(() => {
    for (const route of ROUTES) {
      const params = match(route.pattern, path)
      if (params) return { route, params }
    }
    return null
  }, [path])
  useEffect(() => {
    if (path === '/' || !found) navigate('/portals', { replace: true })
  }, [path, found])
  useEffect(() => {
    document.addEventListener('click', onLinkClick)
    return () => document.removeEventListener('click', onLinkClick)
  }, [])
  const [menuOpen, setMenuOpen] = useState(false)
  const menuButton = useRef<HTMLButtonElement>(null)
  // A link followed from the menu closes it: the page is what the admin asked for.
  useEffect(() => setMenuOpen(false), [path])
  useEffect(() => {
    if (!menuOpen) return
    // Escape closes the open menu and gives the focus back to its button, as a disclosure does.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setMenuOpen(false)
      menuButton.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [menuOpen])
  const first = useRef(true)
  useEffect(() => {
    // After a navigation, screen readers and keyboards start at the new page.
    if (first.current) first.current = false
    else main.current?.focus()
  }, [path])
  const navItems: Array<[NavId, string, string]> = [
    ['applications', t.navApplications, '/portals'],
    ['hubs', t.navHubs, '/hubs'],
    ['journey', t.navJourney, '/journey'],
    ['cases', t.navCases, '/cases'],
    ['insights', t.navInsights, '/insights'],
    ['audit', t.navAudit, '/audit'],
    ['tenancy', t.navTenancy, '/tenancy'],
  ]
  return (
    <div class={menuOpen ? 'shell menu-open' : 'shell'}>
      <a class="skip" href="#main">
        {t.skipToContent}
      </a>
      <header class="topbar">
        <span class="brand">{t.appName}</span>
        {/* Below 900 px the navigation and the tools fold into this disclosure (CSS shows it there only). */}
        <button
          type="button"
          class="button button-quiet menu-button"
          ref={menuButton}
          aria-expanded={menuOpen}
          aria-controls="nav-menu topbar-tools"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> {t.menu}
        </button>
        <div class="topbar-tools" id="topbar-tools">
          <div class="who">
            <span class="who-name">{t.signedInAs(me.name)}</span>
            <span class="who-roles">
              {t.labelled(t.roles)}{' '}
              {me.roles.length === 0
                ? t.noRoles
                : formatList(
                    shownLang,
                    me.roles.map((r) => roleLabel(t, r, instanceNames)),
                  )}
            </span>
          </div>
          <LanguagePick lang={props.lang} setLang={props.setLang} />
          <button type="button" class="button button-quiet" onClick={() => void props.session.signOut()}>
            {t.signOut}
          </button>
        </div>
      </header>
      <nav class="nav" id="nav-menu" aria-label={t.navLabel}>
        <ul>
          {navItems
            .filter(([id]) => allowed.includes(id) && ROUTES.some((r) => r.nav === id))
            .map(([id, label, href]) => (
              <li key={id}>
                <a href={`${BASE}${href}`} aria-current={found?.route.nav === id ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {found && allowed.includes(found.route.nav) ? (
          <LazyPage route={found.route} params={found.params} search={search} />
        ) : found ? (
          <ErrorState error={new Error(t.notAllowed)} />
        ) : (
          <Loading />
        )}
      </main>
    </div>
  )
}

/** The whole console. */
export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang)
  const [token, setToken] = useState<string | null>(readToken)
  const [me, setMe] = useState<{ user: User; instanceNames: Record<string, string> } | null>(null)
  const [failure, setFailure] = useState<{ error: unknown; ended: boolean } | null>(null)
  // The words of the language shown: the previous language's stay until the next catalogue is here.
  const [shown, setShown] = useState<{ lang: Lang; t: Messages } | null>(() => {
    const t = messagesFor(lang)
    return t ? { lang, t } : null
  })
  useEffect(() => {
    let live = true
    loadMessages(lang).then(
      (t) => live && setShown({ lang, t }),
      // A catalogue that cannot be fetched (offline): English rather than nothing.
      () => live && setShown({ lang: 'en', t: messagesFor('en')! }),
    )
    return () => {
      live = false
    }
  }, [lang])
  const t = shown?.t ?? messagesFor('en')!
  const setLang = (next: Lang) => {
    saveLang(next)
    setLangState(next)
  }
  useEffect(() => {
    if (shown) document.documentElement.lang = shown.lang
  }, [shown])
  const signOut = async () => {
    // The session ends on the server first (its token stops working everywhere); the tab
    // forgets it whatever the answer, so sign-out works offline too.
    await api.call('endAdminSession').catch(() => undefined)
    clearToken()
    setToken(null)
    setMe(null)
  }
  const api = useMemo(
    () =>
      createApiClient({
        token: readToken,
        onUnauthenticated: () => {
          clearToken()
          setToken(null)
          setMe(null)
          setFailure({ error: null, ended: true })
        },
      }),
    [],
  )
  useEffect(() => {
    if (!token) return
    let live = true
    setFailure(null)
    api
      .get<User>('/v1/admin/users/me')
      .then(async (user) => {
        let instanceNames: Record<string, string> = {}
        try {
          const { instances } = await api.call('listInstances')
          instanceNames = Object.fromEntries(instances.map((i) => [i.id, i.name]))
        } catch {
          // not everyone may list instances: roles then show the instance id
        }
        if (live) setMe({ user, instanceNames })
      })
      .catch((error: unknown) => {
        if (live && !(error instanceof ApiError && error.status === 401)) setFailure({ error, ended: false })
      })
    return () => {
      live = false
    }
  }, [token, api])

  let body: VNode
  if (!token) {
    body = (
      <SignIn
        lang={lang}
        setLang={setLang}
        notice={failure?.ended ? t.sessionEnded : null}
        onToken={(value) => {
          saveToken(value)
          setToken(value)
        }}
        api={api}
      />
    )
  } else if (failure) {
    body = (
      <main id="main" class="center">
        <ErrorState error={failure.error} onRetry={() => location.reload()} />
      </main>
    )
  } else if (!me) {
    body = (
      <main id="main" class="center">
        <Loading />
      </main>
    )
  } else {
    body = (
      <SessionContext.Provider value={{ api, me: me.user, instanceNames: me.instanceNames, signOut }}>
        <Shell
          session={{ api, me: me.user, instanceNames: me.instanceNames, signOut }}
          lang={lang}
          setLang={setLang}
        />
      </SessionContext.Provider>
    )
  }
  if (!shown) return null
  return (
    <LangContext.Provider value={{ lang: shown.lang, t }}>
      <ConfirmProvider>{body}</ConfirmProvider>
    </LangContext.Provider>
  )
}
