// jsonld: every page's <script type="application/ld+json"> blocks parse, and the schema.org
// nodes in them carry the fields this site promises. Static: reads the built files.
//
// Rules (see README.md):
// - every page but 404.html has at least one block; each block parses with JSON.parse and
//   has a schema.org @context;
// - "principal" nodes (a block's root, an element of a root array, or a member of @graph)
//   need every field of their type; nodes nested in another node's property may be
//   references and need only `name` or `@id` (TVSeries, Person, TVEpisode);
// - Review, AggregateRating and TVSeason need their fields wherever they are;
// - award/awards values are non-empty text or objects with a name;
// - the home page has a TVSeries, each episodes/part-N/ a TVEpisode, each people/<slug>/ a
//   Person, reception/ at least one Review and one AggregateRating; the url of the node a
//   page is required to have is that page's canonical URL.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { walk, plural } from '../lib/util.mjs';

const BLOCK_RE = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const TYPE_ATTR_RE = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const CANONICAL_RE = /<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>/i;
const HREF_RE = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

const REQUIRED = {
  TVSeries: ['name', 'url', 'genre', 'director', 'actor', 'productionCompany', 'containsSeason', 'aggregateRating'],
  TVEpisode: ['name', 'episodeNumber', 'datePublished', 'partOfSeries', 'url'],
  Person: ['name', 'url'],
};
// A fixture states only what its series needs to be one: its seasons and episodes.
const FIXTURE_REQUIRED = { ...REQUIRED, TVSeries: ['name', 'url', 'containsSeason'] };
const NESTED_REQUIRED = {
  TVSeries: [['name', '@id']],
  TVEpisode: [['name', '@id']],
  Person: [['name', '@id']],
};
const COUNTED = ['TVSeries', 'TVSeason', 'TVEpisode', 'Person', 'Review', 'AggregateRating'];

function typesOf(node) {
  const t = node?.['@type'];
  return (Array.isArray(t) ? t : t ? [t] : []).map((x) => String(x).replace(/^(https?:\/\/schema\.org\/|schema:)/, ''));
}

function present(v) {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0 && v.some(present);
  return true;
}

const asArray = (v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isRef = (v) => isObj(v) && typeof v['@id'] === 'string' && Object.keys(v).every((k) => k === '@id' || k === '@type');

function hasContext(root) {
  const c = root?.['@context'];
  const ok = (x) =>
    (typeof x === 'string' && /^https?:\/\/schema\.org\/?$/.test(x)) ||
    (isObj(x) && typeof x['@vocab'] === 'string' && /^https?:\/\/schema\.org\/?$/.test(x['@vocab']));
  return Array.isArray(c) ? c.some(ok) : ok(c);
}

/** Walks every object in a parsed block: yields { node, principal, parents, prop, where }. */
function* nodes(root) {
  function* visit(node, principal, parents, prop, where) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) yield* visit(node[i], principal, parents, prop, `${where}[${i}]`);
      return;
    }
    if (!isObj(node)) return;
    yield { node, principal, parents, prop, where };
    for (const [k, v] of Object.entries(node)) {
      if (k === '@context') continue;
      const childPrincipal = k === '@graph' && parents.length === 0;
      yield* visit(v, childPrincipal, k === '@graph' ? parents : [...parents, node], k, `${where}.${k}`);
    }
  }
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) yield* visit(root[i], true, [], null, `[${i}]`);
  } else {
    yield* visit(root, !isObj(root) || !('@graph' in root) || typesOf(root).length > 0, [], null, '$');
  }
}

function label(node) {
  return `${typesOf(node).join('/') || 'node'}${node.name ? ` "${String(node.name).slice(0, 40)}"` : ''}`;
}

function num(v) {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace('%', '').trim()) : NaN;
  return Number.isFinite(n) ? n : null;
}

