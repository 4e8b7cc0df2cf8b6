// vnu: the Nu Html Checker over every HTML page and every stylesheet of the build.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { walk, plural } from '../lib/util.mjs';

const require = createRequire(import.meta.url);
const JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

function runVnu(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.env.JAVA || 'java',
      ['-Xss4m', '-jar', JAR, '--errors-only', '--format', 'json', '--exit-zero-always', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      // vnu writes its JSON report to stderr; be tolerant and look at both.
      const text = [err, out].find((t) => t.trim().startsWith('{'));
      if (!text) return reject(new Error(`vnu exited ${code} without a report:\n${err}${out}`));
      try {
        resolve(JSON.parse(text).messages ?? []);
      } catch (e) {
        reject(new Error(`vnu report is not JSON (${e.message}):\n${text.slice(0, 2000)}`));
      }
    });
  });
}

function rel(dir, url) {
  const file = url?.startsWith('file:') ? decodeURIComponent(new URL(url).pathname) : url ?? '?';
  return path.relative(dir, file);
}

export default {
  name: 'vnu',
  title: 'HTML and CSS validity (Nu Html Checker)',
  async run({ sites }) {
    // This repository's site, a site fresh from `fansite init`, the two fixtures and the
    // generated series, with and without pictures and videos.
    const dirs = [sites.sub, sites.init, sites.fixture, sites.seasons, sites.corpus, sites.pictures].filter(Boolean).map((site) => site.dir);
    const { dir } = sites.sub;
    const pages = [];
    const sheets = [];
    for (const d of dirs) {
      pages.push(...(await walk(d, '.html')).map((f) => path.join(d, f)));
      sheets.push(...(await walk(d, '.css')).map((f) => path.join(d, f)));
    }
    // One JVM for both (the same as `vnu --skip-non-html DIR` plus `vnu --css` on each
    // stylesheet, in half the time): --also-check-css checks the .css files as CSS.
    const files = [...pages, ...sheets];
    const messages = await runVnu(['--skip-non-html', '--also-check-css', ...files]);
    const problems = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const details = problems.map((m) => {
      const where = `${rel(path.dirname(dir), m.url)}${m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : ''}`;
      const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
      return `${where}: ${m.message}${extract}`;
    });
    const cssErrors = problems.filter((m) => String(m.url).endsWith('.css')).length;
    const htmlErrors = problems.length - cssErrors;
    return {
      ok: problems.length === 0,
      figure:
        `${plural(problems.length, 'error')} in ${plural(pages.length, 'page')}, ${plural(sheets.length, 'stylesheet')}` +
        (problems.length ? ` (HTML ${htmlErrors}, CSS ${cssErrors})` : ''),
      details,
    };
  },
};
