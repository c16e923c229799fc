// Typechecks every TypeScript project in the workspace, test files included.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
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
const results = await Promise.all(
  projects.map(
    (dir) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [tsc, '-p', join(root, dir), '--pretty'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let output = ''
        child.stdout.on('data', (chunk) => {
          output += chunk
        })
        child.stderr.on('data', (chunk) => {
          output += chunk
        })
        child.on('close', (code) => resolve({ dir, code, output }))
      }),
  ),
)
for (const { dir, code, output } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${dir}`)
  if (code !== 0) console.log(output)
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