function checkNode({ node, principal, parents, prop }, byId, problems, counts, required) {
  const types = typesOf(node);
  const here = `${label(node)}${prop ? ` (in ${prop})` : ''}`;
  const lacks = (fields) => fields.filter((f) => (Array.isArray(f) ? !f.some((g) => present(node[g])) : !present(node[f])));
  const deref = (v) => (isRef(v) && byId.has(v['@id']) ? byId.get(v['@id']) : v);

  if (principal && types.length === 0 && !isRef(node)) problems.push(`node without @type at top level: ${JSON.stringify(node).slice(0, 80)}`);

  for (const t of types) if (COUNTED.includes(t)) counts[t] = (counts[t] ?? 0) + 1;

  for (const t of types) {
    if (required[t] && !isRef(node)) {
      let fields = principal ? required[t] : NESTED_REQUIRED[t];
      // An episode nested in its series (containsSeason.episode) needs no partOfSeries.
      if (t === 'TVEpisode' && principal === false) fields = [['name', '@id']];
      const missing = lacks(fields).map((f) => (Array.isArray(f) ? f.join(' or ') : f));
      if (missing.length) problems.push(`${here} lacks ${missing.join(', ')}`);
    }
  }

  if (types.includes('TVSeries') && principal) {
    for (const s of asArray(node.containsSeason).map(deref)) {
      if (!isObj(s) || !typesOf(s).includes('TVSeason')) problems.push(`${here}: containsSeason holds something other than a TVSeason`);
    }
  }
  // A season needs its episode list where it is the series' season (containsSeason) or a
  // node of its own; elsewhere (an episode's partOfSeason) it is a reference.
  if (types.includes('TVSeason') && !isRef(node) && (principal || prop === 'containsSeason')) {
    const eps = asArray(node.episode ?? node.episodes).map(deref);
    // A long series' home page names a season by its page and size instead (its page lists them).
    const summary = prop === 'containsSeason' && present(node.url) && present(node.numberOfEpisodes);
    if (!eps.length && !summary) problems.push(`${here} lists no episode (episode: [...]) nor its url and numberOfEpisodes`);
    for (const e of eps) {
      if (!isObj(e) || !(typesOf(e).includes('TVEpisode') || isRef(e))) problems.push(`${here}: episode entry is not a TVEpisode`);
    }
  }
  if (types.includes('Review')) {
    const missing = lacks(['author', 'reviewBody']);
    const nestedInSeries = parents.some((p) => typesOf(p).some((t) => t === 'TVSeries' || t === 'CreativeWork' || t === 'TVEpisode'));
    if (!present(node.itemReviewed) && !nestedInSeries) missing.push('itemReviewed (or nesting in the TVSeries)');
    for (const a of asArray(node.author).map(deref)) {
      if (!(typeof a === 'string' ? a.trim() : isObj(a) && (present(a.name) || isRef(a)))) missing.push('author.name');
    }
    if (missing.length) problems.push(`${here} lacks ${missing.join(', ')}`);
  }
  if (types.includes('AggregateRating')) {
    const missing = lacks(['ratingValue', 'bestRating', ['ratingCount', 'reviewCount']]).map((f) => (Array.isArray(f) ? f.join(' or ') : f));
    const nested = parents.length > 0;
    if (!nested && !present(node.itemReviewed)) missing.push('itemReviewed (or nesting in the TVSeries)');
    if (missing.length) problems.push(`${here} lacks ${missing.join(', ')}`);
    const value = num(node.ratingValue);
    const best = num(node.bestRating ?? 5);
    const worst = num(node.worstRating ?? 1);
    if (present(node.ratingValue) && value === null) problems.push(`${here}: ratingValue ${JSON.stringify(node.ratingValue)} is not a number`);
    if (value !== null && best !== null && (value > best || (worst !== null && value < Math.min(worst, 0)))) {
      problems.push(`${here}: ratingValue ${value} is outside ${worst ?? 1}..${best}`);
    }
  }
  for (const key of ['award', 'awards']) {
    if (!(key in node)) continue;
    const values = asArray(node[key]);
    if (!values.length) problems.push(`${here}: ${key} is empty`);
    for (const v of values) {
      if (typeof v === 'string' && v.trim()) counts.award = (counts.award ?? 0) + 1;
      else if (isObj(v) && present(v.name)) counts.award = (counts.award ?? 0) + 1;
      else problems.push(`${here}: ${key} value ${JSON.stringify(v).slice(0, 60)} is neither text nor an object with a name`);
    }
  }
}

function canonicalOf(html) {
  const link = html.match(CANONICAL_RE)?.[0];
  const m = link?.match(HREF_RE);
  return m ? m[1] ?? m[2] ?? m[3] : null;
}

const sameUrl = (a, b) => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
};

