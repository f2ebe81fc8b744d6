import type { CheckDefinition } from '../check-types.ts'
import { isOn, loadSite, setSettings } from '../site-fixes.ts'

import { LOGIN_TRACKING_SETTING } from '../../sites/site-tracking.ts'
import { say } from '../check-text.ts'

/** Performance: login tracking (a write on every sign-in) is off. */
export const loginTrackingCheck: CheckDefinition = {
  id: 'performance-login-tracking',
  issue: 'Login tracking is turned on',
  category: 'Performance',
  reads: [`site setting ${LOGIN_TRACKING_SETTING}`],
  mitigation: `Set the site setting ${LOGIN_TRACKING_SETTING} to false: it writes to the store on every sign-in.`,
  actions: [
    {
      id: 'turn-off-login-tracking',
      label: 'Turn login tracking off',
      changes: 'portal',
      async run(ctx) {
        const changed = await setSettings(ctx, await loadSite(ctx), { [LOGIN_TRACKING_SETTING]: 'false' })
        return {
          changed: changed.length > 0,
          details: changed.length > 0 ? say`login tracking is off` : say`login tracking was already off`,
        }
      },
    },
  ],
  async run(ctx) {
    if (!isOn(ctx.site.settings.get(LOGIN_TRACKING_SETTING), false))
      return { result: 'pass', details: 'login tracking is off' }
    return {
      result: 'warning',
      details: say`${LOGIN_TRACKING_SETTING} is true`,
      action: 'turn-off-login-tracking',
    }
  },
}
