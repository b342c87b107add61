// The OAuth 2.0 half shared by the Google and Microsoft fakes: an authorize endpoint that approves at
// once and redirects back with a code (like a user clicking "Allow"), and a token endpoint speaking
// RFC 6749 JSON that checks the client secret, the redirect URI and the PKCE code_verifier against
// the S256 code_challenge (RFC 7636) — a client that gets PKCE wrong fails here as it would for real.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeGrant {
  clientId: string;
  account: string;
  refreshToken: string;
  revoked: boolean;
}

export interface OAuthFakeOptions {
  clientId: string;
  clientSecret: string;
  /** The account the authorize page "signs in" as. */
  account: string;
  /** Seconds an access token lives (expires_in). */
  expiresIn?: number;
}

const b64url = (buf: Buffer) => buf.toString('base64url');

export function oauthFake(o: OAuthFakeOptions) {
  const codes = new Map<string, { challenge: string; method: string; redirectUri: string; clientId: string; scope: string }>();
  const accessTokens = new Map<string, { account: string; expires: number }>();
  const grants = new Map<string, FakeGrant>();
  const log: { endpoint: string; params: Record<string, string> }[] = [];
  let expiresIn = o.expiresIn ?? 3600;

  function issueAccess(account: string) {
    const token = `at-${b64url(randomBytes(18))}`;
    accessTokens.set(token, { account, expires: Date.now() + expiresIn * 1000 });
    return token;
  }

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  return {
    log,
    grants,
    /** Access tokens handed out (to check none is stored in plaintext). */
    accessTokens: () => [...accessTokens.keys()],
    setExpiresIn: (s: number) => void (expiresIn = s),
    /** Every access token stops working (as after its hour is up). */
    expireAccessTokens: () => accessTokens.clear(),
    /** The user removed the app's access in their account settings: refresh tokens fail with invalid_grant. */
    revokeAll: () => {
      for (const g of grants.values()) g.revoked = true;
      accessTokens.clear();
    },
    /** The account an `Authorization: Bearer` header belongs to, or null. */
    accountOf(req: IncomingMessage): string | null {
      const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      const t = m && accessTokens.get(m[1]);
      return t && t.expires > Date.now() ? t.account : null;
    },
    authorize(url: URL, res: ServerResponse) {
      const p = Object.fromEntries(url.searchParams);
      log.push({ endpoint: 'authorize', params: p });
      if (p.client_id !== o.clientId || p.response_type !== 'code' || !p.redirect_uri) return json(res, 400, { error: 'invalid_request' });
      if (!p.code_challenge || p.code_challenge_method !== 'S256') return json(res, 400, { error: 'invalid_request', error_description: 'PKCE with S256 is required' });
      const code = `code-${b64url(randomBytes(12))}`;
      codes.set(code, { challenge: p.code_challenge, method: p.code_challenge_method, redirectUri: p.redirect_uri, clientId: p.client_id, scope: p.scope ?? '' });
      const back = new URL(p.redirect_uri);
      back.searchParams.set('code', code);
      if (p.state) back.searchParams.set('state', p.state);
      res.writeHead(302, { location: back.toString() });
      res.end();
    },
    async token(req: IncomingMessage, res: ServerResponse, body: string) {
      const p = Object.fromEntries(new URLSearchParams(body));
      log.push({ endpoint: 'token', params: p });
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return json(res, 400, { error: 'invalid_request', error_description: 'form body expected' });
      // client_secret_post or client_secret_basic
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      const [id, secret] = basic ? Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent) : [p.client_id, p.client_secret];
      if (id !== o.clientId || secret !== o.clientSecret) return json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      if (p.grant_type === 'authorization_code') {
        const c = codes.get(p.code);
        codes.delete(p.code);
        if (!c) return json(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
        if (c.redirectUri !== p.redirect_uri) return json(res, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
        const computed = b64url(createHash('sha256').update(p.code_verifier ?? '').digest());
        if (!p.code_verifier || computed !== c.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'Missing code verifier.' });
        const refresh = `rt-${b64url(randomBytes(18))}`;
        grants.set(refresh, { clientId: id, account: o.account, refreshToken: refresh, revoked: false });
        return json(res, 200, { access_token: issueAccess(o.account), expires_in: expiresIn, refresh_token: refresh, scope: c.scope, token_type: 'Bearer' });
      }
      if (p.grant_type === 'refresh_token') {
        const g = grants.get(p.refresh_token);
        if (!g || g.revoked) return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        return json(res, 200, { access_token: issueAccess(g.account), expires_in: expiresIn, scope: '', token_type: 'Bearer' });
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    },
    /** Google's https://oauth2.googleapis.com/revoke: token= as form or query. */
    revoke(url: URL, res: ServerResponse, body: string) {
      const token = new URLSearchParams(body).get('token') ?? url.searchParams.get('token') ?? '';
      log.push({ endpoint: 'revoke', params: { token } });
      const g = grants.get(token);
      if (g) g.revoked = true;
      else if (!accessTokens.delete(token)) return json(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    },
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
