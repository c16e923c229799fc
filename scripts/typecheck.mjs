// Typechecks every TypeScript project in the workspace, test files included.
// Incremental (build info kept under node_modules/.cache) and at most one tsc per core, so a
// second run is quick and a run does not starve the machine.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const projects = [
  '.',
  'test',
  ...['packages', 'examples'].flatMap((dir) =>
    readdirSync(join(root, dir)).map((name) => join(dir, name)),
  ),
].filter((dir) => existsSync(join(root, dir, 'tsconfig.json')))

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const cache = join(root, 'node_modules', '.cache', 'tsc')

function check(dir) {
  const buildInfo = join(cache, `${dir.replaceAll(/[\\/]/g, '_') || 'root'}.tsbuildinfo`)
  return new Promise((resolve) => {
    const args = [
      tsc,
      '-p',
      join(root, dir),
      '--pretty',
      '--incremental',
      '--tsBuildInfoFile',
      buildInfo,
    ]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('close', (code) => resolve({ dir, code, output }))
  })
}

const results = []
const queue = [...projects]
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), projects.length) }, async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift())
      results.push(await check(dir))
  }),
)
results.sort((a, b) => projects.indexOf(a.dir) - projects.indexOf(b.dir))
for (const { dir, code, output } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${dir}`)
  if (code !== 0) console.log(output)
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
