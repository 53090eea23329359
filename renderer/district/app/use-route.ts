/** The current route, following the hash (links, back / forward), and a way to go somewhere. */
import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHash } from './routes.js';
import type { Route } from './routes.js';

export function useRoute(): { route: Route; go: (to: Route) => void } {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const go = useCallback((to: Route) => {
    const hash = routeHash(to);
    if (window.location.hash === hash) setRoute(to);
    else window.location.hash = hash;
  }, []);
  return { route, go };
}
