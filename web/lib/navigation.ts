// Navigation for callbacks that outlive the page that created them (e.g. a toast's Undo button
// after its detail page has unmounted: that page's navigate() is inert by then).
// The app shell, which stays mounted for all signed-in pages, registers its navigate here.
import type { NavigateFunction } from 'react-router';

let appNavigate: NavigateFunction | null = null;

export function registerAppNavigate(fn: NavigateFunction | null) {
  appNavigate = fn;
}

export function navigateApp(to: string) {
  if (appNavigate) void appNavigate(to);
  else window.location.assign(to);
}
