import { z } from 'zod'
import { ConnectionSchema } from './connections'
import { defineEndpoint } from './endpoint'

export const ExchangeTokenRequestSchema = z
  .strictObject({
    public_token: z.string().trim().min(1).max(256),
  })
  .meta({ id: 'ExchangeTokenRequest' })

export const ExchangeTokenResponseSchema = z
  .object({
    integration_token: z.string(),
    connection: ConnectionSchema,
  })
  .meta({ id: 'ExchangeTokenResponse' })

export const exchangeToken = defineEndpoint({
  method: 'POST',
  path: '/v1/tokens/exchange',
  auth: 'secret_key',
  summary: 'Exchange a one-time public token for an integration token',
  body: ExchangeTokenRequestSchema,
  query: undefined,
  status: 200,
  response: ExchangeTokenResponseSchema,
})

export type ExchangeTokenRequest = z.infer<typeof ExchangeTokenRequestSchema>
export type ExchangeTokenResponse = z.infer<typeof ExchangeTokenResponseSchema>
