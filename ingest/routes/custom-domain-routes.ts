import { Hono } from 'hono'
import type { Context } from 'hono'
import {
  type CertificateUpload,
  type Core,
  DomainError,
  isDomainError,
  uploadFromJson,
} from '../../core/index.ts'
import {
  API,
  MAX_PFX_BYTES,
  type UploadCertificateInput,
  uploadCertificateSchema,
} from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RecordLocks, versioned } from '../middleware/if-match.ts'
import { readJsonBody, validateRoute as v } from '../middleware/validate-route.ts'

/**
 * Reads a certificate upload: JSON (`pfx` base64, `password`, `name`) or
 * `multipart/form-data` (`pfx` the file, `password`, `name`), as a browser's
 * upload button or `curl -F pfx=@site.pfx` sends it.
 */
async function readUpload(c: Context): Promise<CertificateUpload> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'multipart/form-data') {
    const body: UploadCertificateInput = await readJsonBody(c, uploadCertificateSchema)
    return uploadFromJson(body)
  }
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
export function customDomainRoutes(deps: { core: Pick<Core, 'domains'>; locks: RecordLocks }) {
  const domains = deps.core.domains
  const app = new Hono<AppEnv>()
  // The binding is versioned; binding where there is none has no version to match (If-Match then answers 412).
  const bindingVersion = versioned({
    locks: deps.locks,
    record: (c) => `custom-domain:${c.req.param('portalId')}`,
    current: (c) =>
      domains.binding(c.get('principal'), c.req.param('portalId')!).catch((err: unknown) => {
        if (isDomainError(err) && err.code === 'custom_domain_not_configured') return null
        throw err
      }),
  })

  app.get('/:portalId/custom-domain/certificates', v(API.listPortalCertificates), async (c) =>
    c.json({ certificates: await domains.certificatesFor(c.get('principal'), c.req.param('portalId')) }),
  )
  app.post('/:portalId/custom-domain/certificates', v(API.uploadCertificate), async (c) => {
    const upload = await readUpload(c)
    return c.json(await domains.uploadCertificate(c.get('principal'), c.req.param('portalId'), upload), 201)
  })
  app.get('/:portalId/custom-domain/host-names', v(API.listHostNames), async (c) =>
    c.json({ hostNames: await domains.hostNames(c.get('principal'), c.req.param('portalId')) }),
  )
  app.post('/:portalId/custom-domain/host-names', v(API.addHostName), async (c) => {
    const { hostName } = c.var.input.body
    return c.json(await domains.addHostName(c.get('principal'), c.req.param('portalId'), hostName), 201)
  })
  app.post('/:portalId/custom-domain/review', v(API.reviewCustomDomain), async (c) => {
    const body = c.var.input.body
    return c.json(await domains.review(c.get('principal'), c.req.param('portalId'), body))
  })
  app.get('/:portalId/custom-domain', v(API.getCustomDomain), bindingVersion, async (c) =>
    c.json(await domains.binding(c.get('principal'), c.req.param('portalId'))),
  )
  app.put('/:portalId/custom-domain', v(API.bindCustomDomain), bindingVersion, async (c) => {
    const body = c.var.input.body
    return c.json(await domains.bind(c.get('principal'), c.req.param('portalId'), body), 201)
  })
  app.delete('/:portalId/custom-domain', v(API.unbindCustomDomain), bindingVersion, async (c) => {
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
  app.get('/certificates', v(API.listCertificates), async (c) =>
    c.json({ certificates: await tenant.certificates(c.get('principal')) }),
  )
  app.get('/certificates/:certificateId', v(API.getCertificate), async (c) =>
    c.json(await tenant.certificate(c.get('principal'), c.req.param('certificateId'))),
  )
  app.delete('/certificates/:certificateId', v(API.deleteCertificate), async (c) => {
    await tenant.removeCertificate(c.get('principal'), c.req.param('certificateId'))
    return c.body(null, 204)
  })
  app.delete('/host-names/:hostName', v(API.deleteHostName), async (c) => {
    await tenant.removeHostName(c.get('principal'), c.req.param('hostName'))
    return c.body(null, 204)
  })
  return app
}
