import type { ComponentChildren } from 'preact'
import { ApiError } from '../api-client.ts'
import { type Messages, useT } from '../i18n.ts'
import { describeError } from './states.tsx'

/** Field-level errors of a form, by field name; `_form` holds what belongs to no field. */
export type FieldErrors = Record<string, string>

/**
 * Sorts an API error onto the form: to the field it names (mapped through
 * `aliases` when the API's field name differs from the form's), else to `_form`.
 */
export function errorsFrom(t: Messages, error: unknown, aliases: Record<string, string> = {}): FieldErrors {
  if (error instanceof ApiError && error.field && error.status !== 412) {
    const field = aliases[error.field] ?? error.field
    return { [field]: error.message }
  }
  return { _form: describeError(t, error) }
}

/**
 * A labelled control with its help and its error next to it: the control gets
 * `id`, `aria-describedby` and `aria-invalid` through `children(props)`.
 */
export function Field(props: {
  id: string
  label: ComponentChildren
  help?: ComponentChildren
  error?: string | undefined
  children: (control: {
    id: string
    'aria-describedby'?: string
    'aria-invalid'?: boolean
  }) => ComponentChildren
}) {
  const described = [props.help ? `${props.id}-help` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(props.error ? { 'aria-invalid': true } : {}),
      })}
      {props.help ? (
        <p class="help" id={`${props.id}-help`}>
          {props.help}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

/** The error that belongs to no field, above a form's buttons. */
export function FormError(props: { errors: FieldErrors }) {
  const t = useT()
  if (!props.errors._form) return null
  return (
    <p class="form-error" role="alert" tabIndex={-1}>
      <strong>{t.errorTitle}:</strong> {props.errors._form}
    </p>
  )
}
