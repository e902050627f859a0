// Builds the widget into the folder given as the first argument (default: dist/):
//   loader.js              the script tag's target; short-cached, so it always names the current panel
//   panel.<hash>.js        the chat panel, named by its content's hash; cached for a year
// each beside a .gz and a .br twin, plus manifest.json. Prints raw and gzipped sizes and fails when the loader
// passes 3 KB or the panel 25 KB gzipped. Same input, same bytes out.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';

const out = resolve(process.argv[2] || 'dist');
const budgets = { loader: 3 * 1024, panel: 25 * 1024 };
// CSS files are imported as minified strings: the loader and the panel put them into their shadow root.
const cssAsText = {
  name: 'css-as-text',
  setup(builder) {
    builder.onLoad({ filter: /\.css$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true, target: ['chrome90', 'firefox90', 'safari15'] });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};
const common = { plugins: [cssAsText], bundle: true, minify: true, write: false, target: ['es2020'], legalComments: 'none', charset: 'utf8', logLevel: 'warning' };

// The longest message Bob takes is stated once, as ChatLimits.MessageMax in the contract assembly; the panel's composer
// is built with that number (MESSAGE_MAX), so the widget and the server cannot disagree. A missing constant stops the
// build.
function messageMax() {
  const contracts = '../src/Grains.Abstractions';
  for (const file of readdirSync(contracts, { recursive: true })) {
    if (!file.endsWith('.cs') || /^(bin|obj)[\\/]/.test(file)) {
      continue;
    }
    const found = /static class ChatLimits\s*\{[^}]*?\bconst int MessageMax = (\d+);/.exec(readFileSync(join(contracts, file), 'utf8'));
    if (found) {
      return found[1];
    }
  }
  throw new Error('ChatLimits.MessageMax was not found under ' + contracts);
}

async function bundle(options) {
  const result = await build({ ...common, ...options });
  return Buffer.from(result.outputFiles[0].contents);
}

const panel = await bundle({ entryPoints: ['src/panel/index.js'], format: 'esm', define: { MESSAGE_MAX: messageMax() } });
const panelFile = `panel.${createHash('sha256').update(panel).digest('hex').slice(0, 12)}.js`;
const loader = await bundle({ entryPoints: ['src/loader.js'], format: 'iife', define: { PANEL_FILE: JSON.stringify(panelFile) } });

mkdirSync(out, { recursive: true });
for (const stale of readdirSync(out)) {
  rmSync(join(out, stale), { recursive: true, force: true });
}

const sizes = [];
function emit(name, bytes, budget) {
  const gzip = gzipSync(bytes, { level: 9 });
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  writeFileSync(join(out, name), bytes);
  writeFileSync(join(out, name + '.gz'), gzip);
  writeFileSync(join(out, name + '.br'), brotli);
  sizes.push({ name, raw: bytes.length, gzip: gzip.length, brotli: brotli.length, budget });
}

emit('loader.js', loader, budgets.loader);
emit(panelFile, panel, budgets.panel);
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ loader: 'loader.js', panel: panelFile, sizes }, null, 2) + '\n');

const kb = (n) => (n / 1024).toFixed(1).padStart(5) + ' KB';
console.log('widget build -> ' + out);
for (const s of sizes) {
  console.log(`  ${s.name.padEnd(24)} raw ${kb(s.raw)}   gzip ${kb(s.gzip)}   br ${kb(s.brotli)}   (budget ${kb(s.budget)} gzip)`);
}
const over = sizes.filter((s) => s.gzip > s.budget);
if (over.length > 0) {
  console.error('error: over the gzip budget: ' + over.map((s) => `${s.name} ${s.gzip} > ${s.budget} bytes`).join(', '));
  process.exit(1);
}
