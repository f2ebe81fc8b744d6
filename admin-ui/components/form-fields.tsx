import type { ComponentChildren } from 'preact'
import { Field } from './field.tsx'

/** What a labelled control shares: its id, its label, and its help and error beside it. */
interface FieldRow {
  id: string
  label: ComponentChildren
  help?: ComponentChildren
  error?: string | undefined
}

/** One choice of a select: the value sent, and the words shown. */
export interface Choice {
  value: string
  label: ComponentChildren
  /** Shown but not choosable (a portal type not available, an instance the admin may not provision in). */
  disabled?: boolean
}

/**
 * The choices of records that have an id and a name (hubs, portals, users, instances).
 *
 * @example <SelectField id="cases-hub" label={t.hub} options={named(hubs.data)} … />
 */
export function named(records: ReadonlyArray<{ id: string; name: string }> | undefined): Choice[] {
  return (records ?? []).map((r) => ({ value: r.id, label: r.name }))
}

/** The keys of a form's state whose values are text. */
type TextKeys<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F]

/**
 * Binds a text field of a form's state to a control: its `value`, and
 * `onValue` that sets the state with that one field changed.
 *
 * @example
 * const bind = bindForm(form, setForm)
 * <TextField id="user-name" label={t.name} error={errors.name} {...bind('name')} />
 */
export function bindForm<F extends object>(form: F, setForm: (form: F) => void) {
  return bindFields(form, (key, value) => setForm({ ...form, [key]: value }))
}

/**
 * Binds a text field of a form's values to a control through the form's own
 * `set(key, value)` (which may do more: clear a field that depends on it, check it).
 *
 * @example
 * const bind = bindFields(values, set)
 * <TextField id="subdomain" label={t.portalUrl} error={shown.subdomain} {...bind('subdomain')} />
 */
export function bindFields<F extends object>(values: F, set: (key: TextKeys<F>, value: string) => void) {
  return (key: TextKeys<F>) => ({
    value: values[key] as string,
    onValue: (value: string) => set(key, value),
  })
}

/**
 * A labelled select (a form's or a filter bar's): `blank` is a first choice
 * whose value is empty ("All", "Anyone", "—"), and `onValue` gets the chosen value.
 *
 * @example <SelectField id="cases-portal" label={t.portal} blank={t.all} options={named(portals.data)}
 *   value={filters.portalId} onValue={(portalId) => setFilters({ ...filters, portalId })} />
 */
export function SelectField(
  props: FieldRow & {
    value: string
    onValue: (value: string) => void
    options: Choice[]
    blank?: ComponentChildren
    disabled?: boolean
  },
) {
  return (
    <Field id={props.id} label={props.label} help={props.help} error={props.error}>
      {(c) => (
        <select
          {...c}
          value={props.value}
          disabled={props.disabled}
          onChange={(e) => props.onValue(e.currentTarget.value)}
        >
          {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
          {props.options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** What an input may carry besides its value: its type, autocomplete, placeholder, limits. */
interface InputAttributes {
  type?: 'text' | 'email' | 'url' | 'number' | 'date' | 'datetime-local' | 'password' | 'search'
  spellcheck?: boolean
  placeholder?: string
  autoComplete?: string
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'url'
  min?: number | string
  max?: number | string
  step?: number | string
  required?: boolean
  disabled?: boolean
  readOnly?: boolean
  maxLength?: number
}

/**
 * A labelled input (text, email, URL, number, date and time), its value
 * controlled: `onValue` gets what was typed, as typed.
 *
 * @example <TextField id="user-email" label={t.email} type="email" error={errors.email}
 *   value={form.email} onValue={(email) => setForm({ ...form, email })} />
 */
export function TextField(
  props: FieldRow & InputAttributes & { value: string; onValue: (value: string) => void },
) {
  const { id, label, help, error, value, onValue, type, ...input } = props
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(c) => (
        <input
          {...input}
          {...c}
          // Preact types an input per `type` (a union); any of these types takes a text value.
          type={(type ?? 'text') as 'text'}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  )
}

/**
 * A group of checkboxes under its legend (rights, solutions): `value` holds
 * the checked choices, in the order they were checked; `onValue` gets the new list.
 *
 * @example <CheckboxGroup legend={t.rights} options={RIGHTS.map((r) => ({ value: r, label: t.rightNames[r] }))}
 *   value={rights} onValue={setRights} error={errors.rights} />
 */
export function CheckboxGroup<V extends string>(props: {
  legend: ComponentChildren
  options: Array<{ value: V; label: ComponentChildren }>
  value: V[]
  onValue: (value: V[]) => void
  error?: string | undefined
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label class="choice" key={o.value}>
          <input
            type="checkbox"
            checked={props.value.includes(o.value)}
            onChange={(e) =>
              props.onValue(
                e.currentTarget.checked
                  ? [...props.value, o.value]
                  : props.value.filter((v) => v !== o.value),
              )
            }
          />
          {o.label}
        </label>
      ))}
      {props.error ? <p class="field-error">{props.error}</p> : null}
    </fieldset>
  )
}

/**
 * A small button acting on one row of a table: `label` names the action and
 * its row for screen readers ("Delete key-1"), the button shows `children`.
 *
 * @example <RowButton label={`${t.delete} ${l.id}`} onClick={() => remove(l)}>{t.delete}</RowButton>
 */
export function RowButton(props: {
  label: string
  onClick: () => unknown
  disabled?: boolean
  /** The row's main action (Add back), drawn as the primary button. */
  primary?: boolean
  children: ComponentChildren
}) {
  return (
    <button
      type="button"
      class={`button button-small${props.primary ? ' button-primary' : ''}`}
      aria-label={props.label}
      disabled={props.disabled}
      onClick={() => void props.onClick()}
    >
      {props.children}
    </button>
  )
}
