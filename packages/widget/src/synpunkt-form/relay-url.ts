/**
 * Another of the relay's routes beside the submissions route: the endpoint with its last
 * `/synpunkter` replaced by `/<name>` (`…/v1/synpunkter` → `…/v1/limits`), without its query.
 * `undefined` when the endpoint is not a relay's (no `/synpunkter`) or not `http(s)`.
 */
export function besideEndpoint(endpoint: string, name: string, base: string): string | undefined {
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    const path = url.pathname.replace(/\/synpunkter\/?$/, `/${name}`);
    if (path === url.pathname) return undefined;
    url.pathname = path;
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
