// Branding from env (Issue 15.6): the palette reads on white and on itself for any accent, a bad
// logo stops the start with a message, and the served page, icon and manifest carry the brand.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wcagContrast } from 'culori';
import { describe, expect, test } from 'vitest';
import { testApp } from '../test/app';
import { brandIndexHtml, brandingFrom, manifest, paletteFor } from './branding';
import { ConfigError, loadEnv } from './env';

const LOGO = new URL('../test/fixtures/brand-logo.svg', import.meta.url).pathname;
const brand = (over: Record<string, string> = {}) => {
  const env = loadEnv({ NODE_ENV: 'test', BETTER_AUTH_SECRET: 'x'.repeat(40), ...over });
  return brandingFrom(env);
};

describe('palette', () => {
  test.each(['#4f46e5', '#facc15', '#ffffff', '#0f172a', '#10b981', '#ff0000', '#777777', '#0ff'])('%s: text on the accent and accent text on white both read (WCAG AA)', (accent) => {
    const { palette, foreground } = paletteFor(accent);
    expect(palette['600']).toBe(accent.length === 4 ? '#00ffff' : accent);
    expect(wcagContrast(palette['600'], foreground)).toBeGreaterThanOrEqual(4.5);
    for (const shade of ['700', '800', '900', '950']) expect(wcagContrast(palette[shade], '#ffffff'), `${shade} on white`).toBeGreaterThanOrEqual(4.5);
    // The scale steps from light to dark like Tailwind's.
    expect(wcagContrast(palette['50'], '#ffffff')).toBeLessThan(1.2);
  });

  test('a light accent gets dark text, a dark one white', () => {
    expect(paletteFor('#facc15').foreground).toBe('#09090b');
    expect(paletteFor('#0f172a').foreground).toBe('#ffffff');
  });
});

describe('configuration', () => {
  test('a bad accent, a logo of the wrong type, a missing or oversized logo: a clear error at start', () => {
    expect(() => brand({ BRAND_ACCENT: 'teal' })).toThrow(/BRAND_ACCENT: must be a hex colour/);
    expect(() => brand({ BRAND_LOGO: '/etc/passwd' })).toThrow(ConfigError);
    expect(() => brand({ BRAND_LOGO: '/etc/passwd' })).toThrow(/must be an \.svg, \.png/);
    expect(() => brand({ BRAND_LOGO: '/nowhere/logo.png' })).toThrow(/no file at/);
    const big = join(tmpdir(), `big-logo-${process.pid}.png`);
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1));
    expect(() => brand({ BRAND_LOGO: big })).toThrow(/larger than 1 MB/);
    expect(() => brand({ BRAND_HEADER: 'purple' })).toThrow(/BRAND_HEADER/);
  });

  test('a logo URL is used as is and its origin allowed for images; a file is served from /brand/logo', () => {
    const remote = brand({ BRAND_LOGO: 'https://cdn.example.com/acme.png' });
    expect(remote).toMatchObject({ logoUrl: 'https://cdn.example.com/acme.png', logoOrigin: 'https://cdn.example.com', logoFile: null });
    const local = brand({ BRAND_LOGO: LOGO });
    expect(local).toMatchObject({ logoUrl: '/brand/logo', logoOrigin: null });
    expect(local.logoFile?.contentType).toBe('image/svg+xml');
    expect(manifest(local).icons[0]).toMatchObject({ src: '/brand/logo', type: 'image/svg+xml' });
  });

  test('the name cannot break out of the page it is written into', () => {
    const b = brand({ APP_NAME: '</script><script>alert(1)</script>' });
    const html = brandIndexHtml('<html><head><title>x</title></head><body></body></html>', b);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<title>&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>');
    const data = /<script type="application\/json" id="meridian-brand">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(data![1]).appName).toBe('</script><script>alert(1)</script>');
  });
});

describe('served', () => {
  test('favicon, manifest and logo carry the brand; the CSP allows a remote logo origin', async () => {
    const app = await testApp({ env: { APP_NAME: 'Acme Relations', BRAND_ACCENT: '#0f766e', BRAND_LOGO: LOGO, BRAND_HEADER: 'dark' } });
    const icon = await app.app.request('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toContain('fill="#0f766e"');
    const m = await app.app.request('/manifest.webmanifest');
    expect(m.headers.get('content-type')).toBe('application/manifest+json');
    expect(await m.json()).toMatchObject({ name: 'Acme Relations', short_name: 'Acme', theme_color: '#18181b', icons: [{ src: '/brand/logo' }] });
    const logo = await app.app.request('/brand/logo');
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-security-policy')).toContain("script-src 'self';"); // no inline script in an SVG opened on its own
    expect(await logo.text()).toContain('<circle');

    const remote = await testApp({ env: { BRAND_LOGO: 'https://cdn.example.com/acme.png' } });
    const csp = (await remote.app.request('/favicon.svg')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/cdn\.example\.com/);
    expect((await remote.app.request('/brand/logo')).status).toBe(404);
  });
});
