#!/usr/bin/env node
// `pnpm sandbox`: serves the sandbox and prints its URL and scenario keys.
import { main } from './cli/main.ts'

await main(process.argv.slice(2))
