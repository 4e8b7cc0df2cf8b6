// axe: axe-core's WCAG 2.0/2.1 A and AA rules on every page, in light and dark schemes.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { walk, pagePath, pool, JOBS, plural } from '../lib/util.mjs';

const require = createRequire(import.meta.url);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = (process.env.QA_AXE_SCHEMES || 'light,dark').split(',');

export default {
  name: 'axe',
  title: `Accessibility (axe-core, ${TAGS.join(' ')})`,
  needsBrowser: true,
  async run({ sites, browser }) {
    const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    const axeVersion = require('axe-core/package.json').version;
    // This repository's site, a site fresh from `fansite init`, and the two fixtures.
    const pages = [];
    // Aliases are not pages but redirects, which would move the tab on while axe runs.
    for (const site of [sites.sub, sites.init, sites.fixture, sites.seasons].filter(Boolean)) {
      for (const file of await walk(site.dir, '.html')) {
        const html = await readFile(path.join(site.dir, file), 'utf8');
        if (!html.includes('http-equiv="refresh"')) pages.push(site.url + pagePath(file));
      }
    }
    // Of the generated series, a page of each kind: the guide, a season's first and second
    // listing pages, an episode, the people index.
    if (sites.corpus) {
      for (const page of ['episodes/', 'episodes/season-1/', 'episodes/season-1/page/2/', 'episodes/season-2/part-126/', 'people/']) {
        pages.push(sites.corpus.url + page);
      }
    }
    // Of the series with pictures and videos: the home page (poster, trailer) and an
    // episode (still, clip, a figure, a pull quote and a video in its text).
    if (sites.pictures) {
      for (const page of ['', 'episodes/part-1/']) pages.push(sites.pictures.url + page);
    }
    const details = [];
    const perScheme = [];
    let total = 0;
    for (const scheme of SCHEMES) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      let checked = 0;
      let violations = 0;
      const errors = [];
      // One page per worker, reused: opening a page costs more than axe itself.
      const tabs = await Promise.all(Array.from({ length: JOBS }, () => context.newPage()));
      await pool(pages, JOBS, async (url, worker) => {
        const page = tabs[worker];
        const p = new URL(url).pathname;
        try {
          await page.goto(url, { waitUntil: 'load' });
          await page.evaluate(axeSource);
          const result = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
            TAGS,
          );
          checked++;
          for (const v of result.violations) {
            violations += v.nodes.length;
            for (const node of v.nodes) {
              details.push(
                `[${scheme}] ${p}  ${v.id} (${node.impact ?? v.impact}) ${node.target.join(' ')}\n` +
                  `      ${v.help}\n      ${node.html.replace(/\s+/g, ' ').slice(0, 300)}` +
                  (node.failureSummary ? `\n      ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}` : ''),
              );
            }
          }
        } catch (err) {
          errors.push(`[${scheme}] ${p}: ${err.message.split('\n')[0]}`);
        }
      });
      await context.close();
      total += violations + errors.length;
      details.push(...errors);
      perScheme.push(`${scheme}: ${plural(checked, 'page')}, ${plural(violations, 'violation')}`);
    }
    return {
      ok: total === 0,
      figure: `axe-core ${axeVersion}; ${perScheme.join('; ')}`,
      details,
    };
  },
};
