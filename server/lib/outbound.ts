// The one door out. Every URL the server calls on a user's behalf (AI provider base URLs now;
// webhooks, MCP servers and calendar APIs later) passes this guard, so a user-supplied URL cannot
// reach the server's own network: http(s) only; names resolved and loopback, private (RFC 1918,
// CGNAT, ULA), link-local (incl. cloud metadata), unspecified and other non-public addresses
// refused unless the operator lists the host:port in OUTBOUND_ALLOWED_HOSTS (a self-hosted Ollama
// or LiteLLM). The address checked is the address connected to: the check runs inside the
// connection's own DNS lookup, so a name cannot answer "public" to the check and "127.0.0.1" to
// the connection (DNS rebinding). Redirects are followed here, one hop at a time, each re-checked.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { AppError } from './errors';

export interface OutboundPolicy {
  /** "host:port" entries (lower case) that may be called whatever they resolve to. */
  allowedHosts: readonly string[];
  /** Name resolution (all addresses); injectable so tests can play a rebinding DNS server. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

export interface GuardedFetchOptions {
  /** Redirect hops followed (each re-checked); 0 refuses any redirect. */
  maxRedirects?: number;
}

/** A URL the guard refuses: a 400 naming the reason, safe to show the person who typed the URL. */
export class OutboundBlockedError extends AppError {
  constructor(message: string, code: 'outbound_blocked' | 'outbound_unresolvable' = 'outbound_blocked') {
    super(400, code, message);
  }
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that carry a credential: never forwarded to another origin on a redirect. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|x-goog-api-key|api-key)$|key|token|secret/i;

/** Why an address may not be called ("loopback", "private", …), or null for a public unicast one. */
export function blockedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  // Everything but plain unicast: loopback, private, carrierGradeNat, linkLocal (169.254.169.254),
  // uniqueLocal (fd00:ec2::254), unspecified, broadcast, multicast, reserved, and the IPv6 forms
  // that embed an IPv4 address (6to4, teredo, NAT64), which could smuggle an inside one.
  return range === 'unicast' ? null : range;
}

const hostPort = (url: URL) => `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol]}`.toLowerCase();
const isAllowed = (url: URL, policy: OutboundPolicy) => policy.allowedHosts.includes(hostPort(url));
const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

function systemResolve(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))));
}

function refuse(url: URL, address: string, range: string) {
  return new OutboundBlockedError(
    `${url.host} resolves to a ${range} address (${address}); the server does not call internal addresses. ` +
      `An operator can allow it by adding "${hostPort(url)}" to OUTBOUND_ALLOWED_HOSTS.`,
  );
}

/** Checks every resolved address of a name; the first refused one fails the whole name. */
async function checkedAddresses(url: URL, policy: OutboundPolicy): Promise<LookupAddress[]> {
  const host = bare(url.hostname);
  let addrs: LookupAddress[];
  try {
    addrs = isIP(host) ? [{ address: host, family: isIP(host) }] : await (policy.resolve ?? systemResolve)(host);
  } catch {
    addrs = [];
  }
  if (addrs.length === 0) throw new OutboundBlockedError(`Could not resolve ${host}: check the host name.`, 'outbound_unresolvable');
  for (const a of addrs) {
    const range = blockedRange(a.address);
    if (range) throw refuse(url, a.address, range);
  }
  return addrs;
}

/**
 * Throws OutboundBlockedError unless `input` is an http(s) URL without credentials whose host is
 * allowed by the operator or resolves only to public addresses. Use it when a URL is saved
 * (settings, webhooks) so the person gets the reason at once; guardedFetch checks again on use.
 */
export async function assertOutboundUrl(input: string | URL, policy: OutboundPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundBlockedError('Not a valid URL');
  }
  if (!(url.protocol in DEFAULT_PORTS)) throw new OutboundBlockedError(`${url.protocol.replace(':', '')}: URLs are not allowed; use http or https`);
  if (url.username || url.password) throw new OutboundBlockedError('URLs must not contain a user name or password; put credentials in the API key field');
  if (!isAllowed(url, policy)) await checkedAddresses(url, policy);
  return url;
}

// One connection pool per policy. The guarded agent checks the addresses inside the socket's own
// lookup (net/tls connect call it for names; literal IPs are checked before the request).
const agents = new WeakMap<OutboundPolicy, { guarded: Dispatcher; direct: Dispatcher }>();
function agentsFor(policy: OutboundPolicy) {
  let a = agents.get(policy);
  if (!a) {
    const lookup = (hostname: string, options: { all?: boolean }, cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
      const url = new URL(`http://${isIP(hostname) === 6 ? `[${hostname}]` : hostname}`);
      checkedAddresses(url, policy).then(
        (addrs) => (options.all ? cb(null, addrs) : cb(null, addrs[0]!.address, addrs[0]!.family)),
        (err: Error) => cb(err, ''),
      );
    };
    a = { guarded: new Agent({ connect: { lookup: lookup as never } }), direct: new Agent() };
    agents.set(policy, a);
  }
  return a;
}

/**
 * fetch() for user-supplied URLs: the same signature as the global fetch (so AI SDK providers take
 * it as their `fetch`), with the guard on the first URL and on every redirect hop. Credential
 * headers are dropped when a redirect leaves the origin, so a stored key only goes where it was saved for.
 */
export async function guardedFetch(input: string | URL | Request, init: RequestInit = {}, policy: OutboundPolicy & GuardedFetchOptions): Promise<Response> {
  if (input instanceof Request) throw new TypeError('guardedFetch takes a URL and init, not a Request');
  let url = await assertOutboundUrl(input, policy);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  const headers = new Headers(init.headers);
  const maxRedirects = policy.maxRedirects ?? 5;
  for (let hop = 0; ; hop++) {
    const { guarded, direct } = agentsFor(policy);
    let res: Response;
    try {
      res = (await undiciFetch(url, {
        ...(init as object),
        method,
        headers: [...headers],
        body: body as never,
        redirect: 'manual',
        dispatcher: isAllowed(url, policy) ? direct : guarded,
      })) as unknown as Response;
    } catch (err) {
      // undici reports a refused lookup as TypeError('fetch failed', { cause }): surface the reason.
      const cause = (err as { cause?: unknown }).cause;
      if (cause instanceof OutboundBlockedError) throw cause;
      throw err;
    }
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location) return res;
    await res.body?.cancel();
    if (hop >= maxRedirects) throw new OutboundBlockedError(`${url.host} redirected more than ${maxRedirects} times`);
    const next = await assertOutboundUrl(new URL(location, url), policy);
    if (next.origin !== url.origin) for (const name of [...headers.keys()]) if (CREDENTIAL_HEADER.test(name)) headers.delete(name);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      headers.delete('content-type');
      headers.delete('content-length');
    }
    url = next;
  }
}

/** The guard bound to one policy: what services are handed (app.ts builds it from env). */
export function outboundGuard(policy: OutboundPolicy) {
  return {
    policy,
    assertUrl: (url: string | URL) => assertOutboundUrl(url, policy),
    /** For a URL a user saves: a refusal is a 400 on that input field (nothing saved). */
    async assertField(url: string, path: string): Promise<void> {
      try {
        await assertOutboundUrl(url, policy);
      } catch (err) {
        if (err instanceof OutboundBlockedError) throw new AppError(400, err.code, err.message, [{ path, message: err.message }]);
        throw err;
      }
    },
    fetch: ((input: string | URL | Request, init?: RequestInit) => guardedFetch(input, init, policy)) as typeof globalThis.fetch,
  };
}
export type OutboundGuard = ReturnType<typeof outboundGuard>;
