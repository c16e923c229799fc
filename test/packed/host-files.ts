// What a host writes in its own project, outside this repository: used by the packed-install test.

/** A backend script: the whole link flow through @jumplink/client, then every user. */
export const READ_USERS_SCRIPT = `
import { createJumpLinkClient } from '@jumplink/client'

const { SERVER_URL, SECRET_KEY, API_KEY } = process.env
const jumplink = createJumpLinkClient({ baseUrl: SERVER_URL, secretKey: SECRET_KEY })
const { link_token } = await jumplink.linkSessions.create({
  end_user: { id: 'packed-user', email: 'it@acme.example' },
})

// What the widget does in the admin's browser, over the link API.
async function linkCall(path, body) {
  const response = await fetch(SERVER_URL + path, {
    method: 'POST',
    headers: { authorization: 'Bearer ' + link_token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(path + ' answered ' + response.status + ' ' + (await response.text()))
  return response.json()
}
const { organizations } = await linkCall('/v1/link/organizations', { api_key: API_KEY, region: 'us' })
const { public_token } = await linkCall('/v1/link/complete', {
  api_key: API_KEY,
  region: 'us',
  organization_id: organizations[0].id,
})

const { integration_token } = await jumplink.tokens.exchange(public_token)
let users = 0
for await (const user of jumplink.unified(integration_token).users.all()) {
  if (typeof user.id === 'string') users++
}
console.log(JSON.stringify({ organization: organizations[0].name, users }))
`

/** A Vite React app that renders the widget. */
export const VITE_APP = {
  'index.html':
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>\n',
  'src/main.jsx': `
import { JumpLink } from '@jumplink/widget'
import { createRoot } from 'react-dom/client'

createRoot(document.getElementById('root')).render(
  <JumpLink
    serverUrl="https://links.example"
    fetchLinkToken={() => fetch('/api/link-token').then((r) => r.json()).then((b) => b.link_token)}
    onSuccess={({ publicToken }) => console.log(publicToken)}
  />,
)
`,
  'vite.config.mjs': `
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
export default defineConfig({ plugins: [react()] })
`,
}
