// The outbound guard against real sockets on 127.0.0.1: what it refuses, what the operator can
// allow, redirects re-checked hop by hop, and a rebinding name that answers "public" to the check
// and "127.0.0.1" to the connection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertOutboundUrl, blockedRange, guardedFetch, OutboundBlockedError } from './outbound';

interface Peer {
  server: Server;
  url: string;
  hostPort: string;
  seen: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  handle: (req: IncomingMessage, res: ServerResponse) => void;
}

async function peer(): Promise<Peer> {
  const p = { seen: [], handle: (_req: IncomingMessage, res: ServerResponse) => res.end('ok') } as unknown as Peer;
  p.server = createServer((req, res) => {
    p.seen.push({ method: req.method!, path: req.url!, headers: req.headers });
    req.resume();
    req.on('end', () => p.handle(req, res));
  });
  await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', r));
  const { port } = p.server.address() as AddressInfo;
  p.url = `http://127.0.0.1:${port}`;
  p.hostPort = `127.0.0.1:${port}`;
  return p;
}

let a: Peer;
let b: Peer;
beforeAll(async () => {
  [a, b] = await Promise.all([peer(), peer()]);
});
afterAll(async () => {
  await Promise.all([a, b].map((p) => new Promise((r) => p.server.close(r))));
});

const none = { allowedHosts: [] };

describe('addresses', () => {
  test.each([
    ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'], ['169.254.169.254', 'linkLocal'], ['0.0.0.0', 'unspecified'], ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'], ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'linkLocal'], ['fd00:ec2::254', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:10.0.0.1', 'private'], ['2002:7f00:1::', '6to4'], ['64:ff9b::7f00:1', 'rfc6052'],
  ])('%s is refused (%s)', (address, range) => {
    expect(blockedRange(address)).toBe(range);
  });
  test.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111'])('%s is public', (address) => {
    expect(blockedRange(address)).toBeNull();
  });
});

describe('assertOutboundUrl', () => {
  test.each([
    'file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1:6379/', 'data:text/plain,hi', 'javascript:alert(1)',
  ])('%s: only http and https', async (url) => {
    await expect(assertOutboundUrl(url, none)).rejects.toThrow(/URLs are not allowed; use http or https/);
  });

  test.each([
    'http://127.0.0.1:8098/v1', 'http://localhost:11434/v1', 'http://[::1]:8080/', 'http://2130706433/', 'http://0x7f000001/', 'http://127.1/',
    'http://[::ffff:7f00:1]/', 'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://0.0.0.0:3000/', 'http://10.0.0.8/', 'http://100.100.100.200/',
  ])('%s resolves inside: refused with the env var to allow it', async (url) => {
    const err = await assertOutboundUrl(url, none).catch((e) => e);
    expect(err).toBeInstanceOf(OutboundBlockedError);
    expect(err).toMatchObject({ status: 400, code: 'outbound_blocked' });
    expect(err.message).toMatch(/OUTBOUND_ALLOWED_HOSTS/);
  });

  test('a name is checked on every address it resolves to', async () => {
    const resolve = async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }];
    await expect(assertOutboundUrl('https://mixed.example/', { allowedHosts: [], resolve })).rejects.toThrow(/private address \(10\.0\.0\.1\)/);
    const metadata = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(assertOutboundUrl('http://metadata.google.internal/', { allowedHosts: [], resolve: metadata })).rejects.toThrow(/linkLocal/);
    const publicOnly = async () => [{ address: '93.184.216.34', family: 4 }];
    await expect(assertOutboundUrl('https://api.example/v1', { allowedHosts: [], resolve: publicOnly })).resolves.toBeInstanceOf(URL);
  });

  test('the operator allows exact host:port entries (the port counts, default ports included)', async () => {
    const policy = { allowedHosts: ['localhost:11434', '127.0.0.1:80'] };
    await expect(assertOutboundUrl('http://localhost:11434/v1', policy)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrl('http://LOCALHOST:11434/v1', policy)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrl('http://127.0.0.1/v1', policy)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrl('http://localhost:22/', policy)).rejects.toThrow(OutboundBlockedError);
    await expect(assertOutboundUrl('http://127.0.0.1:11434/', policy)).rejects.toThrow(OutboundBlockedError);
  });

  test('credentials in the URL and unresolvable names are refused', async () => {
    await expect(assertOutboundUrl('https://user:pw@api.example/', none)).rejects.toThrow(/user name or password/);
    const nx = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(assertOutboundUrl('https://nowhere.invalid/', { allowedHosts: [], resolve: nx })).rejects.toThrow(/Could not resolve nowhere.invalid/);
  });
});

