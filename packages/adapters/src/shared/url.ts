/**
 * Whether a URL holds a user name or password (`https://user:pass@host/`). fetch refuses to
 * make a request from such a URL, in Node and browsers alike, and its error quotes the URL
 * whole, password included: every delivery would fail, retryably, with the secret in its
 * message. A factory refuses it at once instead.
 */
export function hasCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}
