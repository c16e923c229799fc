// What a link server start is made of, measured apart. Run with no argument, it is Node with the
// tsx loader and nothing else; with `--open <folder>`, it then loads the store's modules and opens
// the embedded database (PGlite) in that folder, as the link server does at start.
// Prints {"bootMs", "importMs", "openMs", "rssMiB"} (times from the process's own start) and exits.
const bootMs = performance.now()
const index = process.argv.indexOf('--open')
const folder = index >= 0 ? process.argv[index + 1] : undefined
let importMs = 0
let openMs = 0
let close = async () => {}
if (folder) {
  const started = performance.now()
  const { openPGliteStore } = await import('../../packages/link-server/src/storage/open.ts')
  importMs = performance.now() - started
  const opening = performance.now()
  const store = await openPGliteStore({ dataDir: folder })
  openMs = performance.now() - opening
  close = () => store.close()
}
await new Promise((resolve) => setTimeout(resolve, 500))
const rssMiB = process.memoryUsage().rss / 2 ** 20
await close()
process.stdout.write(`${JSON.stringify({ bootMs, importMs, openMs, rssMiB })}\n`)

// A module (top-level await), with no static import that would load before `bootMs` is read.
export {}
