import { Hono } from 'hono'
import type { Context } from 'hono'
import { type CertificateUpload, type Core, DomainError, uploadFromJson } from '../../core/index.ts'
import {
  MAX_PFX_BYTES,
  addHostNameSchema,
  customDomainRequestSchema,
  uploadCertificateSchema,
} from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { parseJsonBody } from '../parse-json-body.ts'

/**
 * Reads a certificate upload: JSON (`pfx` base64, `password`, `name`) or
 * `multipart/form-data` (`pfx` the file, `password`, `name`), as a browser's
 * upload button or `curl -F pfx=@site.pfx` sends it.
 */
async function readUpload(c: Context<AppEnv>): Promise<CertificateUpload> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'multipart/form-data') return uploadFromJson(await parseJsonBody(c, uploadCertificateSchema))
  const length = Number(c.req.header('content-length') ?? '0')
  if (length > MAX_PFX_BYTES * 2) {
    throw new DomainError(
      'too_large',
      'body_too_large',
      `the upload is larger than ${MAX_PFX_BYTES * 2} bytes`,
    )
  }
  const form = await c.req.parseBody()
  const file = form.pfx
  if (!(file instanceof File)) {
    throw new DomainError(
      'invalid',
      'required',
      'pfx must be the .pfx file (a form field of type file)',
      'pfx',
    )
  }
  const password = form.password
  if (typeof password !== 'string') {
    throw new DomainError(
      'invalid',
      'required',
      'password must be given (empty when the file has none)',
      'password',
    )
  }
  const name =
    typeof form.name === 'string' && form.name.trim() !== '' ? form.name.trim().slice(0, 200) : undefined
  return { pfx: Buffer.from(await file.arrayBuffer()), password, name }
}

/**
 * The "Add a Custom Domain Name" wizard under
 * `/v1/admin/portals/{portalId}/custom-domain`: certificates (upload a new
 * one or list those uploaded), host names (add a new one or list them),
 * review, create the binding, read it, remove it. Every call needs the
 * seed's manage permission on the portal.
 */
export function customDomainRoutes(deps: { core: Pick<Core, 'domains'> }) {
  const domains = deps.core.domains
  const app = new Hono<AppEnv>()

  app.get('/:portalId/custom-domain/certificates', async (c) =>
    c.json({ certificates: await domains.certificatesFor(c.get('principal'), c.req.param('portalId')) }),
  )
  app.post('/:portalId/custom-domain/certificates', async (c) => {
    const upload = await readUpload(c)
    return c.json(await domains.uploadCertificate(c.get('principal'), c.req.param('portalId'), upload), 201)
  })
  app.get('/:portalId/custom-domain/host-names', async (c) =>
    c.json({ hostNames: await domains.hostNames(c.get('principal'), c.req.param('portalId')) }),
  )
  app.post('/:portalId/custom-domain/host-names', async (c) => {
    const { hostName } = await parseJsonBody(c, addHostNameSchema)
    return c.json(await domains.addHostName(c.get('principal'), c.req.param('portalId'), hostName), 201)
  })
  app.post('/:portalId/custom-domain/review', async (c) => {
    const body = await parseJsonBody(c, customDomainRequestSchema)
    return c.json(await domains.review(c.get('principal'), c.req.param('portalId'), body))
  })
  app.get('/:portalId/custom-domain', async (c) =>
    c.json(await domains.binding(c.get('principal'), c.req.param('portalId'))),
  )
  app.put('/:portalId/custom-domain', async (c) => {
    const body = await parseJsonBody(c, customDomainRequestSchema)
    return c.json(await domains.bind(c.get('principal'), c.req.param('portalId'), body), 201)
  })
  app.delete('/:portalId/custom-domain', async (c) => {
    await domains.unbind(c.get('principal'), c.req.param('portalId'))
    return c.body(null, 204)
  })
  return app
}

/**
 * The tenant's certificates and host names, under `/v1/admin`, for Global
 * and Service Administrators: list and read certificates, remove one no
 * binding uses, remove a host name no portal is bound to.
 */
export function tenantDomainRoutes(deps: { core: Pick<Core, 'domains'> }) {
  const tenant = deps.core.domains.tenant
  const app = new Hono<AppEnv>()
  app.get('/certificates', async (c) =>
    c.json({ certificates: await tenant.certificates(c.get('principal')) }),
  )
  app.get('/certificates/:certificateId', async (c) =>
    c.json(await tenant.certificate(c.get('principal'), c.req.param('certificateId'))),
  )
  app.delete('/certificates/:certificateId', async (c) => {
    await tenant.removeCertificate(c.get('principal'), c.req.param('certificateId'))
    return c.body(null, 204)
  })
  app.delete('/host-names/:hostName', async (c) => {
    await tenant.removeHostName(c.get('principal'), c.req.param('hostName'))
    return c.body(null, 204)
  })
  return app
}
