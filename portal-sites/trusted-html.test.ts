import { jsx } from 'hono/jsx'
import { describe, expect, it } from 'vitest'
import {
  JsonScript,
  htmlDocument,
  TrustedScript,
  TrustedStyle,
  accentCss,
  jsonForScript,
  trustedCode,
  trustedCss,
} from './trusted-html.tsx'

describe('the raw HTML a portal page writes on purpose', () => {
  it('writes JSON for a script that no value can close, and that reads back the same', () => {
    const value = { a: '</script><script>alert(1)</script>', b: '<!--', c: '&amp;', d: '\u2028\u2029' }
    const html = String(JsonScript({ id: 'cfg', value }))
    expect(html.startsWith('<script type="application/json" id="cfg">')).toBe(true)
    expect(html.match(/<\/script>/g)).toHaveLength(1)
    expect(html).not.toContain('<!--')
    expect(JSON.parse(html.slice(html.indexOf('>') + 1, html.lastIndexOf('</script>')))).toEqual(value)
    expect(jsonForScript('\u2028')).toBe('"\\u2028"')
  })

  it('writes its own CSS and scripts as they are, with the nonce escaped like any attribute', () => {
    expect(String(TrustedStyle({ css: trustedCss('a>b[x="1"]{}') }))).toBe('<style>a>b[x="1"]{}</style>')
    expect(String(TrustedScript({ code: trustedCode('if (a < b && c) {}'), nonce: 'n"1' }))).toBe(
      '<script nonce="n&quot;1">if (a < b && c) {}</script>',
    )
  })

  it('takes only a hex colour as the accent', () => {
    expect(accentCss('#aa3300')?.css).toBe(':root { --accent: #aa3300; }')
    expect(accentCss('red;}</style><script>alert(1)</script>')).toBeNull()
    expect(accentCss('')).toBeNull()
  })

  it('writes void elements as HTML does, and leaves text and values that look like one escaped', () => {
    const page = jsx(
      'html',
      { lang: 'en' },
      jsx('body', {}, jsx('input', { value: '<br/>' }), jsx('p', {}, 'a <br/> b')),
    )
    expect(htmlDocument(page as unknown as Parameters<typeof htmlDocument>[0])).toBe(
      '<!doctype html>\n<html lang="en"><body><input value="&lt;br/&gt;"><p>a &lt;br/&gt; b</p></body></html>\n',
    )
  })
})
