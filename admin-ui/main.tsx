/**
 * The console's script (`/admin/assets/casetrail-admin.js`): marks when it
 * starts, for the budget bench, and renders the console into `#app`.
 */
import { render } from 'preact'
import { App } from './app.tsx'
import { labelTableCells } from './table-labels.ts'

performance.mark('casetrail-admin:script-start')
const root = document.getElementById('app')
if (root) {
  root.textContent = ''
  render(<App />, root)
  labelTableCells(root)
}
