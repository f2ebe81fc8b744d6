/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx'
import type { JSX } from 'hono/jsx/jsx-runtime'

/**
 * A form that posts, with the browser's form token as its first field (issue 20 item 7: a page
 * on another origin cannot post a form that passes). `token` is required, so no page writes a
 * posting form without deciding on it; undefined writes none (no form cookie, e.g. a checker's
 * render).
 */
export const PostForm = (props: {
  action: string
  token: string | undefined
  class?: string
  children?: Child
}): JSX.Element => (
  <form class={props.class} method="post" action={props.action}>
    {props.token === undefined ? null : <input type="hidden" name="csrf" value={props.token} />}
    {props.children}
  </form>
)
