/**
 * Gives every cell of the console's tables (`table.grid`) the name of its
 * column as `data-label`, so that on a narrow screen the stylesheet can show
 * each row as a card of "label: value" lines instead of a table wider than
 * the phone. One observer for the whole console: no page has to remember it.
 * A cell spanning columns (a row's details) gets no label.
 *
 * @example const stop = labelTableCells(document.getElementById('app')!)
 */
export function labelTableCells(root: HTMLElement): () => void {
  let queued = false
  const label = () => {
    queued = false
    for (const table of root.querySelectorAll<HTMLTableElement>('table.grid')) {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '')
      for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
        let column = 0
        for (const cell of row.cells) {
          const text = cell.colSpan > 1 ? '' : (heads[column] ?? '')
          if (cell.getAttribute('data-label') !== text) cell.setAttribute('data-label', text)
          column += cell.colSpan || 1
        }
      }
    }
  }
  // Rows come and go as pages load; labelling once a frame is plenty (attributes are not observed: no loop).
  const observer = new MutationObserver(() => {
    if (queued) return
    queued = true
    requestAnimationFrame(label)
  })
  observer.observe(root, { childList: true, subtree: true, characterData: true })
  label()
  return () => observer.disconnect()
}
