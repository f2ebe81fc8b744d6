/** @jsxImportSource hono/jsx */
import {
  HTML,
  type NoticeKind,
  type NoticeOptions,
  type SiteResponse,
  fill,
  siteContentFor,
} from '../core/index.ts'
import { TrustedStyle, htmlDocument, trustedCss } from './trusted-html.tsx'

/** Each notice's status code. */
const NOTICE_STATUS: Readonly<Record<NoticeKind, number>> = {
  getting_set_up: 503,
  no_portal: 404,
  offline: 503,
  ip_restricted: 403,
  administration_mode: 503,
  form_too_large: 413,
  form_expired: 403,
  too_many_requests: 429,
}

const NOTICE_STYLE = trustedCss(
  'body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f8fa}.notice{max-width:560px;margin:15vh auto;text-align:center;padding:0 20px}.spinner{width:36px;height:36px;margin:0 auto 20px;border:4px solid #dde2e8;border-top-color:#2266e3;border-radius:50%;animation:spin 1s linear infinite}@keyframes spin{to{transform:rotate(360deg)}}',
)

/**
 * A plain page for a portal host whose site cannot be shown: "Getting set
 * up", no portal at all, the portal turned off ("offline"), a visitor its IP
 * restrictions keep out, administration mode, or a form post larger than the
 * site reads (413, naming the limit: `limitBytes`).
 */
export function renderNotice(options: NoticeOptions): SiteResponse {
  const c = siteContentFor(options.language)
  const texts: Record<NoticeKind, [string, string]> = {
    getting_set_up: [c.ui.gettingSetUpTitle, c.ui.gettingSetUpCopy],
    no_portal: [c.ui.noPortalTitle, c.ui.noPortalCopy],
    offline: [c.ui.offlineTitle, c.ui.offlineCopy],
    ip_restricted: [c.ui.restrictedTitle, c.ui.restrictedCopy],
    administration_mode: [c.ui.maintenanceTitle, c.ui.maintenanceCopy],
    form_too_large: [
      c.ui.formTooLargeTitle,
      fill(c.ui.formTooLargeCopy, { limit: `${Math.floor((options.limitBytes ?? 0) / 1024)} KiB` }),
    ],
    form_expired: [c.ui.formExpiredTitle, c.ui.formExpiredCopy],
    too_many_requests: [
      c.ui.tooManyRequestsTitle,
      fill(c.ui.tooManyRequestsCopy, { seconds: String(options.retryAfterSeconds ?? 60) }),
    ],
  }
  const [title, copy] = texts[options.kind]
  const body = htmlDocument(
    <html lang={c.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {'\n'}
        <TrustedStyle css={NOTICE_STYLE} />
        {'\n'}
        <link rel="icon" href="data:," />
      </head>
      <body>
        <div class="notice" data-notice={options.kind}>
          {options.kind === 'getting_set_up' ? <div class="spinner" /> : null}
          <h1>{title}</h1>
          <p>{copy}</p>
          {options.portalName ? (
            <p>
              <small>{options.portalName}</small>
            </p>
          ) : null}
        </div>
      </body>
    </html>,
  )
  return {
    status: NOTICE_STATUS[options.kind],
    contentType: HTML,
    body,
    headers:
      options.kind === 'getting_set_up'
        ? { 'Retry-After': '30', 'Cache-Control': 'no-store' }
        : options.kind === 'too_many_requests'
          ? { 'Retry-After': String(options.retryAfterSeconds ?? 60), 'Cache-Control': 'no-store' }
          : options.kind === 'no_portal'
            ? {}
            : { 'Cache-Control': 'no-store' },
  }
}
