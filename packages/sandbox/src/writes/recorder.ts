import { createMiddleware } from 'hono/factory'
import type { SandboxEnv } from '../env.ts'

export interface WriteRequest {
  method: string
  path: string
}

/**
 * Records every write that reaches the sandbox's JumpCloud paths, answered or refused, so tests
 * can count what got through to "the directory" (one upstream call, or none).
 */
export function createWriteRecorder() {
  const requests: WriteRequest[] = []
  const middleware = createMiddleware<SandboxEnv>(async (c, next) => {
    const method = c.req.method.toUpperCase()
    // `POST /api/search/…` reads (V1 `User_Search`, `System_Search`).
    const read = method === 'GET' || method === 'HEAD' || c.req.path.startsWith('/api/search/')
    if (!read) requests.push({ method, path: c.req.path })
    await next()
  })
  return {
    middleware,
    list: (): readonly WriteRequest[] => [...requests],
    reset: () => {
      requests.length = 0
    },
  }
}
