/**
 * A browser's cookies by name, kept from answers' Set-Cookie headers as a
 * browser keeps them: a cookie set empty or with Max-Age=0 is dropped.
 */
export class CookieJar extends Map<string, string> {
  /** The Cookie header a browser sends with them. */
  header(): string {
    return [...this].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Keeps what `res` sets and clears; answers `res`. */
  keep(res: Response): Response {
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const i = pair!.indexOf('=')
      const [name, value] = [pair!.slice(0, i), pair!.slice(i + 1)]
      if (value === '' || /max-age=0/i.test(set)) this.delete(name)
      else this.set(name, value)
    }
    return res
  }
}
