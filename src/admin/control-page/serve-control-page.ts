import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import type { AppEnv } from '../../http/app-env.js'
import { pendingHeaders } from '../../http/respond.js'
import { PAGE_MARKUP } from './page-markup.js'
import { PAGE_STYLE } from './page-style.js'
import { SCRIPT_CONDUCT } from './script-conduct.js'
import { SCRIPT_CONTROLS } from './script-controls.js'
import { SCRIPT_CORE } from './script-core.js'
import { SCRIPT_LOG } from './script-log.js'
import { SCRIPT_STATUS } from './script-status.js'

// One scope for the parts; `start` runs once every part has defined its functions.
const SCRIPT = `(() => {\n'use strict'\n${SCRIPT_CORE}${SCRIPT_CONTROLS}${SCRIPT_STATUS}${SCRIPT_CONDUCT}${SCRIPT_LOG}\nstart()\n})()\n`

// A data: icon, so the browser does not ask the mock for /favicon.ico and fill the log with it.
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%232455d6'/%3E%3C/svg%3E"

/** The whole page, made once: it holds no data, which it reads from the JSON admin routes. */
export const CONTROL_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>mockapi control</title>
<link rel="icon" href="${ICON}">
<style>${PAGE_STYLE}</style>
</head>
<body>
${PAGE_MARKUP}
<script>${SCRIPT}</script>
</body>
</html>
`

const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64')

// Only this page's own script runs, and it talks only to this server.
const POLICY = [
  "default-src 'none'",
  `script-src 'sha256-${SCRIPT_HASH}'`,
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** `GET /__mockapi/`: the control page, open to all since it holds no data. */
export function serveControlPage(c: Context<AppEnv>): Response {
  return new Response(CONTROL_PAGE_HTML, {
    status: 200,
    headers: {
      ...pendingHeaders(c),
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': POLICY,
      // For browsers older than frame-ancestors.
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  })
}
