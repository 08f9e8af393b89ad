// `npm run build`: the ES module build (tsc), then a CommonJS bundle of the main entry for
// consumers that cannot load ES modules (Jest's default config), in dist/cjs/.
import { execFileSync } from 'node:child_process'
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const require = createRequire(import.meta.url)

await rm(dist, { recursive: true, force: true })
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)

const esbuild = await import('esbuild')

// Modules that load at run time from node_modules: CommonJS already, required lazily by the code.
const external = ['ajv', 'ajv-formats', 'yaml']

// Each module's `import.meta.url` is where it sits in the ES build (dist/<path>.js), so relative
// URLs to schema/ and scenarios/ and package.json resolve as they do there.
const metaUrl = {
  name: 'import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist)) return undefined
      const text = await readFile(args.path, 'utf8')
      const at = JSON.stringify(relative(dist, args.path).split('\\').join('/'))
      return { contents: text.replaceAll('import.meta.url', `__mockapiUrl(${at})`), loader: 'js' }
    })
  },
}

const banner = {
  js: "const __mockapiUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', p)).href;",
}

// The `/vitest` entry needs none: Vitest itself is ES modules only, and Node's require(esm)
// loads that entry's ES build.
await esbuild.build({
  entryPoints: [join(dist, 'index.js')],
  outfile: join(dist, 'cjs', 'index.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  plugins: [metaUrl],
  banner,
  logLevel: 'warning',
  legalComments: 'inline',
})
await writeFile(join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n')
// The declarations again under dist/cjs/, where that package.json makes them CommonJS ones, so a
// TypeScript project compiled to CommonJS may import the package without error TS1479.
for (const entry of await readdir(dist, { withFileTypes: true })) {
  if (entry.name === 'cjs') continue
  await cp(join(dist, entry.name), join(dist, 'cjs', entry.name), {
    recursive: true,
    filter: (source) => !/\.js$/.test(source),
  })
}
