import { describe, expect, it } from 'vitest'
import { ProviderButtons, renderConsentPage, renderOidcRefusal } from './oidc-pages.tsx'

const consent = (language: string, name = 'Ada Lovelace') =>
  renderConsentPage({
    language,
    portalName: 'Contoso Help',
    providerName: 'Contoso ID',
    pendingId: 'p1',
    name,
    email: 'ada@example.com',
  })

describe('the seed’s consent page', () => {
  it('says what is shared and offers Accept and Decline, in the site’s language', () => {
    for (const [language, accept, decline] of [
      ['en-US', 'Accept', 'Decline'],
      ['fr-FR', 'Accepter', 'Refuser'],
      ['de-DE', 'Zustimmen', 'Ablehnen'],
      ['es-ES', 'Aceptar', 'Rechazar'],
    ] as const) {
      const page = consent(language)
      expect(page.body).toContain(`lang="${language}"`)
      expect(page.body).toContain(`value="accept">${accept}</button>`)
      expect(page.body).toMatch(new RegExp(`value="decline"[^>]*>${decline}</button>`))
      expect(page.body).toContain('Ada Lovelace')
      expect(page.body).toContain('ada@example.com')
      expect(page.body).toContain('<input type="hidden" name="pending" value="p1">')
      expect(page.headers?.['Cache-Control']).toBe('no-store')
    }
  })

  it('escapes what the provider sends (a name is the provider’s user’s to choose)', () => {
    const page = consent('en-US', '<img src=x onerror=alert(1)>')
    expect(page.body).not.toContain('<img src=x')
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('says nobody is signed in: 200 when declined, 400 for a refused sign-in, 503 for a provider out of reach', () => {
    expect(
      renderOidcRefusal({ language: 'fr-FR', code: 'declined', providerName: 'X', signInPath: '/signin' }),
    ).toMatchObject({ status: 200 })
    expect(
      renderOidcRefusal({ language: 'de-DE', code: 'state_invalid', signInPath: '/signin' }).status,
    ).toBe(400)
    expect(
      renderOidcRefusal({ language: 'en-US', code: 'provider_unavailable', signInPath: '/signin' }).status,
    ).toBe(503)
  })

  it('links each provider’s button to the start of its sign-in, the next page kept', () => {
    const html = String(
      ProviderButtons({
        language: 'fr-FR',
        providers: [{ id: 'a b', name: 'Entra <ID>' }],
        next: '/support',
      }),
    )
    expect(html).toContain('href="/signin/oidc/start?provider=a%20b&amp;next=%2Fsupport"')
    expect(html).toContain('Se connecter avec Entra &lt;ID&gt;')
  })
})
