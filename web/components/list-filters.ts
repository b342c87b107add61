// URL filter names of the list pages that the API knows by another name (?tag= is the API's `tags`).
export const API_FILTER_NAMES: Record<string, string> = { tag: 'tags' };

/** The URL filter name of an API filter field (the reverse of API_FILTER_NAMES). */
export function urlFilterName(apiName: string) {
  return Object.entries(API_FILTER_NAMES).find(([, v]) => v === apiName)?.[0] ?? apiName;
}
