/**
 * A first visit to a signed-in page asks for the page's chunk, the page's data and, on a desktop
 * screen, the header's menu while the app's own chunk (with the signed-in layout since
 * docs/decisions/0067) arrives, instead of one after another (app chunk, session, layout, page, data):
 * on a slow network each step is a round trip (docs/decisions/0044, 0060).
 * Same import() as the lazy pages of app/router.tsx, so the same chunks.
 */
import { meApi } from '../api/learners';
import { putEarly } from './early-data';

const FIRST_ROUTE_CHUNKS: [RegExp, () => Promise<unknown>][] = [
  [/^\/learning\/?$/, () => import('../features/learning/MyLearningPage')],
  [/^\/teaching\/?$/, () => import('../features/learning/TeachingPage')],
  [/^\/people\/?$/, () => import('../features/registry/RegistryPage')],
  [/^\/people\/\d+\/?$/, () => import('../features/people/ProfilePage')],
  [/^\/classes\/?$/, () => import('../features/classes/ClassesPage')],
  [/^\/classes\/\d+\/?$/, () => import('../features/classes/ClassPage')],
  [/^\/calendar\/?$/, () => import('../features/calendar/CalendarPage')],
];

/** Data a page asks for first, requested with its code (taken once by the page's query). */
const FIRST_ROUTE_DATA: [RegExp, string, () => Promise<unknown>][] = [[/^\/learning\/?$/, 'my-learning', () => meApi.learning()]];

export function preloadRoute(pathname: string): void {
  const quiet = () => undefined; // a failed preload is retried by the lazy page, which shows the error
  // the desktop header's menu is a chunk of its own, never loaded on a phone (docs/decisions/0067)
  if (typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 768px)').matches) import('../app/DesktopNav').catch(quiet);
  for (const [path, load] of FIRST_ROUTE_CHUNKS) if (path.test(pathname)) load().catch(quiet);
  for (const [path, key, load] of FIRST_ROUTE_DATA) {
    if (!path.test(pathname)) continue;
    const p = load();
    p.catch(quiet); // not signed in: the guard sends the visitor to the login page and nobody takes it
    putEarly(key, p);
  }
}
