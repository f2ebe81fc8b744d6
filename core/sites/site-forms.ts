import type { FormLimitName } from './form-limits.ts'
import { ideasPagePath, supportPagePath } from './site-paths.ts'
import { type SitePortal, refusal } from './site-portal.ts'
import type { Site } from './site-repository.ts'
import {
  type OpenCaseOutcome,
  type SiteContext,
  type SiteRequest,
  pagePathOf,
  signInFirst,
} from './site-context.ts'

/** A signed-in visitor: their contact and session. */
type Visitor = NonNullable<Awaited<ReturnType<SiteContext['readSession']>>>

// The forms a signed-in contact posts to a portal's pages: a case from the
// Support page, an idea or a vote from the Ideas page.

/** The Support and Ideas pages' forms; see {@link createSiteService}. */
export function createSiteForms(site: SiteContext) {
  const { deps, limits, readSession, formOk, spend, render } = site

  /**
   * What every such form starts with: the portal, the site, the page's path and
   * the signed-in visitor, once the form's token and allowance are spent; or
   * what to answer instead (null: not this page, so the caller handles it).
   */
  const signedInPost = async (
    req: SiteRequest,
    serves: (portal: SitePortal) => boolean,
    pathOf: (site: Site) => string | null,
    limit: FormLimitName,
  ): Promise<
    | { answer: OpenCaseOutcome | null }
    | { portal: SitePortal; site: Site; pagePath: string; visitor: Visitor; limitKey: string }
  > => {
    const portal = await deps.resolve(req.subdomain)
    if (!portal?.ready || !serves(portal) || refusal(deps.pages, portal, req.clientIp ?? null))
      return { answer: null }
    const loaded = await deps.repository.load(portal.id)
    const pagePath = pathOf(loaded)
    if (pagePath === null || pagePathOf(req.path) !== pagePath) return { answer: null }
    const visitor = await readSession(portal, req.session)
    if (!visitor) return { answer: signInFirst(loaded, pagePath) }
    if (!formOk(portal, req)) return { answer: { kind: 'form_expired', language: portal.language } }
    const limitKey = `${portal.id} ${visitor.contact.crmrecordid}`
    const limited = spend(portal, limit, limitKey)
    if (limited) return { answer: limited }
    return { portal, site: loaded, pagePath, visitor, limitKey }
  }

  return {
    /**
     * Opens a case from the form posted to a portal's Support page, for the
     * signed-in contact. Null when the request is not that (another path, or a
     * portal without case management), so the caller handles it otherwise.
     * A visitor who is not signed in goes to the sign-in page first; a form
     * with problems comes back as the page (400) with each field's message.
     */
    async openCase(req: SiteRequest & { form: Record<string, string> }): Promise<OpenCaseOutcome | null> {
      const cases = deps.cases
      if (!cases) return null
      const post = await signedInPost(req, (portal) => portal.caseManagement, supportPagePath, 'case')
      if ('answer' in post) return post.answer
      const { portal, site, pagePath: supportPath, visitor, limitKey } = post
      const input = {
        title: req.form.title ?? '',
        description: req.form.description ?? '',
        ...(req.form.category ? { category: req.form.category } : {}),
      }
      const result = await cases.open(portal, visitor.contact.crmrecordid, input)
      // A case refused for its content opened nothing: it does not count.
      if (!result.ok) limits.refund('case', limitKey)
      if (result.ok) {
        return {
          kind: 'redirect',
          location: `${supportPath}?opened=${encodeURIComponent(result.case.caseNumber)}`,
        }
      }
      const page = await render(portal, site, { ...req, path: supportPath, query: {} }, visitor, {
        values: input,
        errors: result.errors,
      })
      return { kind: 'page', page: { ...page, status: 400 } }
    },

    /**
     * Takes a form posted to a portal's Ideas page from the signed-in contact:
     * `intent=submit` suggests an idea (`title`, `description`), `intent=vote`
     * casts or takes back their vote for `idea`. Null when the request is not
     * that (another path, no Ideas page), so the caller handles it otherwise. A
     * visitor who is not signed in goes to the sign-in page first; an idea
     * with problems comes back as the page (400) with each field's message.
     */
    async postIdea(req: SiteRequest & { form: Record<string, string> }): Promise<OpenCaseOutcome | null> {
      const ideas = deps.ideas
      if (!ideas) return null
      const post = await signedInPost(req, () => true, ideasPagePath, 'idea')
      if ('answer' in post) return post.answer
      const { portal, site, pagePath: ideasPath, visitor, limitKey } = post
      const contact = visitor.contact
      if (req.form.intent === 'vote') {
        // An unknown idea changes nothing: back to the list, as after any vote.
        await ideas.vote(portal.id, contact.crmrecordid, req.form.idea ?? '')
        return { kind: 'redirect', location: ideasPath }
      }
      const input = { title: req.form.title ?? '', description: req.form.description ?? '' }
      const result = await ideas.submit(portal.id, { id: contact.crmrecordid, name: contact.name }, input)
      if (!result.ok) limits.refund('idea', limitKey)
      if (result.ok) return { kind: 'redirect', location: `${ideasPath}?submitted=${result.id}` }
      const page = await render(portal, site, { ...req, path: ideasPath, query: {} }, visitor, undefined, {
        values: input,
        errors: result.errors,
      })
      return { kind: 'page', page: { ...page, status: 400 } }
    },
  }
}
