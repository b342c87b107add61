// The brand the server was configured with (APP_NAME, BRAND_LOGO, BRAND_HEADER; server/branding.ts),
// read once from the JSON data block it puts in index.html. The dev server (vite) has none: the
// defaults are Meridian's own.
export interface WebBranding {
  appName: string;
  logoUrl: string | null;
  darkHeader: boolean;
}

const DEFAULTS: WebBranding = { appName: 'Meridian', logoUrl: null, darkHeader: false };

function read(): WebBranding {
  const text = typeof document === 'undefined' ? null : document.getElementById('meridian-brand')?.textContent;
  if (!text) return DEFAULTS;
  try {
    return { ...DEFAULTS, ...(JSON.parse(text) as Partial<WebBranding>) };
  } catch {
    return DEFAULTS;
  }
}

export const branding: WebBranding = read();
