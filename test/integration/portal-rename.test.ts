import { describe, expect, it } from 'vitest'
import { usePortalTestCore } from '../support/portal-fixtures.ts'

const t = usePortalTestCore()

describe('renaming a portal', () => {
  it('renames its site: the pages show the new name', async () => {
    const instanceId = (await t.createInstance({ name: 'Fabrikam' })).id
    const portal = await t.provisionAndWait(instanceId, { name: 'Fabrikam Help', subdomain: 'fabrikam' })
    const before = await (await t.site('fabrikam', '/')).text()
    expect(before).toContain('Fabrikam Help')

    const renamed = await t.admin('PATCH', `/v1/admin/portals/${portal.id}`, { name: 'Fabrikam Support' })
    expect(renamed.status).toBe(200)
    const after = await (await t.site('fabrikam', '/')).text()
    expect(after).toContain('Fabrikam Support')
    expect(after).not.toContain('Fabrikam Help')
  })
})
