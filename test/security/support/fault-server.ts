import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** How the stand-in directory answers, until told otherwise. */
export type Fault =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** 200 with a body cut off mid-JSON (the length header matches what is sent). */
  | { kind: 'truncated' }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Sends 200 and the start of a body, then nothing more. */
  | { kind: 'stall-body' }
  /** Destroys the connection without a byte. */
  | { kind: 'reset' }

export const FAULT_ORG_ID = '64b0c1d2e3f4a5b6c7d8e9f0'

/**
 * A tiny JumpCloud stand-in that misbehaves on demand: the edge we cannot reach, played badly
 * on purpose. It answers the organization list when healthy (so links complete), and counts
 * every request: how many arrived, how many are open right now, the most open at once.
 */
export async function startFaultServer() {
  let fault: Fault = { kind: 'ok' }
  const counts = { requests: 0, open: 0, maxOpen: 0 }
  const held = new Set<ServerResponse>()
  const sockets = new Set<Socket>()
  /** A body no caller may ever see: JumpLink must not relay the directory's error text. */
  const marker = `UPSTREAM-BODY-${randomBytes(8).toString('hex')}`

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    counts.requests++
    counts.open++
    counts.maxOpen = Math.max(counts.maxOpen, counts.open)
    // 'close' fires when the answer is done or the caller went away: the request is no longer open.
    res.once('close', () => {
      counts.open--
      held.delete(res)
    })
    req.resume()
    answer(fault, req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  function answer(current: Fault, req: IncomingMessage, res: ServerResponse) {
    switch (current.kind) {
      case 'ok': {
        const path = req.url ?? ''
        const body = path.startsWith('/api/organizations')
          ? { totalCount: 1, results: [{ _id: FAULT_ORG_ID, displayName: 'Fault Org' }] }
          : path.startsWith('/api/v2/')
            ? []
            : { totalCount: 0, results: [] }
        res.writeHead(200, { 'content-type': 'application/json', 'x-total-count': '0' })
        res.end(JSON.stringify(body))
        return
      }
      case 'status':
        res.writeHead(current.status, { 'content-type': 'application/json', ...current.headers })
        res.end(current.body ?? JSON.stringify({ error: marker, message: `${marker} stack: at x` }))
        return
      case 'truncated': {
        const cut = `{"totalCount": 3, "results": [{"_id": "${marker}", "email": "a@b`
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': cut.length })
        res.end(cut)
        return
      }
      case 'hang':
        held.add(res)
        return
      case 'stall-body':
        held.add(res)
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
        res.write('{"totalCount": 3, "results": [')
        return
      case 'reset':
        req.socket.destroy()
        return
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    marker,
    counts,
    set(next: Fault) {
      fault = next
    },
    /** Starts counting afresh (the highest number open at once, and the requests). */
    resetCounts() {
      counts.requests = 0
      counts.maxOpen = counts.open
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type FaultServer = Awaited<ReturnType<typeof startFaultServer>>
