// Search as you type, with Pagefind's index under the site's base path. Without
// JavaScript the page shows a plain list of every page instead.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const fallback = document.getElementById("search-fallback");
const bundle = form.dataset.pagefind;
const MAX_RESULTS = 20;

let pagefind = null;
let latest = 0;

async function load() {
  if (!pagefind) {
    pagefind = import(`${bundle}pagefind.js`).then(async (engine) => {
      await engine.options({ excerptLength: 24 });
      return engine;
    });
  }
  return pagefind;
}

function show(items, query) {
  results.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.meta?.title || item.url;
      const excerpt = document.createElement("p");
      // Pagefind escapes the page text; only its <mark> tags are markup.
      excerpt.innerHTML = item.excerpt;
      li.append(link, excerpt);
      return li;
    }),
  );
  status.textContent = query
    ? `${items.length === 0 ? "No" : items.length} result${items.length === 1 ? "" : "s"} for “${query}”`
    : "";
}

async function search(query) {
  const ticket = ++latest;
  const trimmed = query.trim();
  if (!trimmed) {
    show([], "");
    return;
  }
  let engine;
  try {
    engine = await load();
  } catch {
    pagefind = null;
    status.textContent = "Search is unavailable right now; every page is listed below.";
    fallback.hidden = false;
    return;
  }
  const found = await engine.debouncedSearch(trimmed, {}, 120);
  if (found === null || ticket !== latest) return;
  const items = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (ticket === latest) show(items, trimmed);
}

form.hidden = false;
fallback.hidden = true;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});
input.addEventListener("input", () => search(input.value));
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" && results.firstElementChild) {
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
