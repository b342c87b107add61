// Branding from env (APP_NAME, BRAND_ACCENT, BRAND_LOGO, BRAND_HEADER): the name, a palette made
// from the accent, the logo, a favicon and a web manifest. The web app's classes name Tailwind's
// indigo scale; the palette replaces that scale's CSS variables, so one accent recolours every
// button, link and focus ring without touching the components. Colour science (OKLCH shades,
// WCAG contrast) comes from culori.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { clampChroma, formatHex, oklch, parse, wcagContrast } from 'culori';
import type { Env } from './env';
import { ConfigError } from './env';

export interface Branding {
  appName: string;
  accent: string;
  /** Text on the accent: white or near-black, whichever reads better (WCAG contrast). */
  accentForeground: string;
  /** Tailwind's indigo shades 50–950 made from the accent's hue and chroma; 600 is the accent itself. */
  palette: Record<string, string>;
  /** Where the browser loads the logo from: /brand/logo (a file) or the configured URL; null: the built-in mark. */
  logoUrl: string | null;
  /** The logo file served at /brand/logo. */
  logoFile: { body: Buffer; contentType: string } | null;
  /** An https logo's origin, which the CSP's img-src must allow. */
  logoOrigin: string | null;
  darkHeader: boolean;
}

/** Tailwind v4's indigo lightness ladder (OKLCH L), so a brand scale steps like the default one. */
const LADDER: Record<string, number> = { 50: 0.962, 100: 0.93, 200: 0.87, 300: 0.785, 400: 0.673, 500: 0.585, 600: 0.511, 700: 0.457, 800: 0.398, 900: 0.359, 950: 0.257 };
const WHITE = '#ffffff';
const INK = '#09090b'; // zinc-950
const LOGO_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon' };
const LOGO_MAX_BYTES = 1024 * 1024;

/** The scale for one accent. Shades used as text on white (600–950) are darkened until they read (≥ 4.5:1). */
export function paletteFor(accent: string): { palette: Record<string, string>; foreground: string } {
  const base = oklch(parse(accent));
  if (!base) throw new ConfigError(`BRAND_ACCENT: ${accent} is not a colour`);
  const palette: Record<string, string> = {};
  for (const [shade, l] of Object.entries(LADDER)) {
    // Pale shades carry less chroma, as Tailwind's do; a grey accent stays grey.
    const c = (base.c ?? 0) * (l > 0.85 ? 0.25 : l > 0.7 ? 0.6 : 1);
    let colour = formatHex(clampChroma({ mode: 'oklch', l, c, h: base.h ?? 0 }, 'oklch'));
    for (let dl = l; Number(shade) >= 700 && wcagContrast(colour, WHITE) < 4.5 && dl > 0.1; dl -= 0.02) {
      colour = formatHex(clampChroma({ mode: 'oklch', l: dl, c, h: base.h ?? 0 }, 'oklch'));
    }
    palette[shade] = colour;
  }
  palette['600'] = formatHex(parse(accent)!);
  // White when it reads (≥ 4.5:1), else near-black; a mid grey that neither reaches gets pure black.
  const accentOn = (fg: string) => wcagContrast(palette['600'], fg);
  const foreground = accentOn(WHITE) >= 4.5 ? WHITE : accentOn(INK) >= 4.5 ? INK : accentOn(WHITE) > accentOn('#000000') ? WHITE : '#000000';
  return { palette, foreground };
}

function loadLogo(value: string | undefined): Pick<Branding, 'logoUrl' | 'logoFile' | 'logoOrigin'> {
  if (!value) return { logoUrl: null, logoFile: null, logoOrigin: null };
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(`BRAND_LOGO: ${value} is not a valid URL`);
    }
    return { logoUrl: url.href, logoFile: null, logoOrigin: url.origin };
  }
  const path = resolve(value);
  const contentType = LOGO_TYPES[extname(path).toLowerCase()];
  if (!contentType) throw new ConfigError(`BRAND_LOGO: ${value} must be an .svg, .png, .jpg, .webp or .ico file, or an http(s) URL`);
  if (!existsSync(path) || !statSync(path).isFile()) throw new ConfigError(`BRAND_LOGO: no file at ${path}`);
  if (statSync(path).size > LOGO_MAX_BYTES) throw new ConfigError(`BRAND_LOGO: ${value} is larger than 1 MB`);
  return { logoUrl: '/brand/logo', logoFile: { body: readFileSync(path), contentType }, logoOrigin: null };
}

export function brandingFrom(env: Pick<Env, 'APP_NAME' | 'BRAND_ACCENT' | 'BRAND_LOGO' | 'BRAND_HEADER'>): Branding {
  const { palette, foreground } = paletteFor(env.BRAND_ACCENT);
  return { appName: env.APP_NAME, accent: palette['600'], accentForeground: foreground, palette, ...loadLogo(env.BRAND_LOGO), darkHeader: env.BRAND_HEADER === 'dark' };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The built-in mark (an M on a rounded square) in the brand's colours. */
export function faviconSvg(b: Branding): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>${escapeXml(b.appName)}</title><rect width="32" height="32" rx="8" fill="${b.accent}"/><path d="M8 23V9l8 9 8-9v14" stroke="${b.accentForeground}" stroke-width="3" fill="none" stroke-linejoin="round"/></svg>`;
}

/** The icon a browser tab and an installed app use: the logo when there is one, else the mark. */
function icon(b: Branding): { src: string; type: string } {
  if (b.logoUrl && b.logoFile) return { src: b.logoUrl, type: b.logoFile.contentType };
  return { src: '/favicon.svg', type: 'image/svg+xml' };
}

/** The web app manifest (W3C Web Application Manifest). */
export function manifest(b: Branding) {
  const i = icon(b);
  return {
    name: b.appName,
    short_name: b.appName.length > 12 ? b.appName.split(/\s+/)[0].slice(0, 12) : b.appName,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: b.darkHeader ? '#18181b' : b.accent,
    background_color: '#fafafa',
    icons: [{ src: i.src, type: i.type, sizes: 'any', purpose: 'any' }],
  };
}

/** What the web app reads before it renders (a JSON data block: never executed, so the CSP stays strict). */
export function webBranding(b: Branding) {
  return { appName: b.appName, logoUrl: b.logoUrl, darkHeader: b.darkHeader, accent: b.accent, accentForeground: b.accentForeground };
}

const escapeHtml = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** index.html with the brand: title, icon, manifest, theme colour, the palette and the data block. */
export function brandIndexHtml(html: string, b: Branding): string {
  const vars = [...Object.entries(b.palette).map(([shade, hex]) => `--color-indigo-${shade}:${hex}`), `--color-on-accent:${b.accentForeground}`].join(';');
  const data = JSON.stringify(webBranding(b)).replace(/</g, '\\u003c');
  const i = icon(b);
  const head = [
    `<title>${escapeHtml(b.appName)}</title>`,
    `<link rel="icon" href="${escapeHtml(i.src)}" type="${i.type}" />`,
    '<link rel="manifest" href="/manifest.webmanifest" />',
    `<meta name="theme-color" content="${b.darkHeader ? '#18181b' : b.accent}" />`,
    `<style id="brand-palette">:root{${vars}}</style>`,
    `<script type="application/json" id="meridian-brand">${data}</script>`,
  ].join('\n    ');
  return html
    .replace(/<title>[\s\S]*?<\/title>\s*/i, '')
    .replace(/<link rel="icon"[^>]*>\s*/i, '')
    .replace(/<\/head>/i, `  ${head}\n  </head>`);
}
