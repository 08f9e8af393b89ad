/** The control page's CSS: system fonts, light and dark, one column on a phone. */
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f4f5f7; --card: #fff; --text: #1a1d21; --muted: #5a6371; --line: #dde1e7;
  --soft: #eef1f5; --accent: #2455d6; --accent-soft: #e8eefc; --focus: #2455d6; --off: #b5bcc6;
  --ok: #17743a; --ok-bg: #dcf3e3; --info: #36557d; --info-bg: #e3ebf5;
  --warn: #8a4b00; --warn-bg: #fdecc8; --limit: #6b2fc9; --limit-bg: #ece3fc;
  --err: #b3261e; --err-bg: #fde0dd; --fault: #a3195b; --fault-bg: #fbe0ee; --danger: #b3261e;
  --mono: ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1014; --card: #171a20; --text: #e7e9ec; --muted: #9aa3af; --line: #2b313b;
    --soft: #1f242c; --accent: #7aa2ff; --accent-soft: #1c2741; --focus: #9dbbff; --off: #4a525e;
    --ok: #6fdc95; --ok-bg: #143322; --info: #9fbde3; --info-bg: #1b2738;
    --warn: #f5c04f; --warn-bg: #3a2a0b; --limit: #c4a4ff; --limit-bg: #2c1f4a;
    --err: #ff8f86; --err-bg: #43171a; --fault: #ff8cc6; --fault-bg: #421632; --danger: #ff8f86;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text); line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", sans-serif;
}
h1, h2, h3, p { margin: 0; }
h2 { font-size: 1rem; font-weight: 650; }
code, .mono { font-family: var(--mono); font-size: .92em; }
[hidden] { display: none !important; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
.skip { position: absolute; left: -999px; top: .5rem; background: var(--card); padding: .5rem .75rem; z-index: 2; }
.skip:focus { left: .5rem; }
button, input { font: inherit; color: inherit; }
button {
  border: 1px solid var(--line); background: var(--card); border-radius: 8px; padding: .4rem .8rem;
  cursor: pointer; min-height: 2.25rem; font-weight: 550;
}
button:hover { background: var(--soft); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--card); }
button.danger { color: var(--danger); border-color: currentColor; }
button.danger.solid { background: var(--danger); color: var(--card); border-color: var(--danger); }
button[aria-pressed="true"] { background: var(--accent-soft); border-color: var(--accent); }
input[type="text"], input[type="search"], input[type="password"] {
  border: 1px solid var(--line); background: var(--bg); border-radius: 8px; padding: .4rem .6rem;
  min-height: 2.25rem; min-width: 0;
}
input[aria-invalid="true"] { border-color: var(--err); }
.top {
  display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; padding: .75rem 1.25rem;
  background: var(--card); border-bottom: 1px solid var(--line);
}
.brand { display: flex; align-items: center; gap: .5rem; }
.brand h1 { font-size: 1.15rem; font-weight: 700; letter-spacing: -.01em; }
.brand h1 span { color: var(--muted); font-weight: 500; }
.logo { display: inline-grid; place-items: center; width: 1.8rem; height: 1.8rem; border-radius: 7px; background: var(--accent); color: var(--card); font-weight: 800; }
.facts { display: flex; flex-wrap: wrap; gap: .25rem .9rem; margin: 0; color: var(--muted); font-size: .875rem; }
.facts div { display: flex; gap: .3rem; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; color: var(--text); font-weight: 550; }
.conn { margin-left: auto; display: flex; align-items: center; gap: .4rem; font-size: .875rem; font-weight: 600; }
.conn::before { content: ""; width: .6rem; height: .6rem; border-radius: 50%; background: var(--off); }
.conn.live::before { background: var(--ok); box-shadow: 0 0 0 3px var(--ok-bg); }
.conn.paused::before { background: var(--warn); }
.conn.down::before { background: var(--err); }
.notice { margin: .75rem 1.25rem 0; padding: .55rem .85rem; border-radius: 8px; background: var(--info-bg); color: var(--info); font-weight: 550; }
.notice.error { background: var(--err-bg); color: var(--err); }
.layout { display: grid; gap: 1rem; padding: 1rem 1.25rem 2rem; grid-template-columns: minmax(0, 1fr); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1rem; min-width: 0; }
.card-head { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-bottom: .6rem; }
.card-head .end { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; }
.check { display: inline-flex; align-items: center; gap: .35rem; padding: 0 .3rem; min-height: 2.25rem; cursor: pointer; }
.check input { width: 1.05rem; height: 1.05rem; margin: 0; accent-color: var(--accent); }
.hint { color: var(--muted); font-size: .875rem; }
.count { font-size: .8rem; color: var(--muted); background: var(--soft); border-radius: 999px; padding: .05rem .55rem; font-weight: 600; }
.gate { max-width: 34rem; margin: 2rem auto; }
.gate form { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; }
.gate h2 { margin-bottom: .35rem; }
.gate label { width: 100%; font-weight: 600; }
.gate input { flex: 1 1 12rem; }
.switch {
  appearance: none; -webkit-appearance: none; flex: none; position: relative; margin: .1rem 0 0;
  width: 2.6rem; height: 1.5rem; border-radius: 999px; background: var(--off); cursor: pointer;
  transition: background .15s;
}
.switch::before {
  content: ""; position: absolute; top: .2rem; left: .2rem; width: 1.1rem; height: 1.1rem;
  border-radius: 50%; background: #fff; box-shadow: 0 1px 2px rgb(0 0 0 / .35); transition: transform .15s;
}
.switch:checked { background: var(--accent); }
.switch:checked::before { transform: translateX(1.1rem); }
.switch:disabled { opacity: .45; cursor: not-allowed; }
.switch:focus-visible { border-radius: 999px; }
.scen-list { list-style: none; margin: .6rem 0 0; padding: 0; display: grid; gap: .4rem; }
.scen { display: flex; gap: .75rem; padding: .6rem .7rem; border: 1px solid var(--line); border-radius: 10px; }
.scen.on { border-color: var(--accent); background: var(--accent-soft); }
.scen > div { min-width: 0; flex: 1; }
.scen label { font-family: var(--mono); font-weight: 700; cursor: pointer; }
.tag { font-size: .72rem; color: var(--muted); border: 1px solid var(--line); border-radius: 999px; padding: 0 .45rem; margin-left: .35rem; white-space: nowrap; }
.scen .on-tag { color: var(--accent); border-color: var(--accent); font-weight: 700; }
.desc { font-size: .875rem; color: var(--muted); margin-top: .15rem; overflow-wrap: anywhere; }
.problem { font-size: .85rem; color: var(--err); margin-top: .2rem; overflow-wrap: anywhere; }
details { font-size: .85rem; margin-top: .25rem; }
summary { cursor: pointer; color: var(--accent); width: fit-content; }
details p { color: var(--muted); margin-top: .2rem; }
#scen-filter { width: 100%; }
.row-line { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem; padding: .65rem 0; border-top: 1px solid var(--line); }
.row-line:first-of-type { border-top: 0; }
.row-line > .grow { flex: 1 1 12rem; min-width: 0; }
.clock-now { font-family: var(--mono); font-size: 1.05rem; font-weight: 650; }
.advance { display: flex; flex-wrap: wrap; gap: .4rem; width: 100%; }
.advance label { width: 100%; }
.presets { display: flex; flex-wrap: wrap; gap: .4rem; width: 100%; }
.presets button { flex: 1 1 auto; min-height: 2rem; padding: .25rem .5rem; font-size: .85rem; }
#scen-active { margin-bottom: .6rem; }
.advance input { flex: 1 1 7rem; width: 7rem; }
.field-error { color: var(--err); font-size: .85rem; width: 100%; }
.confirm { width: 100%; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; padding: .6rem; border-radius: 8px; background: var(--err-bg); }
.confirm p { flex: 1 1 14rem; color: var(--err); font-size: .875rem; font-weight: 550; }
col.who { width: 42%; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: .9rem; }
th { text-align: left; color: var(--muted); font-weight: 600; font-size: .8rem; padding: .3rem .4rem; }
td { padding: .4rem; border-top: 1px solid var(--line); overflow-wrap: anywhere; vertical-align: top; }
td.full-text { color: var(--limit); font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { height: .35rem; background: var(--soft); border-radius: 999px; margin-top: .3rem; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--ok); border-radius: 999px; }
.bar.high span { background: var(--warn); }
.bar.full span { background: var(--limit); }
.log-card { display: flex; flex-direction: column; }
.log-list { list-style: none; margin: 0; padding: 0; overflow-y: auto; min-height: 12rem; max-height: 70vh; border: 1px solid var(--line); border-radius: 10px; }
.log-list.errors-only .ok { display: none; }
.entry {
  display: grid; align-items: center; gap: .15rem .6rem; padding: .4rem .6rem; border-bottom: 1px solid var(--line);
  border-left: 4px solid var(--c, var(--off)); font-size: .875rem;
  grid-template-columns: 4.6rem 3.6rem minmax(0, 1fr) auto;
  grid-template-areas: "st m path by" "st t t ms";
}
.entry.fresh { animation: fresh 1.2s ease-out; }
@keyframes fresh { from { background: var(--accent-soft); } to { background: transparent; } }
@media (prefers-reduced-motion: reduce) { .entry.fresh { animation: none; } * { transition: none !important; } }
.entry .st { grid-area: st; justify-self: start; font-weight: 750; font-variant-numeric: tabular-nums; border-radius: 6px; padding: .1rem .4rem; color: var(--c); background: var(--cb); font-size: .82rem; text-align: center; min-width: 3.2rem; }
.entry .m { grid-area: m; font-family: var(--mono); font-weight: 650; font-size: .8rem; }
.entry .path { grid-area: path; font-family: var(--mono); font-size: .85rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.entry .path .q { color: var(--muted); }
.entry .by { grid-area: by; font-size: .8rem; color: var(--muted); white-space: nowrap; }
.entry .by.rule { color: var(--accent); font-weight: 600; }
.entry .t { grid-area: t; color: var(--muted); font-size: .78rem; font-variant-numeric: tabular-nums; }
.entry .ms { grid-area: ms; color: var(--muted); font-size: .78rem; text-align: right; font-variant-numeric: tabular-nums; }
.s2 { --c: var(--ok); --cb: var(--ok-bg); }
.s3 { --c: var(--info); --cb: var(--info-bg); }
.s4 { --c: var(--warn); --cb: var(--warn-bg); }
.s429 { --c: var(--limit); --cb: var(--limit-bg); }
.s5 { --c: var(--err); --cb: var(--err-bg); }
.sf { --c: var(--fault); --cb: var(--fault-bg); }
.legend { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0 0 .6rem; padding: 0; list-style: none; font-size: .75rem; }
.legend li { color: var(--c); background: var(--cb); border-radius: 999px; padding: .05rem .5rem; font-weight: 650; }
.empty { padding: 1rem; color: var(--muted); font-size: .9rem; }
.empty code { display: block; margin-top: .4rem; padding: .5rem; background: var(--soft); border-radius: 6px; overflow-wrap: anywhere; user-select: all; }
.foot { padding: 0 1.25rem 1.5rem; color: var(--muted); font-size: .8rem; }
@media (min-width: 960px) {
  .layout { grid-template-columns: minmax(22rem, 27rem) minmax(0, 1fr); grid-template-rows: auto 1fr; align-items: start; }
  .scenarios { grid-column: 1; grid-row: 1; }
  .side { grid-column: 1; grid-row: 2; }
  .log-card { grid-column: 2; grid-row: 1 / span 2; position: sticky; top: 1rem; height: calc(100vh - 2rem); }
  .log-list { max-height: none; flex: 1; }
}
.side { display: grid; gap: 1rem; min-width: 0; align-content: start; }
@media (min-width: 1280px) {
  .layout { grid-template-columns: minmax(20rem, 25rem) minmax(0, 1fr) minmax(20rem, 23rem); grid-template-rows: auto; }
  .scenarios { grid-column: 1; grid-row: 1; }
  .log-card { grid-column: 2; grid-row: 1; }
  .side { grid-column: 3; grid-row: 1; }
}
.conduct h3 { font-size: .95rem; margin: 1rem 0 .3rem; }
.findings { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
.findings li { border-left: 3px solid var(--fault); background: var(--soft); border-radius: 6px; padding: .45rem .6rem; font-size: .9rem; }
.findings .rule { font-weight: 650; margin-right: .4rem; }
.grid-wrap { overflow-x: auto; }
.coverage { table-layout: auto; min-width: 40rem; }
.coverage td { text-align: center; font-variant-numeric: tabular-nums; }
.coverage td.never { color: var(--muted); font-size: .78rem; background: var(--soft); cursor: help; }
.wide { padding: 0 1.25rem 2rem; }
@media (max-width: 520px) {
  .desc { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
  .scen:has(details[open]) .desc { display: block; }
  .top { padding: .6rem .9rem; } .layout { padding: .75rem .6rem 1.5rem; gap: .75rem; } .wide { padding: 0 .6rem 1.5rem; } .card { padding: .8rem; }
  .entry { grid-template-columns: auto minmax(0, 1fr) auto; grid-template-areas: "st m ms" "path path path" "by by t"; }
  .entry .m { justify-self: start; }
  .entry .t { text-align: right; }
}
`
