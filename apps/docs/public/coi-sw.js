// The course site's service worker: cross-origin isolation on a static host that cannot send
// headers (GitHub Pages, say). It answers the site's own requests with the two headers a
// cross-origin-isolated page needs (Cross-Origin-Opener-Policy: same-origin,
// Cross-Origin-Embedder-Policy: require-corp), so the page gets SharedArrayBuffer and the lesson
// demos' web workers can run @gradkit/core's GEMMs on several cores (setNumThreads; onnxruntime-web
// its threads). Registered by the script at the top of every page (.vitepress/isolation.ts) only
// where the page is not isolated already; a host that sends the headers itself never installs it.
// Requests to other origins pass untouched (the site loads none: links only).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  // a request the browser may only answer from its cache (DevTools) cannot be fetched again here
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    fetch(request).then((response) => {
      // opaque and error responses cannot carry headers
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    }),
  );
});
