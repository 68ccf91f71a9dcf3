/*
 * Atrium screen player service worker. Served by the hub at /screen-sw.js (scope '/screen'); it
 * keeps a screen playing, and reloading, while the hub or the network is down.
 *
 *   /screen            network first (4 s), else the cached page (whatever the query string)
 *   /signage/...       cache first: the built bundles, named by their hash
 *   /assets/<sha256>   cache first: content, cached only after its SHA-256 was checked
 *   anything else      not touched: /socket.io/, /api/ and other pages go to the network
 *
 * The page posts {type:'cache-assets', assets:[{url, sha256}]} with every schedule; the
 * worker downloads what it lacks, verifies, caches, and evicts assets no longer listed.
 * Plain JS, no build step: vite copies public/ to dist/ as is.
 */
const SHELL_CACHE = 'atrium-screen-shell-v1';
const ASSET_CACHE = 'atrium-screen-assets-v1';
const PAGE = '/screen';
const PAGE_TIMEOUT_MS = 4000;
const ASSET_PATH = /^\/assets\/([0-9a-f]{64})$/;
const SHELL_REF = /(?:src|href)="(\/signage\/[^"?#]+)"/g;

self.addEventListener('install', (event) => {
  // The page and its bundles, so even the first reload after install works offline.
  event.waitUntil(refreshShell().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('atrium-screen-') && name !== SHELL_CACHE && name !== ASSET_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Never cached, never answered from a cache: live traffic and the API.
  if (url.pathname.startsWith('/socket.io/') || url.pathname.startsWith('/api/') || url.pathname === '/api') return;
  if (url.pathname === PAGE) return event.respondWith(pageFirstFromNetwork(event));
  if (url.pathname.startsWith('/signage/')) return event.respondWith(shellFile(request));
  const asset = ASSET_PATH.exec(url.pathname);
  if (asset) return event.respondWith(contentAsset(request, url.pathname, asset[1]));
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.assets)) return;
  const source = event.source;
  event.waitUntil(
    serially(() => cacheAssets(data.assets)).then((report) => {
      if (source) source.postMessage({ type: 'assets-cached', version: data.version, ...report });
    }),
  );
});

// ---- the page and its bundles ----

async function pageFirstFromNetwork(event) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await withTimeout(fetch(event.request), PAGE_TIMEOUT_MS);
    if (response.ok) {
      const html = await response.clone().text();
      event.waitUntil(
        cache
          .put(PAGE, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }))
          .then(() => cacheShellFiles(html))
          .catch(() => undefined),
      );
      return response;
    }
    // A hub that is up but cannot serve the page (not built, error) is no better than none.
    return (await cache.match(PAGE)) ?? response;
  } catch {
    const cached = await cache.match(PAGE);
    if (cached) return cached;
    return new Response('The screen page is not reachable and not cached yet.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

async function shellFile(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await cache.put(new URL(request.url).pathname, response.clone());
  return response;
}

async function refreshShell() {
  const response = await fetch(PAGE, { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.text();
  const cache = await caches.open(SHELL_CACHE);
  await cache.put(PAGE, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  await cacheShellFiles(html);
}

/** Caches the bundles the page names and drops the ones a new build no longer names. */
async function cacheShellFiles(html) {
  const wanted = new Set([...html.matchAll(SHELL_REF)].map((m) => m[1]));
  if (wanted.size === 0) return;
  const cache = await caches.open(SHELL_CACHE);
  for (const path of wanted) {
    if (await cache.match(path)) continue;
    const response = await fetch(path);
    if (response.ok) await cache.put(path, response);
  }
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/signage/') && !wanted.has(path)) await cache.delete(request);
  }
}

// ---- content assets ----

async function contentAsset(request, path, sha256) {
  const cache = await caches.open(ASSET_CACHE);
  let response = await cache.match(path);
  if (!response) {
    const fetched = await fetchVerified(path, sha256);
    if (!fetched.ok) return fetched.response ?? Response.error();
    await cache.put(path, fetched.response.clone()).catch(() => undefined);
    response = fetched.response;
  }
  return withRange(request, response);
}

/** One download per asset at a time, shared by the page's requests and the precache. */
const downloads = new Map();

function fetchVerified(path, sha256) {
  let pending = downloads.get(path);
  if (!pending) {
    pending = download(path, sha256).finally(() => downloads.delete(path));
    downloads.set(path, pending);
  }
  // Each caller gets its own copy of the body.
  return pending.then((r) => (r.ok ? { ok: true, response: r.response.clone() } : r));
}

async function download(path, sha256) {
  let response;
  try {
    response = await fetch(path, { cache: 'no-store' });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (!response.ok) return { ok: false, reason: `http ${response.status}`, response };
  const body = await response.arrayBuffer();
  const actual = hex(await crypto.subtle.digest('SHA-256', body));
  if (actual !== sha256) {
    // Never cached, never shown: the player skips it and reports it.
    return { ok: false, reason: 'hash mismatch', response: new Response('asset does not match its SHA-256', { status: 502 }) };
  }
  const headers = { 'Content-Type': response.headers.get('Content-Type') || 'application/octet-stream', 'Content-Length': String(body.byteLength), 'Accept-Ranges': 'bytes' };
  return { ok: true, response: new Response(body, { status: 200, headers }) };
}

async function cacheAssets(list) {
  const wanted = new Map();
  for (const a of list) {
    if (!a || typeof a.url !== 'string' || typeof a.sha256 !== 'string') continue;
    const m = ASSET_PATH.exec(a.url);
    if (m && m[1] === a.sha256.toLowerCase()) wanted.set(a.url, m[1]);
  }
  const cache = await caches.open(ASSET_CACHE);
  const report = { cached: 0, present: 0, failed: [] };
  for (const [path, sha256] of wanted) {
    if (await cache.match(path)) {
      report.present++;
      continue;
    }
    const fetched = await fetchVerified(path, sha256);
    if (fetched.ok) {
      await cache.put(path, fetched.response);
      report.cached++;
    } else report.failed.push({ url: path, reason: fetched.reason });
  }
  // Only what the current schedule can play stays; it holds every daypart, so "next" is in it.
  for (const request of await cache.keys()) {
    if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
  }
  return report;
}

/** Media elements ask for byte ranges; a cached 200 must be cut to a 206 for them. */
async function withRange(request, response) {
  const range = request.headers.get('Range');
  if (!range) return response;
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  const blob = await response.blob();
  const size = blob.size;
  let start;
  let end;
  if (m && m[1] !== '') {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  } else if (m && m[2] !== '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  }
  if (start === undefined || start > end || start >= size) {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'Content-Type': response.headers.get('Content-Type') || 'application/octet-stream',
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
    },
  });
}

// ---- helpers ----

let chain = Promise.resolve();
/** Cache updates run one after another, in the order the page sent them: the last list wins. */
function serially(task) {
  const run = chain.then(task, task);
  chain = run.catch(() => undefined);
  return run.catch((err) => ({ cached: 0, present: 0, failed: [{ url: '*', reason: String(err) }] }));
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}
