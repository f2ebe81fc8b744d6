import { useEffect, useMemo, useState } from 'preact/hooks'
import { useGuidedWords } from '../guided-words.ts'

/** One choice of a {@link Picker}: what it stands for, and what the admin reads. */
export interface PickerOption {
  id: string
  label: string
  /** A second line (an e-mail address, a URL): matched by typing too. */
  detail?: string
  /** More text that typing matches but the list does not show (a contact's id, for those who hold one). */
  match?: string
}

/** Lower case without accents, so "eloise" finds "Éloïse". */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/**
 * The options whose label, detail or hidden match text contain every word
 * typed (case and accents ignored), at most `limit`; the first `limit` for no text.
 *
 * @example filterOptions([{ id: 'a', label: 'Avery Lin', detail: 'avery@example.com' }], 'lin')
 */
export function filterOptions(options: readonly PickerOption[], text: string, limit = 8): PickerOption[] {
  const words = fold(text).split(/\s+/).filter(Boolean)
  return options
    .filter((o) => {
      const hay = fold(`${o.label}\n${o.detail ?? ''}\n${o.match ?? ''}`)
      return words.every((w) => hay.includes(w))
    })
    .slice(0, limit)
}

/**
 * A combobox that picks a hub, a portal or a contact by its name (the WAI-ARIA
 * combobox pattern with a list popup): typing filters the choices, Down and Up
 * move through them, Enter picks, Escape closes the list (or clears the text
 * when it is closed). The admin never types an id; `onChange` hands one back,
 * or `''` when the text no longer names a choice. The control takes the
 * `id`/`aria-*` a {@link Field} gives, so its label and error are its own.
 */
export function Picker(props: {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
  /** The list's accessible name (the field's label). */
  label: string
  options: readonly PickerOption[]
  /** The chosen option's id, or `''`. */
  value: string
  onChange: (id: string) => void
  placeholder?: string
  limit?: number
}) {
  const w = useGuidedWords()
  const chosen = props.options.find((o) => o.id === props.value) ?? null
  const [text, setText] = useState(chosen?.label ?? '')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  // A choice made elsewhere (a reset, a value read from the URL) shows its name.
  useEffect(() => {
    if (chosen) setText(chosen.label)
    else if (props.value === '') setText((t) => (props.options.some((o) => o.label === t) ? '' : t))
  }, [props.value, chosen?.label])
  const shown = useMemo(
    () => filterOptions(props.options, chosen && text === chosen.label ? '' : text, props.limit),
    [props.options, text, chosen, props.limit],
  )
  const listId = `${props.id}-list`
  const optionId = (i: number) => `${props.id}-option-${i}`
  const pick = (o: PickerOption) => {
    setText(o.label)
    setOpen(false)
    setActive(-1)
    if (o.id !== props.value) props.onChange(o.id)
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!open) {
        setOpen(true)
        setActive(e.key === 'ArrowDown' ? 0 : shown.length - 1)
        return
      }
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (shown.length === 0 ? -1 : (i + step + shown.length) % shown.length))
    } else if (e.key === 'Enter') {
      // Enter picks while the list is open; otherwise it submits the form as usual.
      if (open && shown.length > 0) {
        e.preventDefault()
        pick(shown[Math.max(active, 0)]!)
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault()
        e.stopPropagation()
        setOpen(false)
      } else if (text) {
        e.preventDefault()
        setText('')
        if (props.value) props.onChange('')
      }
    }
  }
  const expanded = open && (shown.length > 0 || text.trim() !== '')
  return (
    <div class="picker">
      <input
        id={props.id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={
          expanded && active >= 0 && active < shown.length ? optionId(active) : undefined
        }
        aria-describedby={props['aria-describedby']}
        aria-invalid={props['aria-invalid']}
        placeholder={props.placeholder}
        value={text}
        onInput={(e) => {
          const next = e.currentTarget.value
          setText(next)
          setOpen(true)
          setActive(-1)
          if (props.value && next !== chosen?.label) props.onChange('')
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {/* In the page only while open: a closed list would answer to the field's label too. */}
      {expanded ? (
        <div id={listId} role="listbox" aria-label={props.label} class="matches">
          {shown.map((o, i) => (
            <div
              key={o.id}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active || (active < 0 && o.id === props.value)}
              // Pressing on an option must not blur the input first (the list would close under the pointer).
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
              onKeyDown={onKeyDown}
            >
              {o.label}
              {o.detail ? <span class="sub">{o.detail}</span> : null}
            </div>
          ))}
          {shown.length === 0 ? (
            <div role="option" tabIndex={-1} aria-disabled="true" aria-selected="false" class="muted">
              {w.pickerNoMatch}
            </div>
          ) : null}
        </div>
      ) : null}
      <span class="sr-only" role="status">
        {expanded && text.trim() ? (shown.length === 0 ? w.pickerNoMatch : w.pickerCount(shown.length)) : ''}
      </span>
    </div>
  )
}
