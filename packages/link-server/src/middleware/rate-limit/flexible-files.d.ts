// rate-limiter-flexible's own files, imported one by one: its index loads every store it supports
// (Redis, Mongo, SQL, …), twice the start time of the one kept in memory. Types from its index.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import type { RateLimiterMemory } from 'rate-limiter-flexible'

  const Memory: typeof RateLimiterMemory
  export default Memory
}

declare module 'rate-limiter-flexible/lib/RateLimiterRes.js' {
  import type { RateLimiterRes } from 'rate-limiter-flexible'

  const Res: typeof RateLimiterRes
  export default Res
}
