// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { Picker, type PickerOption } from './picker.tsx'

const OPTIONS: PickerOption[] = [
  { id: 'h1', label: 'Contoso insights' },
  { id: 'h2', label: 'Fabrikam hub' },
  { id: 'h3', label: 'Éloïse’s hub', detail: 'staging' },
]

let host: HTMLElement
afterEach(() => {
  render(null, host)
  host.remove()
})

/** Mounts a picker whose choices are recorded; answers its input and the choices. */
async function mount(value = '') {
  host = document.createElement('div')
  document.body.append(host)
  const chosen: string[] = []
  await act(() => {
    render(
      <Picker id="hub" label="Hub" options={OPTIONS} value={value} onChange={(id) => chosen.push(id)} />,
      host,
    )
  })
  return { input: host.querySelector('input')!, chosen }
}

const key = (input: HTMLInputElement, name: string) =>
  act(() => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }))
  })
const typeText = (input: HTMLInputElement, text: string) =>
  act(() => {
    input.value = text
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
const shown = () => [...host.querySelectorAll('[role="option"]')].map((o) => o.firstChild?.textContent)

describe('Picker (the combobox pattern)', () => {
  it('is a collapsed combobox that controls no list until it opens', async () => {
    const { input } = await mount()
    expect(input.getAttribute('role')).toBe('combobox')
    expect(input.getAttribute('aria-expanded')).toBe('false')
    expect(input.hasAttribute('aria-controls')).toBe(false)
    expect(host.querySelector('[role="listbox"]')).toBeNull()
  })

  it('filters by what is typed, accents ignored, and picks with Down and Enter', async () => {
    const { input, chosen } = await mount()
    await typeText(input, 'eloise')
    expect(input.getAttribute('aria-expanded')).toBe('true')
    expect(input.getAttribute('aria-controls')).toBe('hub-list')
    expect(shown()).toEqual(['Éloïse’s hub'])
    await key(input, 'ArrowDown')
    expect(input.getAttribute('aria-activedescendant')).toBe('hub-option-0')
    expect(host.querySelector('#hub-option-0')!.getAttribute('aria-selected')).toBe('true')
    await key(input, 'Enter')
    expect(chosen).toEqual(['h3'])
    expect(input.value).toBe('Éloïse’s hub')
    expect(input.getAttribute('aria-expanded')).toBe('false')
  })

  it('wraps Up from the first choice to the last, and closes with Escape, then clears with a second', async () => {
    const { input, chosen } = await mount()
    await typeText(input, 'hub')
    expect(shown()).toEqual(['Fabrikam hub', 'Éloïse’s hub'])
    await key(input, 'ArrowDown')
    await key(input, 'ArrowUp')
    expect(input.getAttribute('aria-activedescendant')).toBe('hub-option-1')
    await key(input, 'Escape')
    expect(input.getAttribute('aria-expanded')).toBe('false')
    expect(input.value).toBe('hub')
    await key(input, 'Escape')
    expect(input.value).toBe('')
    expect(chosen).toEqual([])
  })

  it('says when nothing matches, and gives up a choice whose name is edited', async () => {
    const { input, chosen } = await mount('h1')
    expect(input.value).toBe('Contoso insights')
    await typeText(input, 'Contoso insightz')
    expect(chosen).toEqual([''])
    expect(host.querySelector('[role="listbox"]')!.textContent).toContain('No match')
    expect(host.querySelector('[role="status"]')!.textContent).toContain('No match')
  })
})
