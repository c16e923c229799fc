// The demo host app's server: `PORT`, `JUMPLINK_URL` (the link server) and
// `JUMPLINK_SECRET_KEY` (default: the link server's demo-mode secret). Serves the built front
// from dist/web (`pnpm --filter @jumplink/example-host-app build`).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createJumpLinkClient } from '@jumplink/client'
import { createHostApp } from './app'
import { createTokenStore } from './token-store'

const DEMO_SECRET_KEY = 'jl_sk_demo_development_secret_only_for_local_host'

const port = Number(process.env.PORT ?? 5173)
const linkServerUrl = process.env.JUMPLINK_URL ?? 'http://localhost:3100'
const webDir = fileURLToPath(new URL('../../dist/web', import.meta.url))
const dataFile = fileURLToPath(new URL('../../.data/integration-tokens.json', import.meta.url))

if (!existsSync(webDir)) {
  console.error('The front is not built: run `pnpm --filter @jumplink/example-host-app build`.')
  process.exit(1)
}

const secretKey = process.env.JUMPLINK_SECRET_KEY ?? DEMO_SECRET_KEY
// Where the link server delivers signed webhooks; `off` to read the pull feed only.
const webhookUrl = process.env.WEBHOOK_URL ?? `http://localhost:${port}/webhooks/jumplink`

const app = createHostApp({
  jumplink: createJumpLinkClient({ baseUrl: linkServerUrl, secretKey }),
  linkServerUrl,
  tokens: createTokenStore(dataFile),
  webDir,
  ...(webhookUrl === 'off' ? {} : { webhook: { url: webhookUrl, secretKey } }),
})

const server = serve(
  { fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' },
  (info) => {
    console.warn(`Host app listening on http://localhost:${info.port}`)
  },
)
const stop = () => server.close(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