export default {
  name: 'jsonld',
  title: 'JSON-LD structured data',
  async run({ sites }) {
    // This repository's site, the fixture of a series in three seasons, and the generated
    // series of 250 episodes.
    const targets = [
      { ...sites.sub, required: REQUIRED },
      sites.seasons && { ...sites.seasons, required: FIXTURE_REQUIRED },
      sites.corpus && { ...sites.corpus, required: FIXTURE_REQUIRED },
    ].filter(Boolean);
    const files = [];
    for (const site of targets) {
      for (const rel of await walk(site.dir, '.html')) files.push({ site, rel });
    }
    const details = [];
    const counts = Object.fromEntries([...COUNTED, 'award'].map((t) => [t, 0]));
    const otherTypes = new Map();
    let blocks = 0;
    let pagesWithout = 0;
    const grouped = new Map(); // problem text -> pages

    for (const { site, rel } of files) {
      const html = await readFile(path.join(site.dir, rel), 'utf8');
      const problems = [];
      const parsed = [];
      for (const m of html.matchAll(BLOCK_RE)) {
        const t = m[1].match(TYPE_ATTR_RE);
        const type = t ? (t[1] ?? t[2] ?? t[3]).trim().toLowerCase() : '';
        if (type !== 'application/ld+json') continue;
        blocks++;
        const line = html.slice(0, m.index).split('\n').length;
        try {
          const root = JSON.parse(m[2]);
          if (!(Array.isArray(root) ? root.every(hasContext) : hasContext(root))) {
            problems.push(`block at line ${line}: @context is not "https://schema.org"`);
          }
          parsed.push(root);
        } catch (err) {
          problems.push(`block at line ${line} is not JSON: ${err.message}`);
        }
      }
      const all = parsed.flatMap((root) => [...nodes(root)]);
      const byId = new Map(all.filter((n) => typeof n.node['@id'] === 'string' && !isRef(n.node)).map((n) => [n.node['@id'], n.node]));
      for (const n of all) {
        checkNode(n, byId, problems, counts, site.required);
        for (const t of typesOf(n.node)) if (!COUNTED.includes(t)) otherTypes.set(t, (otherTypes.get(t) ?? 0) + 1);
      }

      const canonical = canonicalOf(html);
      // The node a page is required to have may sit anywhere (top level, @graph, or e.g. a
      // WebPage's mainEntity), but it needs every field of its type and the page's own URL.
      const ofType = (type) => all.filter((n) => typesOf(n.node).includes(type) && !isRef(n.node));
      const requireNode = (type, extra = () => null) => {
        const found = ofType(type);
        if (!found.length) return problems.push(`has no ${type} (required on this page)`);
        const verdicts = found.map((n) => {
          const inSeries = n.parents.some((p) => typesOf(p).includes('TVSeries'));
          const missing = site.required[type].filter((f) => !present(n.node[f]) && !(f === 'partOfSeries' && inSeries));
          return missing.length ? `${label(n.node)} lacks ${missing.join(', ')}` : extra(n);
        });
        if (!verdicts.some((v) => !v)) {
          const v = verdicts[0];
          // Already reported by checkNode for a principal node; say it for a nested one.
          if (!(found[0].principal && v.includes(' lacks '))) problems.push(`${v} (the page's required ${type})`);
        }
      };
      const urlMatches = (n) =>
        canonical && !sameUrl(n.node.url, canonical)
          ? `${label(n.node)} url ${n.node.url} is not the page's canonical ${canonical}`
          : null;

      if (rel !== '404.html' && parsed.length === 0 && !problems.length) {
        pagesWithout++;
        problems.push('no <script type="application/ld+json"> block');
      }
      if (rel === 'index.html') requireNode('TVSeries', urlMatches);
      const ep = rel.match(/^episodes\/part-(\d+)\/index\.html$/);
      if (ep) {
        requireNode('TVEpisode', (n) =>
          num(n.node.episodeNumber) !== Number(ep[1])
            ? `${label(n.node)} episodeNumber ${n.node.episodeNumber} is not ${ep[1]}`
            : urlMatches(n),
        );
      }
      if (/^people\/[^/]+\/index\.html$/.test(rel)) requireNode('Person', urlMatches);
      if (rel === 'reception/index.html') {
        if (!ofType('Review').length) problems.push('has no Review (required on this page)');
        if (!ofType('AggregateRating').length) problems.push('has no AggregateRating (required on this page)');
      }
      const page = `${site.basePath}${rel.replace(/index\.html$/, '')}`;
      for (const pr of problems) {
        if (!grouped.has(pr)) grouped.set(pr, []);
        grouped.get(pr).push(page);
      }
    }
    // The same problem on many pages is one line: "problem: N pages: /a/, /b/, …".
    for (const [pr, pages] of grouped) {
      if (pages.length === 1) details.push(`${pages[0]}: ${pr}`);
      else {
        const shown = pages.slice(0, 6).join(', ') + (pages.length > 6 ? `, … (${pages.length - 6} more)` : '');
        details.push(`${pr}: ${pages.length} pages: ${shown}`);
      }
    }
    const problemCount = [...grouped.values()].reduce((n, pages) => n + pages.length, 0);

    const countText = Object.entries(counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    const others = [...otherTypes].map(([t, n]) => `${t} ${n}`).join(', ');
    const summary = pagesWithout === files.length - 1 ? ` (no page has JSON-LD yet)` : pagesWithout ? ` (${plural(pagesWithout, 'page')} without)` : '';
    return {
      ok: problemCount === 0,
      figure: `${plural(blocks, 'block')} in ${plural(files.length, 'page')}${summary}; ${countText}${others ? `; other types: ${others}` : ''}; ${plural(problemCount, 'problem')}`,
      details,
    };
  },
};
