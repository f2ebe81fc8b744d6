import { findings, say } from '../check-text.ts'
import type { CheckDefinition } from '../check-types.ts'
import { isOn, loadSite, setSettings } from '../site-fixes.ts'

/** The settings that cache the site's header and footer. */
export const OUTPUT_CACHE_SETTINGS = ['Header/OutputCache/Enabled', 'Footer/OutputCache/Enabled'] as const

/** Performance: header and footer output caching is on. */
export const outputCacheCheck: CheckDefinition = {
  id: 'performance-output-cache',
  issue: 'Header and footer output caching is turned off',
  category: 'Performance',
  reads: OUTPUT_CACHE_SETTINGS.map((s) => `site setting ${s}`),
  mitigation: `Set the site settings ${OUTPUT_CACHE_SETTINGS.join(' and ')} to true: every page otherwise builds its navigation and footer again.`,
  actions: [
    {
      id: 'turn-on-output-cache',
      label: 'Turn header and footer output caching on',
      changes: 'portal',
      async run(ctx) {
        const changed = await setSettings(
          ctx,
          await loadSite(ctx),
          Object.fromEntries(OUTPUT_CACHE_SETTINGS.map((s) => [s, 'true'])),
        )
        return {
          changed: changed.length > 0,
          details: changed.length > 0 ? say`turned on ${changed}` : say`output caching was already on`,
        }
      },
    },
  ],
  async run(ctx) {
    const off = OUTPUT_CACHE_SETTINGS.filter((s) => !isOn(ctx.site.settings.get(s), true))
    if (off.length === 0) return { result: 'pass', details: 'header and footer output caching is on' }
    return {
      result: 'warning',
      details: findings(off.map((s) => say`${s} is "${ctx.site.settings.get(s) ?? ''}"`)),
      action: 'turn-on-output-cache',
    }
  },
}
