// Where attachment bytes live: a folder under DATA_DIR by default, any S3-compatible store when
// S3_BUCKET is set (AWS, MinIO, R2, …) — the only choice a multi-node deployment can share.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Env } from '../env';

export interface Storage {
  kind: 'local' | 's3';
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  delete(key: string): Promise<void>;
}

export function localStorage(root: string): Storage {
  const base = resolve(root);
  const path = (key: string) => {
    const p = resolve(base, key);
    // Keys are ours (org/uuid), but a path outside the folder must never be reachable.
    if (!p.startsWith(base + '/')) throw new Error('storage key escapes the storage folder');
    return p;
  };
  return {
    kind: 'local',
    async put(key, bytes) {
      const p = path(key);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, bytes, { mode: 0o600 });
    },
    get: async (key) => new Uint8Array(await readFile(path(key))),
    delete: (key) => rm(path(key), { force: true }),
  };
}

export function s3Storage(env: Pick<Env, 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'>): Storage {
  // The AWS SDK is imported at the first attachment read or write, not at start-up (~0.3 s).
  let loaded: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: import('@aws-sdk/client-s3').S3Client }> | undefined;
  const s3 = () =>
    (loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
      }),
    })));
  const Bucket = env.S3_BUCKET!;
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      const { sdk, client } = await s3();
      await client.send(new sdk.PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      const { sdk, client } = await s3();
      const r = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
      return r.Body!.transformToByteArray();
    },
    async delete(key) {
      const { sdk, client } = await s3();
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}

export function storageFor(env: Env): Storage {
  return env.S3_BUCKET ? s3Storage(env) : localStorage(join(env.DATA_DIR, 'attachments'));
}
