// serve: `fansite serve` in Chromium, as an editor uses it. On a copy of this repository's
// site: an edit of an episode's Markdown appears with no reload by hand and the scroll
// position kept; a stylesheet edit changes the colour with no reload; broken front matter
// shows the overlay with the file and line, which axe finds no fault with; the fix takes it
// away; Ctrl-C stops the server with status 0.

import { spawn } from 'node:child_process';
import { cp, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { tempDir, removeDir } from '../lib/util.mjs';

const require = createRequire(import.meta.url);
const TIMEOUT = 15000;

function start(bin, cwd) {
  const child = spawn(bin, ['serve', '--port', '0'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  const address = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[^ ]+\//);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`fansite serve exited with ${code} before serving`)));
    child.on('error', (err) => reject(new Error(`could not run ${bin}: ${err.message}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, address, exited };
}

export default {
  name: 'serve',
  title: 'fansite serve in the browser: reload, stylesheet swap, error overlay',
  needsBrowser: true,
  async run({ browser, repo }) {
    const bin = path.resolve(repo, process.env.FANSITE_BIN || 'target/release/fansite');
    const dir = await tempDir('fansite-serve-');
    const steps = [];
    const problems = [];
    const server = { child: null };
    try {
      await cp(path.join(repo, 'site.toml'), path.join(dir, 'site.toml'));
      await cp(path.join(repo, 'content'), path.join(dir, 'content'), { recursive: true });
      await mkdir(path.join(dir, 'static'));
      const running = start(bin, dir);
      server.child = running.child;
      const url = await running.address;
      const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
      const episode = path.join(dir, 'content/episodes/part-1.md');
      const original = await readFile(episode, 'utf8');

      await page.goto(`${url}episodes/part-1/`, { waitUntil: 'load' });
      const scrolled = await page.evaluate(() => {
        window.scrollTo({ top: 400, behavior: 'instant' });
        return window.scrollY;
      });
      if (scrolled < 100) problems.push(`the page scrolls only ${scrolled}px`);
      await writeFile(episode, `${original}\nA sentence added in the editor.\n`);
      await page.waitForFunction(() => document.body.innerText.includes('A sentence added in the editor.'), null, { timeout: TIMEOUT });
      await page.waitForLoadState('load');
      const y = await page.waitForFunction(() => window.scrollY > 0 && window.scrollY, null, { timeout: TIMEOUT }).then((h) => h.jsonValue());
      if (Math.abs(y - scrolled) > 2) problems.push(`the scroll position after the reload is ${y}, not ${scrolled}`);
      steps.push('edit shown');

      const css = await (await fetch(`${url}style.css`)).text();
      await page.evaluate(() => (window.fansiteMarker = 'still here'));
      await writeFile(path.join(dir, 'static/style.css'), `${css}\nhtml body { background: rgb(1, 2, 3) !important; }\n`);
      await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)', null, { timeout: TIMEOUT });
      if ((await page.evaluate(() => window.fansiteMarker)) !== 'still here') problems.push('the stylesheet edit reloaded the page');
      steps.push('stylesheet swapped');
      await writeFile(path.join(dir, 'static/style.css'), css);
      await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor !== 'rgb(1, 2, 3)', null, { timeout: TIMEOUT });

      await writeFile(episode, original.replace('title = "Part 1"', 'title = Part 1'));
      const overlay = page.locator('#fansite-overlay[role="alert"]');
      await overlay.waitFor({ state: 'visible', timeout: TIMEOUT });
      const text = await overlay.innerText();
      if (!text.includes('content/episodes/part-1.md:2:9')) problems.push(`the overlay does not name content/episodes/part-1.md:2:9: ${text.slice(0, 200)}`);
      await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
      );
      for (const v of result.violations) problems.push(`axe on the overlay: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      steps.push('overlay shown');

      await writeFile(episode, original);
      await page.waitForFunction(() => !document.getElementById('fansite-overlay') && !document.body.innerText.includes('A sentence added'), null, { timeout: TIMEOUT });
      steps.push('overlay gone');
      await page.close();

      running.child.kill('SIGINT');
      const { code } = await running.exited;
      if (code !== 0) problems.push(`Ctrl-C ended fansite serve with ${code}, not 0`);
      steps.push('stopped');
    } catch (err) {
      problems.push(`${err.message.split('\n')[0]} (after: ${steps.join(', ') || 'nothing'})`);
      server.child?.kill('SIGKILL');
    } finally {
      await removeDir(dir);
    }
    return {
      ok: problems.length === 0,
      figure: `${steps.join(', ')}; ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      details: problems,
    };
  },
};
