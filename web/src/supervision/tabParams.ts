/** How the supervision tabs keep their filters and pages in the URL. */

/** What each tab gets: the org in view and the URL's parameters for its own filters. */
export interface TabProps {
  org: string;
  params: URLSearchParams;
  setParams: (next: URLSearchParams) => void;
}

/** The URL with one filter changed and the page back to the first. */
export function withFilter(params: URLSearchParams, values: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  if (!('cursor' in values)) next.delete('cursor');
  return next;
}
