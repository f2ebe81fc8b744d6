import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The cookie that ties a browser to the form tokens its pages carry (host-only, HttpOnly). */
export const FORM_COOKIE = 'casetrail_form'

/** A fresh value for the form cookie: 32 random bytes. */
export const newFormCookie = (): string => randomBytes(32).toString('base64url')

/**
 * The form token a page of a portal carries for the browser holding `cookie`:
 * an HMAC of the cookie with the portal's own site secret. A page on another
 * origin can neither read the cookie nor the token, so it cannot post a form
 * that passes (issue 20 item 7: login CSRF).
 */
export const formTokenFor = (siteSecret: string, portalId: string, cookie: string): string =>
  createHmac('sha256', siteSecret).update(`form.${portalId}.${cookie}`).digest('base64url')

/** Whether a posted token is the one this browser's cookie was given, compared in constant time. */
export function formTokenValid(
  siteSecret: string,
  portalId: string,
  cookie: string | undefined,
  token: string | undefined,
): boolean {
  if (!cookie || !token || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) return false
  const expected = Buffer.from(formTokenFor(siteSecret, portalId, cookie))
  const given = Buffer.from(token)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
