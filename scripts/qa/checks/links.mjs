// links: every link and image of every page resolves, through the HTTP server, under the
// site's base path: `href` and `src` that stay on the site answer 200 (following the
// server's folder redirects), and every `#fragment` names an id of its page. Run on this
// repository's site (under a sub-path), a site fresh from `fansite init`, and the sub-path
// fixture with root-relative Markdown links, an image and aliases.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { walk, pagePath, plural } from '../lib/util.mjs';

/** The values of `attr="…"` in `html`, entity-decoded. */
function attributes(html, attr) {
  const out = [];
  const re = new RegExp(`\\s${attr}="([^"]*)"`, 'g');
  for (const m of html.matchAll(re)) out.push(m[1].replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'"));
  return out;
}

async function checkSite(label, site) {
  const problems = [];
  const files = await walk(site.dir, '.html');
  const ids = new Map();
  const targets = new Map(); // url path -> [pages that link it]
  for (const file of files) {
    const html = await readFile(path.join(site.dir, file), 'utf8');
    const pageUrl = new URL(site.basePath + pagePath(file), site.origin);
    ids.set(pageUrl.pathname, new Set(attributes(html, 'id')));
    // Redirect pages (aliases) name their target in a meta refresh.
    const refresh = html.match(/http-equiv="refresh" content="0; url=([^"]+)"/);
    const links = [...attributes(html, 'href'), ...attributes(html, 'src')];
    if (refresh) links.push(refresh[1]);
    for (const link of links) {
      if (/^(mailto|tel|javascript|data):/.test(link)) continue;
      const url = new URL(link, pageUrl);
      if (url.origin !== pageUrl.origin && !url.href.startsWith(`https://example.org${site.basePath}`)) continue;
      const local = new URL(url.pathname + url.hash, site.origin);
      if (!local.pathname.startsWith(site.basePath)) {
        problems.push(`${label}: ${file} links ${link}, outside the base path ${site.basePath}`);
        continue;
      }
      const key = local.pathname + local.hash;
      if (!targets.has(key)) targets.set(key, []);
      targets.get(key).push(file);
    }
  }
  for (const [target, from] of targets) {
    const url = new URL(target, site.origin);
    const res = await fetch(url, { redirect: 'follow' });
    await res.arrayBuffer();
    if (res.status !== 200) {
      problems.push(`${label}: ${url.pathname} answers ${res.status} (linked from ${from.slice(0, 3).join(', ')})`);
      continue;
    }
    if (url.hash) {
      const finalPath = new URL(res.url).pathname;
      const known = ids.get(finalPath);
      const id = decodeURIComponent(url.hash.slice(1));
      if (known && !known.has(id)) problems.push(`${label}: ${url.pathname}${url.hash}: no id "${id}" there (linked from ${from[0]})`);
    }
  }
  return { problems, pages: files.length, links: targets.size };
}

export default {
  name: 'links',
  title: 'Every link, image and fragment resolves under the base path',
  async run({ sites }) {
    const problems = [];
    const figures = [];
    for (const [label, site] of [['site', sites.sub], ['init', sites.init], ['sub-path fixture', sites.fixture], ['seasons fixture', sites.seasons], ['corpus', sites.corpus]]) {
      const r = await checkSite(label, site);
      problems.push(...r.problems);
      figures.push(`${label} ${r.links} links on ${r.pages} pages`);
    }
    return {
      ok: problems.length === 0,
      figure: `${plural(problems.length, 'broken link')}; ${figures.join(', ')}`,
      details: problems,
    };
  },
};
