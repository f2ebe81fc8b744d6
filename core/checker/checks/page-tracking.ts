import type { CheckDefinition } from '../check-types.ts'
import { isOn, loadSite, setSettings } from '../site-fixes.ts'

import { FILE_TRACKING_SETTING, PAGE_TRACKING_SETTING } from '../../sites/site-tracking.ts'
import { say } from '../check-text.ts'

/** The settings that record every page and file view. */
const PAGE_TRACKING_SETTINGS = [PAGE_TRACKING_SETTING, FILE_TRACKING_SETTING] as const

/** Performance: page and file tracking (a write on every view) is off. */
export const pageTrackingCheck: CheckDefinition = {
  id: 'performance-page-tracking',
  issue: 'Page or file tracking is turned on',
  category: 'Performance',
  reads: PAGE_TRACKING_SETTINGS.map((s) => `site setting ${s}`),
  mitigation: `Set the site settings ${PAGE_TRACKING_SETTINGS.join(' and ')} to false: they write to the store on every view. The hub's interactions already record what visitors read.`,
  actions: [
    {
      id: 'turn-off-page-tracking',
      label: 'Turn page and file tracking off',
      changes: 'portal',
      async run(ctx) {
        const changed = await setSettings(
          ctx,
          await loadSite(ctx),
          Object.fromEntries(PAGE_TRACKING_SETTINGS.map((s) => [s, 'false'])),
        )
        return {
          changed: changed.length > 0,
          details: changed.length > 0 ? say`turned off ${changed}` : say`tracking was already off`,
        }
      },
    },
  ],
  async run(ctx) {
    const on = PAGE_TRACKING_SETTINGS.filter((s) => isOn(ctx.site.settings.get(s), false))
    if (on.length === 0) return { result: 'pass', details: 'page and file tracking are off' }
    return { result: 'warning', details: say`${on} on`, action: 'turn-off-page-tracking' }
  },
}
