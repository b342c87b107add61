import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadEnv } from './env';

const tmp = () => mkdtempSync(join(tmpdir(), 'meridian-env-'));

describe('configuration', () => {
  test('defaults: port 3000, APP_URL from PORT, embedded database in DATA_DIR', () => {
    const env = loadEnv({ DATA_DIR: tmp() });
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe('http://localhost:3000');
    expect(env.databaseMode).toBe('embedded');
    expect(loadEnv({ DATA_DIR: tmp(), PORT: '8080' }).APP_URL).toBe('http://localhost:8080');
    expect(loadEnv({ DATA_DIR: tmp(), DATABASE_URL: 'postgres://u@h/db' }).databaseMode).toBe('server');
  });

  test('a missing secret is generated once, kept in DATA_DIR with mode 0600, and reused', () => {
    const dir = tmp();
    const first = loadEnv({ DATA_DIR: dir }).BETTER_AUTH_SECRET;
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, 'auth-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(loadEnv({ DATA_DIR: dir }).BETTER_AUTH_SECRET).toBe(first);
  });

  test('production refuses a missing or weak secret with a clear message', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(/BETTER_AUTH_SECRET is required when NODE_ENV=production/);
    expect(() => loadEnv({ NODE_ENV: 'production', DATA_DIR: tmp(), BETTER_AUTH_SECRET: 'short' })).toThrow(/too weak/);
    expect(() => loadEnv({ NODE_ENV: 'production', DATA_DIR: tmp(), BETTER_AUTH_SECRET: 'a'.repeat(40) })).toThrow(/too weak/);
    const ok = loadEnv({ NODE_ENV: 'production', DATA_DIR: tmp(), BETTER_AUTH_SECRET: 'Zx8!kq2Lm9#pR4vT7wY1bN6cF3gH5jD0s' });
    expect(ok.NODE_ENV).toBe('production');
  });

  test('bad values stop start-up naming the variable', () => {
    const bad = (e: Record<string, string>) => {
      try {
        loadEnv({ DATA_DIR: tmp(), ...e });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(bad({ PORT: 'eighty' })).toMatch(/PORT/);
    expect(bad({ DATABASE_URL: 'mysql://x' })).toMatch(/DATABASE_URL: must be a postgres:\/\/ connection URL/);
    expect(bad({ APP_URL: 'not a url' })).toMatch(/APP_URL/);
    expect(bad({ AUTH_RATE_LIMIT: 'maybe' })).toMatch(/AUTH_RATE_LIMIT/);
    expect(bad({ SMTP_URL: 'http://mail' })).toMatch(/SMTP_URL/);
  });
});
