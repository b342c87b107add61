// Light, dark or the device's choice, per user (PUT /api/v1/me/preferences). The resolved theme is
// <html data-theme="…">; styles.css turns the palette round for "dark". The last choice is kept in
// localStorage only so the next page load starts in it before /me answers (no white flash).
import { useEffect } from 'react';
import type { Preferences } from '../../contracts/responses';

type Theme = Preferences['theme'];
const KEY = 'meridian.theme';
const darkQuery = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);

export function applyTheme(theme: Theme) {
  const dark = theme === 'dark' || (theme === 'system' && Boolean(darkQuery()?.matches));
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Private windows may refuse storage; the theme still applies to this page.
  }
}

/** At start, before React renders: the theme this browser last used. */
export function applyStoredTheme() {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    stored = null;
  }
  applyTheme(stored === 'light' || stored === 'dark' ? stored : 'system');
}

/** Keeps <html> on the user's theme, following the device while it is "system". */
export function useTheme(theme: Theme) {
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const q = darkQuery();
    const follow = () => applyTheme('system');
    q?.addEventListener('change', follow);
    return () => q?.removeEventListener('change', follow);
  }, [theme]);
}
