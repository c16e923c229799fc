/** The example backend as a fetch handler (see backend.mjs). */
export function createBackend(options: {
  linkServerUrl: string
  secretKey: string | undefined
}): (request: Request) => Promise<Response>
