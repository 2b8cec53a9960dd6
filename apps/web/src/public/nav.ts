/**
 * Navigation for the public pages (/login, /verify, /checkin), which render without React Router and
 * antd (docs/decisions/0060): the light shell (public/shell.tsx) handles them alone until another page
 * is opened; from then on the signed-in app's router does (it calls setNavigator).
 */
import { createElement, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Navigate = (path: string, options?: { replace?: boolean }) => void;

let navigator: Navigate = (path, options) => {
  if (options?.replace) window.location.replace(path);
  else window.location.assign(path);
};

export function setNavigator(fn: Navigate): void {
  navigator = fn;
}

/** Opens a page of this app (a public one in the shell, any other in the signed-in app). */
export function go(path: string, options?: { replace?: boolean }): void {
  navigator(path, options);
}

/** The pages rendered without the signed-in app. */
export const PUBLIC_PATH = /^\/(login|verify|checkin)(\/|$)/;

/** The public page of a path (its parameter decoded as React Router would), or null for any other. */
export function publicPage(
  pathname: string,
): { page: 'login' } | { page: 'verify'; code: string } | { page: 'checkin'; token: string } | null {
  if (/^\/login\/?$/.test(pathname)) return { page: 'login' };
  const m = /^\/(verify|checkin)\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  let param: string;
  try {
    param = decodeURIComponent(m[2]!);
  } catch {
    param = m[2]!;
  }
  return m[1] === 'verify' ? { page: 'verify', code: param } : { page: 'checkin', token: param };
}

/** A link inside the app: a plain left click navigates without reloading the page. */
export function AppLink({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(to);
  };
  return createElement('a', { ...rest, href: to, onClick });
}
