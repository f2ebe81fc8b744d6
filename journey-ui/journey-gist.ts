import { interactionText } from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import type { Messages } from './messages.ts'
import type { PlotModel } from './plot-model.ts'
import { FOCUS_MS } from './time-scale.ts'

/**
 * The journey in one sentence a rep reads in two seconds: what the customer
 * read (distinct items of each type) and how often they searched in the hour
 * before the case (or, when that hour was quiet, the whole window), the item
 * they went back to most (two views or more), and how much came after the
 * case. Null when nothing happened before or after.
 *
 * @example journeyGist(model, MESSAGES.en, format)
 * // "Read 3 articles and searched twice in the hour before the case; read ‘Reset your password’ twice."
 */
export function journeyGist(model: PlotModel, messages: Messages, format: JourneyFormat): string | null {
  const points = model.lanes.flat()
  const before = points.filter((p) => p.ms < model.caseMs)
  const lastHour = before.filter((p) => p.ms >= model.caseMs - FOCUS_MS)
  const period = lastHour.length > 0 ? lastHour : before
  const g = messages.gist
  const count = (n: number) => [format.number(n), format.plural(n)] as const
  let text = ''
  if (period.length > 0) {
    // Per item (kind and id, or search string): how many times, and when last.
    const seen = new Map<string, { kind: string; title: string; n: number; ms: number }>()
    // Feedback is not reading: it counts in none of the sentence's parts.
    for (const p of period) {
      if (p.interaction.type === 'portal_articlefeedback') continue
      const lane = LANES.find((l) => l.type === p.interaction.type)!
      const title = interactionText(p.interaction)
      const key = `${lane.kind}:${lane.kind === 'search' ? title : itemId(p.interaction)}`
      const was = seen.get(key)
      seen.set(key, { kind: lane.kind, title, n: (was?.n ?? 0) + 1, ms: p.ms })
    }
    const items = [...seen.values()]
    const kinds = (['article', 'blogpost', 'forumthread'] as const)
      .map((kind) => [kind, items.filter((item) => item.kind === kind).length] as const)
      .filter(([, n]) => n > 0)
    const reads = kinds.map(([kind, n]) => g.noun(kind, ...count(n)))
    const searches = period.filter((p) => p.interaction.type === 'portal_search').length
    const what = format.list([
      ...(reads.length ? [g.read(format.list(reads), kinds.length > 1 || kinds[0]![1] > 1)] : []),
      ...(searches ? [g.searched(searches, ...count(searches))] : []),
    ])
    const span = lastHour.length > 0 ? g.lastHour : g.inWindow(format.span(model.windowMs))
    const most = items.reduce((a, b) => (b.n > a.n || (b.n === a.n && b.ms > a.ms) ? b : a), items[0]!)
    if (what) {
      text = g.sentence(what, span) + (most.n > 1 ? g.again(most.kind === 'search', most.title, most.n) : '')
      text += '.'
    }
  }
  const later = points.length - before.length
  if (later > 0) text += g.after(...count(later))
  return text.trim() || null
}

function itemId(interaction: PlotModel['lanes'][number][number]['interaction']): string {
  switch (interaction.type) {
    case 'portal_viewknowledgearticle':
      return interaction.portal_knowledgearticleid
    case 'portal_viewblogpost':
      return interaction.portal_blogpostid
    case 'portal_viewforumthread':
      return interaction.portal_forumthreadid
    case 'portal_search':
      return interaction.portal_searchstring
    case 'portal_articlefeedback':
      return interaction.portal_knowledgearticleid
  }
}
