import { SCENARIO_DESCRIPTIONS, SCENARIO_KEYS, type Scenario } from '../keys.ts'
import { SCENARIO_SERVICE_ACCOUNTS } from '../service-accounts.ts'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/**
 * The sandbox's root page: it is not JumpCloud's console, only a list of the scenario keys and
 * service accounts to paste into the widget and the paths it answers. No script, no external
 * resource.
 */
export function homePage(requestUrl: string): string {
  const base = new URL(requestUrl).origin
  const rows = (Object.entries(SCENARIO_KEYS) as [Scenario, string][])
    .map(
      ([name, key]) =>
        `<tr><th scope="row">${escapeHtml(name)}</th><td><code>${escapeHtml(key)}</code></td><td>${escapeHtml(SCENARIO_DESCRIPTIONS[name])}</td></tr>`,
    )
    .join('\n')
  const accounts = Object.entries(SCENARIO_SERVICE_ACCOUNTS)
    .map(
      ([name, { clientId, clientSecret }]) =>
        `<tr><th scope="row">${escapeHtml(name)}</th><td><code>${escapeHtml(clientId)}</code></td><td><code>${escapeHtml(clientSecret)}</code></td></tr>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>JumpCloud sandbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #d5d9e0;vertical-align:top}
code{font-family:ui-monospace,Menlo,monospace;word-break:break-all}</style></head>
<body><main>
<h1>JumpCloud sandbox</h1>
<p>A stand-in for JumpCloud's API with generated organizations. Paste one of these keys into the
JumpLink widget, or send it as <code>x-api-key</code> to <code>${escapeHtml(base)}/api</code>,
<code>/api/v2</code> and <code>/insights/directory/v1</code>.</p>
<table><caption>Scenario keys</caption>
<thead><tr><th scope="col">Scenario</th><th scope="col">Key</th><th scope="col">What happens</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Or choose a service account in the widget: its token endpoint is <code>${escapeHtml(base)}/oauth2/token</code>.</p>
<table><caption>Scenario service accounts</caption>
<thead><tr><th scope="col">Scenario</th><th scope="col">Client id</th><th scope="col">Client secret</th></tr></thead>
<tbody>
${accounts}
</tbody></table>
<p>Changing data while it runs (rotating a key, suspending a user): <code>${escapeHtml(base)}/_sandbox</code>,
described in <code>packages/sandbox/README.md</code>.</p>
</main></body></html>
`
}
