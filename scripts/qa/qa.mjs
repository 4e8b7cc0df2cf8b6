#!/usr/bin/env node
// The browser quality suite: builds the site, serves it on 127.0.0.1, runs the checks,
// prints one line per check and a summary table. Started by run.sh (which installs what it
// needs); `node qa.mjs --help` lists the options.

import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './lib/server.mjs';
import { launchBrowser, tempDir, removeDir, table } from './lib/util.mjs';
import vnu from './checks/vnu.mjs';
import jsonld from './checks/jsonld.mjs';
import serveCheck from './checks/serve.mjs';
import axe from './checks/axe.mjs';
import consoleCheck from './checks/console.mjs';
import search from './checks/search.mjs';
import screenshots from './checks/screenshots.mjs';
import lighthouse from './checks/lighthouse.mjs';
import links from './checks/links.mjs';
import deploy from './checks/deploy.mjs';
import media from './checks/media.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
// Lighthouse goes last, after the shared browser has closed, so it has the CPU to itself.
const CHECKS = [vnu, links, jsonld, axe, consoleCheck, media, search, screenshots, deploy, serveCheck, lighthouse];
const DETAIL_LINES = Number(process.env.QA_DETAIL_LINES || 40);

const SUB = (process.env.QA_BASE_PATH || '/the-defiant-ones/').replace(/^\/*/, '/').replace(/\/*$/, '/');
const PUBLIC_HOST = 'https://example.org';

function usage() {
  console.log(`usage: bash scripts/qa/run.sh [CHECK ...] [--keep] [--list]

Checks (all when none is named): ${CHECKS.map((c) => c.name).join(', ')}
  --keep   keep the built sites (their folders are printed) instead of deleting them
  --list   print the checks and exit

Environment: FANSITE_BIN (the fansite binary), QA_POSTBUILD (shell command run after each
build with QA_SITE_DIR and QA_BASE_URL set), QA_SCREENSHOTS (screenshot folder),
QA_REPORTS (report folder), QA_JOBS (pages at once, default 2), QA_LH_PRESETS
(mobile,desktop), QA_LH_MIN (95), QA_AXE_SCHEMES (light,dark), CHROME_PATH.`);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  usage();
  process.exit(0);
}
if (args.includes('--list')) {
  for (const c of CHECKS) console.log(`${c.name.padEnd(12)} ${c.title}`);
  process.exit(0);
}
const keep = args.includes('--keep');
const wanted = args.filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !CHECKS.some((c) => c.name === w));
if (unknown.length) {
  console.error(`qa: unknown check ${unknown.join(', ')}; the checks are ${CHECKS.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? CHECKS.filter((c) => wanted.includes(c.name)) : CHECKS;

const bin = process.env.FANSITE_BIN || path.join(REPO, 'target/release/fansite');
const screenshotsDir = path.resolve(process.env.QA_SCREENSHOTS || path.join(HERE, 'screenshots'));
const reportsDir = path.resolve(process.env.QA_REPORTS || path.join(HERE, 'reports'));

function build(dir, baseUrl, root = REPO) {
  const t = Date.now();
  const r = spawnSync(bin, ['build', '--root', root, '--output', dir, '--base-url', baseUrl], { cwd: REPO, encoding: 'utf8' });
  if (r.error) throw new Error(`could not run ${bin}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`fansite build --base-url ${baseUrl} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  console.log(`build: ${r.stdout.trim()} [--base-url ${baseUrl}] (${Date.now() - t} ms)`);
  // A step the deployment runs after the build (e.g. indexing for search), as a shell command.
  if (process.env.QA_POSTBUILD) {
    const p = spawnSync('bash', ['-c', process.env.QA_POSTBUILD], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, QA_SITE_DIR: dir, QA_BASE_URL: baseUrl },
    });
    if (p.status !== 0) throw new Error(`QA_POSTBUILD failed (exit ${p.status}) for ${dir}:\n${p.stderr}${p.stdout}`);
  }
}

const started = Date.now();
const work = await tempDir('fansite-qa-');
const servers = [];
const results = [];
let browser = null;
let exitCode = 0;

try {
  // Servers first: the Lighthouse copy is built with the port in its base URL.
  // Besides this repository's site: a site fresh from `fansite init`, the fixture of a
  // site under a sub-path with root-relative Markdown links, an image and aliases, and the
  // fixture of a series in three seasons (season pages, a paginated guide), and a generated
  // series of 250 episodes in two seasons.
  const initSource = path.join(work, 'init-source');
  const made = spawnSync(bin, ['init', initSource, '--title', 'A New Documentary'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`fansite init failed:\n${made.stderr}`);
  // A generated series of 250 episodes in two seasons: each season's listing cut in pages.
  const corpusSource = path.join(work, 'corpus-source');
  const corpusBin = process.env.FANSITE_CORPUS || path.join(REPO, 'target/release/examples/corpus');
  // Its first three episodes have a still, and the series a poster (synthetic pictures).
  const generated = spawnSync(corpusBin, ['--episodes', '250', '--seasons', '2', '--seed', '7', '--pictures', '3', '--picture-width', '1600', '--out', corpusSource], { encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`${corpusBin} failed (build it with cargo build --release --example corpus):\n${generated.stderr}${generated.error ?? ''}`);
  // For Lighthouse and the media check: a small series with a poster, stills of 4,000 by
  // 3,000 pixels, a trailer, clips and the theme's shortcodes in the text of two parts.
  const picturesSource = path.join(work, 'pictures-source');
  const pictured = spawnSync(corpusBin, ['--episodes', '12', '--seed', '5', '--pictures', '4', '--videos', '2', '--out', picturesSource], { encoding: 'utf8' });
  if (pictured.status !== 0) throw new Error(`${corpusBin} failed:\n${pictured.stderr}${pictured.error ?? ''}`);
  const defs = {
    sub: { mount: SUB, baseUrl: () => `${PUBLIC_HOST}${SUB}` },
    root: { mount: '/', baseUrl: () => `${PUBLIC_HOST}/` },
    lh: { mount: SUB, baseUrl: (s) => s.url },
    init: { mount: '/new-site/', baseUrl: () => `${PUBLIC_HOST}/new-site/`, root: initSource },
    fixture: { mount: '/user/harbour/', baseUrl: () => `${PUBLIC_HOST}/user/harbour/`, root: path.join(REPO, 'tests/fixtures/subpath') },
    seasons: { mount: '/deep/', baseUrl: () => `${PUBLIC_HOST}/deep/`, root: path.join(REPO, 'tests/fixtures/seasons') },
    corpus: { mount: '/corpus/', baseUrl: () => `${PUBLIC_HOST}/corpus/`, root: corpusSource },
    pictures: { mount: '/pictures/', baseUrl: (s) => s.url, root: picturesSource },
  };
  const sites = {};
  for (const [key, def] of Object.entries(defs)) {
    const dir = path.join(work, key);
    const server = await serve({ root: dir, mount: def.mount });
    servers.push(server);
    build(dir, def.baseUrl(server), def.root);
    sites[key] = { dir, url: server.url, basePath: def.mount, origin: server.origin };
  }
  console.log(`serve: sub-path ${sites.sub.url}, root ${sites.root.url}, lighthouse copy ${sites.lh.url}, init ${sites.init.url}, sub-path fixture ${sites.fixture.url}, seasons fixture ${sites.seasons.url}, corpus ${sites.corpus.url}`);
  await mkdir(reportsDir, { recursive: true });

  for (const check of selected) {
    const t = Date.now();
    let result;
    try {
      if (check.needsBrowser && !browser) browser = await launchBrowser();
      if (!check.needsBrowser && browser) {
        await browser.close();
        browser = null;
      }
      result = await check.run({ sites, browser, screenshotsDir, reportsDir, repo: REPO });
    } catch (err) {
      result = { ok: false, figure: `crashed: ${err.message.split('\n')[0]}`, details: [String(err.stack || err)] };
    }
    const secs = ((Date.now() - t) / 1000).toFixed(1);
    results.push({ name: check.name, ...result, secs });
    console.log(`\n${check.name}: ${result.ok ? 'ok' : 'FAILED'}, ${result.figure} (${secs} s)`);
    if (result.table) console.log(result.table.replace(/^/gm, '  '));
    const details = result.details ?? [];
    if (details.length) {
      const file = path.join(reportsDir, `${check.name}.txt`);
      await writeFile(file, details.join('\n') + '\n');
      for (const d of details.slice(0, DETAIL_LINES)) console.log(`  ${d}`);
      if (details.length > DETAIL_LINES) console.log(`  … ${details.length - DETAIL_LINES} more lines in ${file}`);
    }
  }
} catch (err) {
  console.error(`qa: ${err.stack || err}`);
  exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  for (const s of servers) await s.close();
  if (keep) console.log(`\nqa: built sites kept in ${work}`);
  else await removeDir(work);
}

const failed = results.filter((r) => !r.ok);
if (results.length) {
  console.log(`\nSummary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(
    table([
      ['check', 'result', 'time', 'figure'],
      ...results.map((r) => [r.name, r.ok ? 'ok' : 'FAILED', `${r.secs} s`, r.figure]),
    ]).replace(/^/gm, '  '),
  );
}
console.log(`qa: ${results.length - failed.length} passed, ${failed.length + (exitCode && !results.length ? 1 : 0)} failed`);
process.exit(failed.length || exitCode ? 1 : 0);
