import { ADMINISTRATION_MODE_SETTING } from '../../sites/site-portal.ts'
import type { CheckDefinition } from '../check-types.ts'
import { isOn, loadSite, setSettings } from '../site-fixes.ts'
import { say } from '../check-text.ts'

/** Startup: administration mode keeps visitors out (they see a maintenance page). */
export const administrationModeCheck: CheckDefinition = {
  id: 'startup-administration-mode',
  issue: 'Administration mode is on: visitors see a maintenance page',
  category: 'Startup',
  reads: [`site setting ${ADMINISTRATION_MODE_SETTING}`],
  mitigation: `Set the site setting ${ADMINISTRATION_MODE_SETTING} to false when maintenance is over.`,
  actions: [
    {
      id: 'turn-off-administration-mode',
      label: 'Turn administration mode off',
      changes: 'portal',
      async run(ctx) {
        const changed = await setSettings(ctx, await loadSite(ctx), {
          [ADMINISTRATION_MODE_SETTING]: 'false',
        })
        return {
          changed: changed.length > 0,
          details:
            changed.length > 0 ? say`administration mode is off` : say`administration mode was already off`,
        }
      },
    },
  ],
  async run(ctx) {
    if (!isOn(ctx.site.settings.get(ADMINISTRATION_MODE_SETTING), false))
      return { result: 'pass', details: 'administration mode is off' }
    return {
      result: 'warning',
      details: say`${ADMINISTRATION_MODE_SETTING} is "${String(ctx.site.settings.get(ADMINISTRATION_MODE_SETTING))}": every page answers 503 "Down for maintenance"`,
      action: 'turn-off-administration-mode',
    }
  },
}
