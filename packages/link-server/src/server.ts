// The link server's Node entry for development and tests (`pnpm start`, through tsx): reads the
// environment, builds the link server, listens. Installed, the same runs as `jumplink-server start`.
import { startLinkServer } from './start'

void startLinkServer().catch((error: unknown) => {
  console.error('The link server failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
