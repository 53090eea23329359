/**
 * The app's places, kept in the URL's hash (#/counts, #/anomalies/12) so the browser's back button,
 * a bookmark and a reload all land where the person was. The hub serves the one page for every path;
 * the hash never reaches it.
 */
export const SCREENS = ['overview', 'counts', 'settlement', 'anomalies', 'canteens', 'roster', 'policy'] as const;
export type ScreenId = (typeof SCREENS)[number];

export type Route =
  | { readonly screen: 'overview' | 'counts' | 'settlement' | 'roster' | 'policy' }
  | { readonly screen: 'anomalies'; readonly id: number | null }
  | { readonly screen: 'canteens'; readonly id: number | null };

export const HOME: Route = { screen: 'overview' };

function idOf(part: string | undefined): number | null {
  if (part === undefined || !/^[1-9][0-9]{0,15}$/.test(part)) return null;
  const n = Number(part);
  return Number.isSafeInteger(n) ? n : null;
}

/** '#/anomalies/12' → {screen: 'anomalies', id: 12}; anything unknown → the overview. */
export function parseRoute(hash: string): Route {
  const [, screen = '', id] = hash.replace(/^#/, '').split('/');
  switch (screen) {
    case 'counts':
      return { screen: 'counts' };
    case 'settlement':
      return { screen: 'settlement' };
    case 'anomalies':
      return { screen: 'anomalies', id: idOf(id) };
    case 'canteens':
      return { screen: 'canteens', id: idOf(id) };
    case 'roster':
      return { screen: 'roster' };
    case 'policy':
      return { screen: 'policy' };
    default:
      return HOME;
  }
}

export function routeHash(route: Route): string {
  if ((route.screen === 'anomalies' || route.screen === 'canteens') && route.id !== null) return `#/${route.screen}/${route.id}`;
  return `#/${route.screen}`;
}
