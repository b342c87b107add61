// A minimal keep-alive HTTP/1.1 client with a cookie jar. node:http with a bounded Agent gives
// explicit control over connection reuse (one socket per in-flight request, reused throughout),
// which is what a browser or API client does and what we want to measure.
import http from 'node:http';

export interface Response {
  status: number;
  body: string;
}

export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly cookies = new Map<string, string>();

  constructor(baseUrl: string, private readonly origin: string, maxSockets: number) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: string, path: string, json?: unknown): Promise<Response> {
    const payload = json === undefined ? undefined : JSON.stringify(json);
    const headers: Record<string, string> = { accept: 'application/json', origin: this.origin };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent },
        (res) => {
          this.remember(res.headers['set-cookie']);
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async json<T>(method: string, path: string, body: unknown, expected: number): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status !== expected) throw new Error(`${method} ${path} → ${res.status} (expected ${expected}): ${res.body.slice(0, 500)}`);
    return JSON.parse(res.body) as T;
  }

  close() {
    this.agent.destroy();
  }

  private remember(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
