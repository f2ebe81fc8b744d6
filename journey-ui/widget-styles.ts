import { CASE_COLOR, CHART_INK, FONT_STACK, INTERACTION_COLORS } from '../chart-style/index.ts'

/**
 * The widget's stylesheet, scoped by its shadow root. Every colour, the font,
 * the radius and the chart's height read a `--casetrail-*` custom property that
 * the host page may set on the element or any ancestor; the private `--_*`
 * names hold the resolved values (the chart reads them too). The defaults are
 * the shared palette's (chart-style), so the console draws the same colours.
 */
export const WIDGET_CSS = `
:host {
  display: block;
  width: 100%;
  min-width: 0;
  container-type: inline-size;
}
:host([hidden]) { display: none; }
.root {
  --_font: var(--casetrail-font-family, ${FONT_STACK});
  --_text: var(--casetrail-color-text, ${CHART_INK.text});
  --_muted: var(--casetrail-color-muted, ${CHART_INK.muted});
  --_bg: var(--casetrail-color-background, #ffffff);
  --_surface: var(--casetrail-color-surface, #f6f7f9);
  --_border: var(--casetrail-color-border, ${CHART_INK.grid});
  --_accent: var(--casetrail-color-accent, ${CASE_COLOR});
  --_link: var(--casetrail-color-link, #0b5cad);
  --_danger: var(--casetrail-color-danger, #a4262c);
  --_focus: var(--casetrail-color-focus, #0b5cad);
  --_radius: var(--casetrail-radius, 6px);
  --_chart-height: var(--casetrail-chart-height, 300px);
  --_lane-article: var(--casetrail-lane-article, ${INTERACTION_COLORS.portal_viewknowledgearticle});
  --_lane-blog: var(--casetrail-lane-blog, ${INTERACTION_COLORS.portal_viewblogpost});
  --_lane-forum: var(--casetrail-lane-forum, ${INTERACTION_COLORS.portal_viewforumthread});
  --_lane-search: var(--casetrail-lane-search, ${INTERACTION_COLORS.portal_search});
  --_lane-feedback: var(--casetrail-lane-feedback, ${INTERACTION_COLORS.portal_articlefeedback});
  box-sizing: border-box;
  font-family: var(--_font);
  font-size: var(--casetrail-font-size, 14px);
  line-height: 1.45;
  color: var(--_text);
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: 12px 16px 16px;
}
.root *, .root *::before, .root *::after { box-sizing: inherit; }
.head { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-start; justify-content: space-between; }
.overline { margin: 0; font-size: 0.75em; letter-spacing: 0.06em; text-transform: uppercase; color: var(--_muted); }
.name { margin: 0; font-size: 1.15em; font-weight: 600; }
.facts { margin: 2px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 2px 14px; color: var(--_muted); font-size: 0.9em; }
.facts dt { display: inline; }
.facts dd { display: inline; margin: 0 0 0 4px; color: var(--_text); overflow-wrap: anywhere; }
.facts dd.id { overflow-wrap: normal; }
fieldset { border: 0; margin: 0; padding: 0; min-inline-size: 0; }
.switch { display: inline-flex; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
.switch button { font: inherit; font-size: 0.9em; border: 0; background: var(--_bg); color: var(--_text); padding: 4px 10px; cursor: pointer; }
.switch button + button { border-left: 1px solid var(--_border); }
.switch button[aria-pressed="true"] { background: var(--_text); color: var(--_bg); }
.gist { margin: 10px 0 2px; font-weight: 600; }
.gist + .summary { margin-top: 0; }
.summary { margin: 10px 0 6px; color: var(--_muted); }
.legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 4px; padding: 0; }
.legend button {
  font: inherit; font-size: 0.85em; display: inline-flex; align-items: center; gap: 6px;
  border: 1px solid var(--_border); border-radius: 999px; background: var(--_bg); color: var(--_text);
  padding: 2px 10px 2px 6px; cursor: pointer;
}
.legend button[aria-pressed="false"] { color: var(--_muted); text-decoration: line-through; background: var(--_surface); }
.legend button[aria-pressed="false"] svg { opacity: 0.35; }
.legend .n { color: var(--_muted); font-variant-numeric: tabular-nums; }
.chart-box { position: relative; height: var(--_chart-height); min-height: 160px; }
.chart-canvas { position: absolute; inset: 0; }
.chart-tools { display: flex; justify-content: flex-end; margin: 2px 0 -2px; }
.chart-tools .zoom {
  font: inherit; font-size: 0.85em; color: var(--_link); background: none; border: 0; padding: 2px 0;
  cursor: pointer; text-decoration: underline;
}
.case-tag {
  position: absolute; top: 6px; z-index: 1; pointer-events: none; white-space: nowrap;
  background: var(--_accent); color: var(--_bg); font-size: 0.78em; font-weight: 600; line-height: 1;
  padding: 4px 8px; border-radius: 999px;
}
.under { position: absolute; inset: 0; pointer-events: none; }
.under > * { position: absolute; }
.focus-band { background: color-mix(in srgb, var(--_link) 6%, transparent); }
.after-zone {
  background: color-mix(in srgb, var(--_accent) 6%, transparent);
  border-top: 2px solid color-mix(in srgb, var(--_accent) 30%, transparent);
}
.activity { height: 4px; border-radius: 2px; background: color-mix(in srgb, var(--_accent) 55%, transparent); }
.line { width: 0; margin-left: -1px; }
.line.case { border-left: 2px dashed var(--_accent); }
.line.other { border-left: 1.5px dotted color-mix(in srgb, var(--_accent) 75%, transparent); }
.bands { left: 0; right: 0; bottom: 0; height: 18px; }
.band {
  position: absolute; bottom: 0; height: 16px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
  font-size: 0.75em; line-height: 12px; text-align: center; color: var(--_muted);
  border-top: 1px solid var(--_border); padding: 2px 4px 0;
}
.band.focus { color: var(--_text); font-weight: 600; border-top: 3px solid color-mix(in srgb, var(--_link) 45%, transparent); }
.band.after { border-top-color: color-mix(in srgb, var(--_accent) 45%, transparent); }
.chart-note {
  position: absolute; inset: 0; display: grid; place-items: center; color: var(--_muted);
  background: var(--_surface); border-radius: var(--_radius); margin: 0;
}
.tip {
  position: absolute; z-index: 2; pointer-events: none; max-width: min(320px, 80%);
  background: var(--_text); color: var(--_bg); border-radius: var(--_radius); padding: 6px 10px;
  font-size: 0.85em; box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
}
.tip strong { display: block; font-weight: 600; overflow-wrap: anywhere; }
.tip span { display: block; opacity: 0.85; }
details.table { margin: 6px 0 0; }
details.table summary { cursor: pointer; color: var(--_link); width: fit-content; }
.table-wrap { max-height: 320px; overflow: auto; margin-top: 6px; border: 1px solid var(--_border); border-radius: var(--_radius); }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
caption { text-align: left; padding: 6px 8px; color: var(--_muted); }
th, td { text-align: left; padding: 4px 8px; border-top: 1px solid var(--_border); vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--_surface); border-top: 0; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
.when { margin-top: 14px; }
.when h3 { font-size: 0.8em; margin: 0; padding-bottom: 2px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--_muted); border-bottom: 1px solid var(--_border); }
.when[data-when="after"] h3 { color: var(--_accent); border-bottom-color: color-mix(in srgb, var(--_accent) 40%, transparent); }
.lists { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr)); gap: 8px 24px; margin-top: 8px; }
.lists h4 { font-size: 1em; margin: 0 0 4px; }
.lists h5 { font-size: 0.8em; margin: 10px 0 2px; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.05em; display: flex; align-items: center; gap: 6px; }
.lists ul { list-style: none; margin: 0; padding: 0; }
.lists li { padding: 4px 6px; margin: 0 -6px; border-radius: var(--_radius); display: flex; flex-direction: column; }
.lists li:hover { background: var(--_surface); }
.lists .item-title { font-weight: 500; overflow-wrap: anywhere; }
.lists a { color: var(--_link); }
.item-button {
  font: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; text-align: left; cursor: pointer;
}
.item-button:hover .item-title, .item-button[aria-pressed="true"] .item-title { text-decoration: underline; }
.item-button[aria-pressed="true"] { color: var(--_accent); }
.lists .meta { color: var(--_muted); font-size: 0.85em; }
.lists .more {
  font: inherit; font-size: 0.85em; margin: 4px 0 0; padding: 2px 0; border: 0; background: none;
  color: var(--_link); cursor: pointer; text-decoration: underline;
}
.lists .none { color: var(--_muted); font-style: italic; }
.search q { font-style: normal; }
.state { margin: 16px 0 4px; padding: 16px; border-radius: var(--_radius); background: var(--_surface); }
.state.error { border-left: 4px solid var(--_danger); }
.state p { margin: 0; }
.state .code { margin-top: 4px; color: var(--_muted); font-size: 0.85em; }
.state button, .retry {
  margin-top: 10px; font: inherit; border: 1px solid var(--_text); background: var(--_text); color: var(--_bg);
  border-radius: var(--_radius); padding: 4px 14px; cursor: pointer;
}
.skeleton { margin-top: 12px; display: grid; gap: 10px; }
.skeleton i {
  display: block; height: 14px; border-radius: 4px; font-style: normal;
  background: linear-gradient(90deg, var(--_surface) 25%, var(--_border) 50%, var(--_surface) 75%);
  background-size: 300% 100%; animation: shimmer 1.4s ease-in-out infinite;
}
.skeleton i.chart { height: calc(var(--_chart-height) - 40px); min-height: 120px; }
.skeleton i.short { width: 40%; }
@keyframes shimmer { from { background-position: 100% 0; } to { background-position: 0 0; } }
@media (prefers-reduced-motion: reduce) { .skeleton i { animation: none; } }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
:is(a, button, summary, li[tabindex]):focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
@container (max-width: 420px) {
  .root { padding: 10px; }
  .switch button { padding: 4px 7px; }
  .legend { gap: 4px; }
  .legend button { padding: 1px 8px 1px 4px; }
}
/* A CRM side panel: each row of the table is a block (time and type, then the title), nothing sideways. */
@container (max-width: 480px) {
  .table-wrap table, .table-wrap tbody, .table-wrap tr, .table-wrap td { display: block; }
  .table-wrap caption { display: block; }
  .table-wrap thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .table-wrap tr { padding: 5px 8px; border-top: 1px solid var(--_border); }
  .table-wrap td { border: 0; padding: 0; overflow-wrap: anywhere; }
  .table-wrap td:nth-child(2), .table-wrap td:nth-child(4) { display: inline; color: var(--_muted); margin-right: 8px; }
  .table-wrap td.t { white-space: normal; font-size: 0.9em; color: var(--_muted); }
}
`