describe('guardedFetch', () => {
  test('a refused URL is never connected to', async () => {
    a.seen.length = 0;
    await expect(guardedFetch(`${a.url}/v1/chat`, { method: 'POST', body: '{}' }, none)).rejects.toThrow(OutboundBlockedError);
    expect(a.seen).toHaveLength(0);
  });

  test('DNS rebinding: the address connected to is the address checked', async () => {
    a.seen.length = 0;
    const port = new URL(a.url).port;
    let calls = 0;
    // First answer public (the pre-check), then 127.0.0.1 (what a rebinding server says next).
    const resolve = async () => (calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const err = await guardedFetch(`http://rebind.example:${port}/`, {}, { allowedHosts: [], resolve }).catch((e) => e);
    expect(err).toBeInstanceOf(OutboundBlockedError);
    expect(err.message).toMatch(/loopback address \(127\.0\.0\.1\)/);
    expect(calls).toBe(2);
    expect(a.seen).toHaveLength(0);
  });

  test('an allowed host is called, and a redirect to a host that is not allowed is refused', async () => {
    a.seen.length = 0;
    b.seen.length = 0;
    a.handle = (_req, res) => res.writeHead(307, { location: `${b.url}/stolen` }).end();
    const err = await guardedFetch(`${a.url}/v1/chat`, { method: 'POST', body: '{}', headers: { authorization: 'Bearer sk-secret' } }, { allowedHosts: [a.hostPort] }).catch((e) => e);
    expect(err).toBeInstanceOf(OutboundBlockedError);
    expect(a.seen).toHaveLength(1);
    expect(b.seen).toHaveLength(0);
  });

  test('redirects: same origin keeps headers; another origin loses credentials; 303 becomes GET; hops are capped', async () => {
    const policy = { allowedHosts: [a.hostPort, b.hostPort] };
    a.seen.length = 0;
    b.seen.length = 0;
    a.handle = (req, res) => (req.url === '/start' ? res.writeHead(302, { location: '/same' }).end() : res.writeHead(308, { location: `${b.url}/other` }).end());
    b.handle = (_req, res) => res.end('landed');
    const res = await guardedFetch(`${a.url}/start`, { headers: { authorization: 'Bearer sk-secret', 'x-api-key': 'k', 'x-trace': 't' } }, policy);
    expect(await res.text()).toBe('landed');
    expect(a.seen.map((s) => s.path)).toEqual(['/start', '/same']);
    expect(a.seen[1]!.headers.authorization).toBe('Bearer sk-secret');
    expect(b.seen[0]!.headers.authorization).toBeUndefined();
    expect(b.seen[0]!.headers['x-api-key']).toBeUndefined();
    expect(b.seen[0]!.headers['x-trace']).toBe('t');

    b.seen.length = 0;
    a.handle = (_req, res) => res.writeHead(303, { location: `${b.url}/result` }).end();
    await guardedFetch(`${a.url}/post`, { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' } }, policy);
    expect(b.seen[0]).toMatchObject({ method: 'GET', path: '/result' });

    a.handle = (_req, res) => res.writeHead(302, { location: '/again' }).end();
    await expect(guardedFetch(`${a.url}/loop`, {}, { ...policy, maxRedirects: 3 })).rejects.toThrow(/redirected more than 3 times/);
    a.handle = (_req, res) => res.end('ok');
  });
});
