// Builds the page into dist/: index.html, one script and one style sheet, their names carrying a
// content hash so they can be cached for good while index.html is revalidated.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const page = join(root, 'page');
const dist = join(root, 'dist');

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await build({
  entryPoints: { app: join(page, 'main.ts'), style: join(page, 'styles.css') },
  outdir: dist,
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs);
const entryFor = (suffix) => {
  const found = outputs.find(([file, meta]) => meta.entryPoint && file.endsWith(suffix));
  if (!found) throw new Error(`build: no ${suffix} output`);
  return basename(found[0]);
};

const template = await readFile(join(page, 'index.html'), 'utf8');
const html = template.replace('%APP_JS%', entryFor('.js')).replace('%APP_CSS%', entryFor('.css'));
if (html.includes('%APP_')) throw new Error('build: a placeholder in index.html was not replaced');
await writeFile(join(dist, 'index.html'), html);
await copyFile(join(page, 'favicon.svg'), join(dist, 'favicon.svg'));
