/**
 * The control page's body. Empty lists are filled by the script from the JSON admin routes; every
 * control is a native element, so Tab reaches it and Space or Enter works it.
 */
export const PAGE_MARKUP = `
<a class="skip" href="#log">Skip to the live log</a>
<header class="top">
  <div class="brand"><span class="logo" aria-hidden="true">m</span><h1>mockapi <span>control</span></h1></div>
  <dl class="facts" id="facts" aria-label="Server"></dl>
  <div class="conn" id="conn" role="status">Connecting…</div>
</header>
<div id="notice" class="notice" role="status" aria-live="polite" hidden></div>
<noscript><p class="notice error">The control page needs JavaScript. The same controls are at /__mockapi/state and the other admin routes.</p></noscript>

<section id="gate" class="card gate" aria-labelledby="gate-title" hidden>
  <h2 id="gate-title">Admin token needed</h2>
  <p id="gate-text" class="hint"></p>
  <form id="gate-form">
    <label for="gate-token">Admin token</label>
    <input id="gate-token" type="password" autocomplete="off" spellcheck="false" required>
    <button class="primary" type="submit">Use token</button>
  </form>
  <p class="hint">Kept in this browser tab only (session storage), sent as <code>Authorization: Bearer …</code>.</p>
</section>

<main id="main" class="layout" hidden>
  <section class="card scenarios" aria-labelledby="scen-title">
    <div class="card-head">
      <h2 id="scen-title">Scenarios</h2><span class="count" id="scen-count"></span>
      <div class="end"><button type="button" id="scen-off">All off</button></div>
    </div>
    <p class="hint" id="scen-active"></p>
    <input type="search" id="scen-filter" placeholder="Filter scenarios…" aria-label="Filter scenarios" hidden>
    <ul class="scen-list" id="scen-list" aria-label="Available scenarios"></ul>
  </section>

  <section class="card log-card" id="log" aria-labelledby="log-title" tabindex="-1">
    <div class="card-head">
      <h2 id="log-title">Live requests</h2><span class="count" id="log-count">0</span>
      <div class="end">
        <label class="check hint"><input type="checkbox" id="log-errors"> Errors only</label>
        <button type="button" id="log-pause" aria-pressed="false">Pause</button>
        <button type="button" id="log-clear">Clear</button>
      </div>
    </div>
    <ul class="legend" aria-label="Colours">
      <li class="s2">2xx</li><li class="s4">4xx</li><li class="s429">429</li><li class="s5">5xx</li><li class="sf">fault</li>
    </ul>
    <ol class="log-list" id="log-list" tabindex="0" aria-label="Requests, newest first"></ol>
    <div class="empty" id="log-empty"></div>
  </section>

  <div class="side">
    <section class="card server" aria-labelledby="server-title">
      <h2 id="server-title">Server</h2>
      <div class="row-line">
        <input type="checkbox" role="switch" class="switch" id="maint" aria-describedby="maint-hint">
        <div class="grow"><label for="maint"><strong>Maintenance mode</strong></label>
          <p class="hint" id="maint-hint">Every API route answers 503 with Retry-After.</p></div>
      </div>
      <div class="row-line">
        <div class="grow"><div class="hint">Virtual clock</div>
          <div class="clock-now" id="clock-now">—</div><div class="hint" id="clock-offset"></div></div>
        <form class="advance" id="clock-form">
          <label for="clock-by" class="hint">Advance by</label>
          <input type="text" id="clock-by" placeholder="90s, 5m, 2h" autocomplete="off" aria-describedby="clock-error">
          <button type="submit">Advance</button>
          <p class="field-error" id="clock-error" hidden></p>
          <div class="presets" role="group" aria-label="Advance by a preset">
            <button type="button" data-advance="1m">+1 min</button>
            <button type="button" data-advance="5m">+5 min</button>
            <button type="button" data-advance="1h">+1 hour</button>
            <button type="button" data-advance="24h">+1 day</button>
          </div>
        </form>
      </div>
      <div class="row-line">
        <div class="grow"><strong>Reset</strong><p class="hint">Data back to the seed; counters, journal and clock back to the start.</p></div>
        <button type="button" class="danger" id="reset">Reset…</button>
        <div class="confirm" id="reset-confirm" hidden>
          <p>Reset every record, rate-limit count, scenario counter, the journal and the clock?</p>
          <button type="button" class="danger solid" id="reset-yes">Reset now</button>
          <button type="button" id="reset-no">Cancel</button>
        </div>
      </div>
    </section>

    <section class="card resources" aria-labelledby="res-title">
      <div class="card-head"><h2 id="res-title">Resources</h2><span class="count" id="res-count"></span></div>
      <p class="hint" id="res-hint"></p>
      <table><colgroup><col class="who"></colgroup><thead id="res-head"></thead><tbody id="res-body"></tbody></table>
    </section>

    <section class="card limits" aria-labelledby="limits-title">
      <div class="card-head"><h2 id="limits-title">Rate limits</h2></div>
      <p class="hint" id="limits-policy"></p>
      <table><colgroup><col class="who"></colgroup>
        <thead><tr><th>Who</th><th class="num">Used</th><th class="num">Left</th><th class="num">Resets</th></tr></thead>
        <tbody id="limits-body"></tbody>
      </table>
    </section>
  </div>
</main>
<div class="wide">
<section class="card conduct" id="conduct" hidden aria-labelledby="conduct-title">
  <div class="card-head">
    <h2 id="conduct-title">Client conduct</h2><span class="count" id="conduct-count">0</span>
    <div class="end"><button type="button" id="conduct-clear">Clear</button></div>
  </div>
  <p class="hint" id="conduct-summary"></p>
  <ul class="findings" id="conduct-findings" aria-label="Findings, oldest first"></ul>
  <h3>Error-path coverage</h3>
  <p class="hint">Per route, how often each status, fault and latency was met; <em>never</em> marks an error path the client has not met — hover it for how to make it happen.</p>
  <div class="grid-wrap"><table class="coverage"><thead id="coverage-head"></thead><tbody id="coverage-body"></tbody></table></div>
</section>
</div>
<footer class="foot" id="foot"></footer>
`
