// Builds the three widget bundles with Vite into a temporary folder and reports their gzipped
// sizes: the in-page widget (React left out: the host has it), the embed loader, and the hosted
// page (with Preact, the renderer it bundles). 1 KB = 1000 bytes, as Vite prints it; gzip level 9.
// A bundle's size is what a page loads up front: its entry and the chunks the entry imports
// statically, read from Vite's manifest. Chunks loaded on demand (the language catalogs other
// than English) are measured apart, the largest one reported.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build, defaultClientConditions } from 'vite'
import { defineBenchmark, type Measurement } from '../../../bench/harness.ts'

const widget = fileURLToPath(new URL('..', import.meta.url))

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && /\.(js|css|html)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}

const kb = (bytes: number) => Math.round(bytes / 10) / 100

/**
 * The gzipped size of what loads up front (every file but the on-demand chunks), and of the
 * largest on-demand chunk. `text` is everything built, for the guards below.
 */
async function gzippedKB(folder: string): Promise<{
  kb: number
  largestOnDemandKB: number
  onDemand: number
  text: string
  html: string
}> {
  const manifest = JSON.parse(
    await readFile(join(folder, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>
  const upFront = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || upFront.has(chunk.file)) return
    upFront.add(chunk.file)
    for (const css of chunk.css ?? []) upFront.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  let bytes = 0
  let largest = 0
  let onDemand = 0
  let text = ''
  let html = ''
  for (const file of await filesUnder(folder)) {
    const content = await readFile(file)
    const size = gzipSync(content, { level: 9 }).length
    const name = relative(folder, file)
    text += content.toString('utf8')
    if (file.endsWith('.html')) html += content.toString('utf8')
    // HTML and the stylesheet the hosted page links are up front too (not in the JS graph).
    if (upFront.has(name) || !name.endsWith('.js')) bytes += size
    else {
      onDemand += 1
      largest = Math.max(largest, size)
    }
  }
  return { kb: kb(bytes), largestOnDemandKB: kb(largest), onDemand, text, html }
}

/** A production build of one entry with React external, minified as a host's bundler would. */
async function buildEntry(entry: string, outDir: string) {
  await build({
    configFile: false,
    root: widget,
    logLevel: 'silent',
    plugins: [react()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      modulePreload: false,
      manifest: true,
      rolldownOptions: {
        input: join(widget, entry),
        preserveEntrySignatures: 'exports-only',
        external: [/^react($|\/)/, /^react-dom($|\/)/],
        output: { entryFileNames: '[name].js' },
      },
    },
  })
}

export default defineBenchmark({
  name: 'widget-bundle-size',
  description: 'Gzipped size of the in-page widget, the embed loader and the hosted /link page',
  async run() {
    const temp = await mkdtemp(join(tmpdir(), 'jumplink-widget-size-'))
    try {
      const inPage = join(temp, 'in-page')
      const embed = join(temp, 'embed')
      const hosted = join(temp, 'hosted')
      await buildEntry('src/index.ts', inPage)
      await buildEntry('src/embed/index.ts', embed)
      await build({
        configFile: join(widget, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir: hosted, emptyOutDir: true, manifest: true },
      })

      const sizes = {
        inPage: await gzippedKB(inPage),
        embed: await gzippedKB(embed),
        hosted: await gzippedKB(hosted),
      }
      // Guards on what the sizes mean: zod stays out, the hosted page has no inline script.
      for (const [name, { text }] of Object.entries(sizes)) {
        if (/ZodError|\$ZodType/.test(text)) throw new Error(`zod is in the ${name} bundle`)
      }
      if (/<script(?![^>]*\bsrc=)[^>]*>/.test(sizes.hosted.html)) {
        throw new Error('the hosted page has an inline script')
      }

      const measurements: Measurement[] = [
        {
          name: 'in-page widget, without React (gzip)',
          value: sizes.inPage.kb,
          unit: 'KB',
          target: { max: 15 },
        },
        {
          name: 'largest language catalog, on demand (gzip)',
          value: Math.max(sizes.inPage.largestOnDemandKB, sizes.hosted.largestOnDemandKB),
          unit: 'KB',
        },
        {
          name: 'embed loader (gzip)',
          value: sizes.embed.kb,
          unit: 'KB',
          target: { max: 3 },
        },
        {
          name: 'hosted page with Preact, JS+CSS+HTML (gzip)',
          value: sizes.hosted.kb,
          unit: 'KB',
          target: { max: 80 },
        },
      ]
      return measurements
    } finally {
      await rm(temp, { recursive: true, force: true })
    }
  },
})
