/**
 * Cross-origin isolation for the course site. The lesson demos' web workers run @gradkit/core's
 * GEMMs on several cores, and onnxruntime-web its threads, only where the page is cross-origin
 * isolated (`crossOriginIsolated`: SharedArrayBuffer exists). A host that can set headers sends
 * {@link ISOLATION_HEADERS} (the dev and preview servers do, see config.mts); on a static host that
 * cannot, the service worker `public/coi-sw.js` adds them to the site's own responses. The script
 * {@link REGISTER_ISOLATION}, first in every page's head, registers it where the page is not
 * isolated yet and, once it controls the page, reloads the page once (per tab session) so that the
 * page itself arrives with the headers. Where service workers are missing (an insecure origin,
 * a private window that blocks them) the site works as before, on one core.
 */

/** The response headers that make a page cross-origin isolated. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The service worker's path on the site (public/coi-sw.js). */
export const ISOLATION_WORKER = '/coi-sw.js';

/** The inline script that registers {@link ISOLATION_WORKER} and reloads the page once it controls it. */
export const REGISTER_ISOLATION = `(() => {
  if (window.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  const key = 'gradkit-coi-reloaded';
  const reloadOnce = () => {
    if (sessionStorage.getItem(key)) return;
    sessionStorage.setItem(key, '1');
    location.reload();
  };
  navigator.serviceWorker.register(${JSON.stringify(ISOLATION_WORKER)}).then(() => {
    if (navigator.serviceWorker.controller) reloadOnce();
    else navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true });
  }, () => {});
})();`;
