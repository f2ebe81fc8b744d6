import type { CheckDefinition } from '../check-types.ts'
import { defaultRecord, loadSite } from '../site-fixes.ts'
import { type Said, findings, say } from '../check-text.ts'

/** Startup: the website record exists, and the portal's host still leads to this portal. */
export const websiteBindingCheck: CheckDefinition = {
  id: 'startup-website-binding',
  issue: 'The website record is missing, or the portal address is not bound to this portal',
  category: 'Startup',
  reads: ['site record website/website', 'subdomain claim of the portal address'],
  mitigation:
    'Restore the website record from Portal Base (PUT /v1/admin/portals/{portalId}/site/records/website/website), and make sure no other portal holds this subdomain.',
  actions: [
    {
      id: 'restore-website-binding',
      label: 'Restore the website record and bind the portal address',
      changes: 'portal',
      async run(ctx) {
        const done: Said[] = []
        const site = await loadSite(ctx)
        if (!site.website) {
          const record = defaultRecord(ctx.portal, 'website', 'website')
          if (record) {
            await ctx.deps.siteRecords.put(ctx.portal.id, [record])
            done.push(say`restored the website record`)
          }
        }
        const claim = await ctx.deps.store.subdomains.get(ctx.portal.subdomain)
        if (!claim && ctx.portal.status === 'provisioned') {
          await ctx.deps.store.claimSubdomain(ctx.portal.subdomain, ctx.portal.id, 'allocated', ctx.now())
          done.push(say`bound ${ctx.portal.subdomain} to the portal`)
        } else if (claim && claim.portalId !== ctx.portal.id) {
          done.push(say`left ${ctx.portal.subdomain} alone: portal ${claim.portalId} holds it`)
        }
        return {
          changed: done.some((d) => !d.text.startsWith('left')),
          details: done.length > 0 ? findings(done) : say`nothing to fix`,
        }
      },
    },
  ],
  async run(ctx) {
    const problems: Said[] = []
    if (!ctx.site.website) problems.push(say`the site has no website record`)
    if (ctx.subdomainOwner === null) problems.push(say`no portal is bound to the address ${ctx.url}`)
    else if (ctx.subdomainOwner !== ctx.portal.id)
      problems.push(say`the address ${ctx.url} is bound to another portal (${ctx.subdomainOwner})`)
    if (problems.length === 0)
      return { result: 'pass', details: say`website "${ctx.site.website!.name}" answers at ${ctx.url}` }
    return { result: 'error', details: findings(problems), action: 'restore-website-binding' }
  },
}
