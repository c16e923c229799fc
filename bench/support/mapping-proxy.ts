// The floor of any server that maps a page of users, as its own process: a bare node:http server
// doing only the work no mapping design avoids, with nothing of the link server around it (no
// framework, middleware, token, stored connection, credential, cursor, log or metrics).
//   GET /users  the same upstream call the link server makes for `?limit=100` (undici `request`
//               on a keep-alive Agent, `sort=_id`, the mapper's USER_FIELDS, key and x-org-id),
//               JSON.parse of the page, the real `mapUser` of each record (with the admins'
//               roles, read once at start as the link server keeps them), JSON.stringify of
//               `{result, next_cursor, total}` (the cursor the plain next offset), one res.end.
//   GET /bytes  the same upstream call, its bytes passed on as they came: the cost of the hop.
// Each call makes its own upstream call, as the link server's calls on different connections do.
// Each step of /users is a named function (parsePage, mapPage, stringifyPage, writePage): the
// bench profiles this process too, by stage.
// Usage: node --import tsx --conditions=source bench/support/mapping-proxy.ts <sandbox url>
//   <api key> <organization id>  (bench/support/processes.ts starts it for `pnpm bench`).
// Prints one JSON line, {"url": "http://127.0.0.1:PORT"}, once it listens.
import { createServer, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { indexAdminRoles } from '../../packages/link-server/src/providers/jumpcloud/mappers/role.ts'
import {
  mapUser,
  USER_FIELDS,
} from '../../packages/link-server/src/providers/jumpcloud/mappers/user.ts'
import type {
  AdminRecord,
  SystemUserRecord,
} from '../../packages/link-server/src/providers/jumpcloud/records.ts'

// undici is the link server's dependency (its directory transport), not the workspace root's.
const ROOT = join(import.meta.dirname, '..', '..')
const undici = createRequire(join(ROOT, 'packages', 'link-server', 'package.json'))('undici') as {
  Agent: new () => object
  request(
    url: string,
    options: { headers: Record<string, string>; dispatcher: object },
  ): Promise<{ statusCode: number; body: { text(): Promise<string> } }>
}

const [sandboxUrl, apiKey, organizationId] = process.argv.slice(2)
if (!sandboxUrl || !apiKey || !organizationId) {
  throw new Error('usage: mapping-proxy.ts <sandbox url> <api key> <organization id>')
}
const LIMIT = 100
const PAGE_URL = `${sandboxUrl}/api/systemusers?${new URLSearchParams({
  sort: '_id',
  fields: USER_FIELDS.join(' '),
  skip: '0',
  limit: String(LIMIT),
})}`
const HEADERS = { accept: 'application/json', 'x-api-key': apiKey, 'x-org-id': organizationId }
const agent = new undici.Agent()

async function upstream(url: string): Promise<string> {
  const answer = await undici.request(url, { headers: HEADERS, dispatcher: agent })
  const text = await answer.body.text()
  if (answer.statusCode !== 200) throw new Error(`upstream ${answer.statusCode}`)
  return text
}

const admins = JSON.parse(await upstream(`${sandboxUrl}/api/users?skip=0&limit=100`)) as {
  results: AdminRecord[]
}
const adminRolesByEmail = indexAdminRoles(admins.results)

// Each step its own function, so that a CPU profile (`--cpu-prof`) tells them apart by name.
function parsePage(text: string): { results: SystemUserRecord[]; totalCount: number } {
  return JSON.parse(text) as { results: SystemUserRecord[]; totalCount: number }
}

function mapPage(records: SystemUserRecord[]) {
  return records.map((record) => mapUser(record, { organizationId, adminRolesByEmail }))
}

function stringifyPage(result: unknown[], totalCount: number): string {
  const next = LIMIT < totalCount ? String(LIMIT) : null
  return JSON.stringify({ result, next_cursor: next, total: totalCount })
}

function writePage(res: ServerResponse, body: string): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

const server = createServer(async (req, res) => {
  try {
    const text = await upstream(PAGE_URL)
    let body = text
    if (req.url === '/users') {
      const page = parsePage(text)
      body = stringifyPage(mapPage(page.results), page.totalCount)
    } else if (req.url !== '/bytes') {
      res.writeHead(404).end()
      return
    }
    writePage(res, body)
  } catch (error) {
    res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error))
  }
})
// Exit on SIGTERM (how the bench stops it) through process.exit, so that `--cpu-prof` writes
// its profile.
process.once('SIGTERM', () => process.exit(0))
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`)
})
