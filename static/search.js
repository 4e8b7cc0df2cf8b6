// Search as you type over the static index that `fansite build` writes to search/index/.
// A query fetches meta.json once, then only the shards of the words typed and the page
// chunks of the results shown. Without JavaScript the page lists every page instead.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const fallback = document.getElementById("search-fallback");
const base = form.dataset.index;
const MAX_RESULTS = 20;

const files = new Map();
function fetchJson(name) {
  if (!files.has(name)) {
    files.set(
      name,
      fetch(base + name).then((response) => {
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return response.json();
      }),
    );
  }
  return files.get(name);
}

// The page's words, from the theme's labels on the form: `{name}` filled from `values`.
function words(key, values) {
  return (form.dataset[key] || "").replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
}

const isWordChar = (c) => /[\p{L}\p{N}]/u.test(c);

// The same words as the index's: lowercase, folded with the index's own table, a period
// or apostrophe between two letters joined, words of one letter dropped.
function tokens(text, fold) {
  const chars = [...text.toLowerCase()];
  const words = [];
  let word = "";
  const end = () => {
    if (word && ([...word].length > 1 || /^[0-9]+$/.test(word))) words.push(word);
    word = "";
  };
  chars.forEach((c, i) => {
    if (/[a-z0-9]/.test(c)) word += c;
    else if (/[.'\u2019]/.test(c) && word && i + 1 < chars.length && isWordChar(chars[i + 1])) return;
    else if (c.charCodeAt(0) < 128) end();
    else if (fold[c] !== undefined) word += fold[c];
    else if (isWordChar(c)) word += c;
    else end();
  });
  end();
  return words;
}

// The shards that may hold `word`, or every word it begins when `prefix`: shard n holds
// the terms from shards[n] up to shards[n + 1], in order.
function shardsFor(word, prefix, shards) {
  let first = 0;
  while (first + 1 < shards.length && shards[first + 1] <= word) first += 1;
  let last = first;
  if (prefix) {
    while (last + 1 < shards.length && shards[last + 1].startsWith(word)) last += 1;
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

async function find(query) {
  const meta = await fetchJson("meta.json");
  const words = tokens(query, meta.fold);
  const typing = !/\s$/.test(query);
  const scores = new Map();
  const matched = new Map();
  for (const [n, word] of words.entries()) {
    const prefix = typing && n === words.length - 1;
    const shards = await Promise.all(shardsFor(word, prefix, meta.shards).map((n) => fetchJson(`t-${n}.json`)));
    const seen = new Set();
    const terms = shards.flatMap((shard) =>
      Object.entries(shard).filter(([term]) => term === word || (prefix && term.startsWith(word))),
    );
    // Words that only begin like the one typed count together, as one rarer or commoner
    // word: a rare completion must not outweigh the word itself.
    const completions = terms.filter(([term]) => term !== word).reduce((n, [, p]) => n + p[0], 0);
    for (const [term, postings] of terms) {
      const exact = term === word;
      const idf = Math.log(1 + meta.pages / (exact ? postings[0] : completions));
      let page = 0;
      for (let i = 1; i < postings.length; i += 2) {
        page += postings[i];
        const score = idf * (exact ? 1 : 0.6) * postings[i + 1];
        if (score > (scores.get(`${n}:${page}`) ?? 0)) scores.set(`${n}:${page}`, score);
        seen.add(page);
      }
    }
    for (const page of seen) matched.set(page, (matched.get(page) ?? 0) + 1);
  }
  const total = new Map();
  for (const [key, score] of scores) {
    const page = Number(key.split(":")[1]);
    total.set(page, (total.get(page) ?? 0) + score);
  }
  const ranked = [...total.keys()].sort(
    (a, b) => matched.get(b) - matched.get(a) || total.get(b) - total.get(a) || a - b,
  );
  const shown = ranked.slice(0, MAX_RESULTS);
  const chunks = await Promise.all(
    [...new Set(shown.map((p) => Math.floor(p / meta.chunk)))].map(async (c) => [c, await fetchJson(`d-${c}.json`)]),
  );
  const rows = new Map(chunks);
  return {
    count: ranked.length,
    items: shown.map((p) => {
      const [url, title, summary] = rows.get(Math.floor(p / meta.chunk))[p % meta.chunk];
      return { url, title, summary };
    }),
  };
}

function show({ items, count }, query) {
  results.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      li.append(link);
      if (item.summary) {
        const summary = document.createElement("p");
        summary.textContent = item.summary;
        li.append(summary);
      }
      return li;
    }),
  );
  const more = count > items.length ? words("more", { shown: items.length }) : "";
  const found = count === 0 ? "none" : count === 1 ? "one" : "many";
  status.textContent = query ? words(found, { count, query: query.trim() }) + more : "";
}

let latest = 0;
let timer = 0;
async function search(query) {
  const ticket = ++latest;
  if (!query.trim()) {
    show({ items: [], count: 0 }, "");
    return;
  }
  try {
    const found = await find(query);
    if (ticket === latest) show(found, query);
  } catch {
    files.clear();
    status.textContent = words("unavailable", {});
    fallback.hidden = false;
  }
}

form.hidden = false;
fallback.hidden = true;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => search(input.value), 80);
});
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" && results.querySelector("a")) {
    event.preventDefault();
    results.querySelector("a").focus();
  }
});
results.addEventListener("keydown", (event) => {
  const links = [...results.querySelectorAll("a")];
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  if (event.key === "ArrowDown" && at < links.length - 1) {
    event.preventDefault();
    links[at + 1].focus();
  } else if (event.key === "ArrowUp") {
    event.preventDefault();
    (at === 0 ? input : links[at - 1]).focus();
  }
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
