// REST rate limits per user (session) and per API key, with counters every node shares: in the
// database by default (one upsert per request), in Redis when REDIS_URL is set. Answers carry the
// IETF draft's RateLimit-Limit / -Remaining / -Reset (seconds) and RateLimit-Policy ("600;w=60");
// over the limit is a 429 with Retry-After. If the shared store fails, a per-node in-memory
// counter stands in (and it is logged), so an outage of the store does not take the API down.
import type { MiddlewareHandler } from 'hono';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Db } from '../db/client';
import { apiRateLimits } from '../db/schema';
import { AppError, errorBody } from './errors';
import type { AppEnv } from './http';
import type { Logger } from './logger';

const WINDOW_SECONDS = 60;

export interface RateLimitOptions {
  db: Db;
  perMinute: number;
  redisUrl?: string;
  log: Logger;
}

export function apiRateLimit({ db, perMinute, redisUrl, log }: RateLimitOptions) {
  const common = { points: perMinute, duration: WINDOW_SECONDS, keyPrefix: 'api' };
  const insuranceLimiter = new RateLimiterMemory(common);
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract;
  if (redisUrl) {
    // No offline queue: while Redis is unreachable a request falls back at once instead of waiting.
    // ioredis is loaded only when REDIS_URL is set (synchronously: this runs while the app is built).
    const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
    redis = new RedisClient(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', (err) => log.warn({ err }, 'rate-limit store (Redis) unavailable; counting per node meanwhile'));
    limiter = new RateLimiterRedis({ ...common, storeClient: redis, insuranceLimiter });
  } else {
    limiter = new RateLimiterDrizzle({ ...common, storeClient: db, schema: apiRateLimits, clearExpiredByTimeout: false, insuranceLimiter });
  }

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const actor = c.get('ctx').actor;
    const key = actor.type === 'api_key' && actor.via ? `key:${actor.via}` : `user:${actor.userId}`;
    let res: RateLimiterRes;
    let limited = false;
    try {
      res = await limiter.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      res = err;
      limited = true;
    }
    const reset = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    const headers: Record<string, string> = {
      'RateLimit-Limit': String(perMinute),
      'RateLimit-Remaining': String(res.remainingPoints),
      'RateLimit-Reset': String(reset),
      'RateLimit-Policy': `${perMinute};w=${WINDOW_SECONDS}`,
    };
    if (limited) {
      const e = new AppError(429, 'rate_limited', `Too many requests: ${perMinute} per minute are allowed. Try again in ${reset} s.`);
      return c.json(errorBody(e), 429, { ...headers, 'Retry-After': String(reset) });
    }
    await next();
    try {
      for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
    } catch {
      // A streamed response may have immutable headers; the limit still counted.
    }
  };

  return {
    middleware,
    /** Closes the Redis connection (the database store needs nothing). */
    close: async () => {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
