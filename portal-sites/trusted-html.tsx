/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'

/*
 * The only places a portal page writes HTML that is not escaped: each takes
 * text our own code wrote (a style sheet, a script) or turns a value into
 * something that cannot leave its element (JSON for a script). Everything
 * else a page shows goes through JSX, which escapes every interpolation.
 */

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>`, `&`
 * and the two line separators are written as escapes, so no value can close
 * the element.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

/** A value as `<script type="application/json">`, for a page's script to read (see {@link jsonForScript}). */
export const JsonScript = (props: { id: string; value: unknown }): JSX.Element => (
  <script
    type="application/json"
    id={props.id}
    dangerouslySetInnerHTML={{ __html: jsonForScript(props.value) }}
  />
)

/** A style sheet this code base wrote (a constant), as `<style>`: CSS must not be escaped as text. */
export const TrustedStyle = (props: { css: TrustedCss }): JSX.Element => (
  <style dangerouslySetInnerHTML={{ __html: props.css.css }} />
)

/** A script this code base wrote (a constant), as `<script>` with the page's CSP nonce. */
export const TrustedScript = (props: { code: TrustedCode; nonce?: string | undefined }): JSX.Element => (
  <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: props.code.code }} />
)

/** Only this file makes trusted values: a structural `{ css }` from elsewhere does not type-check. */
declare const trusted: unique symbol

/** CSS written in this code base; built only by {@link trustedCss} (or {@link accentCss}), never from a record. */
export interface TrustedCss {
  readonly css: string
  readonly [trusted]: 'css'
}
/** A script written in this code base; built only by {@link trustedCode}. */
export interface TrustedCode {
  readonly code: string
  readonly [trusted]: 'code'
}
/** Marks a constant style sheet of this code base as safe to write unescaped. */
export const trustedCss = (css: string): TrustedCss => ({ css }) as TrustedCss
/** Marks a constant script of this code base as safe to write unescaped. */
export const trustedCode = (code: string): TrustedCode => ({ code }) as TrustedCode

/**
 * The site's accent colour as CSS, or null: only a `#rgb`…`#rrggbbaa` value
 * becomes CSS (the setting is a record anyone with the site's settings can
 * write; `red;}</style>` is refused).
 */
export const accentCss = (accent: string): TrustedCss | null =>
  /^#[0-9a-fA-F]{3,8}$/.test(accent) ? trustedCss(`:root { --accent: ${accent}; }`) : null

/**
 * A void element as hono writes it (`<input …/>`). Its attributes hold no `<` or `>` (hono
 * escapes both in values), and no text or script of a page holds `<input …/>` unescaped, so
 * this finds the element closers alone.
 */
const VOID_ELEMENT = /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)((?:\s[^<>]*)?)\/>/g

/**
 * A whole HTML document from its `<html>` element, void elements written as HTML writes them
 * (`<br>`, `<input …>`): the pages read as they did when they were strings.
 */
export const htmlDocument = (html: JSX.Element): string =>
  `<!doctype html>\n${String(html).replace(VOID_ELEMENT, '<$1$2>')}\n`
