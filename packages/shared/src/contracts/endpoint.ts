import type { z } from 'zod'

/** Who may call an endpoint, and with which bearer credential. */
export type EndpointAuth = 'secret_key' | 'link_token' | 'integration_token' | 'none'

/**
 * One HTTP endpoint as data: the server builds its route (and the OpenAPI document) from it,
 * and the SDK and widget build their calls from it, so both sides read the same contract.
 */
export interface Endpoint<
  TBody extends z.ZodType | undefined = z.ZodType | undefined,
  TQuery extends z.ZodType | undefined = z.ZodType | undefined,
  TResponse extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Hono-style path; `:name` marks a path parameter. */
  path: string
  auth: EndpointAuth
  summary: string
  body: TBody
  query: TQuery
  /** Status of a successful answer. */
  status: 200 | 201 | 202
  response: TResponse
}

export function defineEndpoint<
  TBody extends z.ZodType | undefined,
  TQuery extends z.ZodType | undefined,
  TResponse extends z.ZodType,
>(endpoint: Endpoint<TBody, TQuery, TResponse>): Endpoint<TBody, TQuery, TResponse> {
  return endpoint
}
