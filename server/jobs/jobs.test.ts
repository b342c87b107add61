// The job runner on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL): queues are
// created, sent jobs reach their handler as arrays, a poll enqueues work, stop() ends it all.
import pino from 'pino';
import { afterAll, expect, test } from 'vitest';
import { testDatabase } from '../../test/db';
import { startJobs, type Jobs } from './jobs';

let jobs: Jobs | undefined;
afterAll(async () => {
  await jobs?.stop();
});

async function until(check: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the job');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('sends, works, polls and stops on the app database', async () => {
  const database = await testDatabase();
  const seen: unknown[] = [];
  let pending = 0;
  let polled = 0;
  jobs = await startJobs({
    database,
    log: pino({ level: 'silent' }),
    definitions: [
      { name: 'test.echo', work: { pollingIntervalSeconds: 0.5 }, handler: async (batch) => void seen.push(...batch.map((j) => j.data)) },
      {
        name: 'test.poll',
        queue: { policy: 'stately' },
        work: { pollingIntervalSeconds: 0.5 },
        poll: { everySeconds: 0.2, when: async () => pending > 0 },
        handler: async () => {
          polled++;
          pending = 0;
        },
      },
    ],
  });
  await jobs.send('test.echo', { hello: 'world' });
  await until(() => seen.length === 1);
  expect(seen).toEqual([{ hello: 'world' }]);

  // Nothing to do: the poll enqueues nothing. Work appears: one job runs and clears it.
  await new Promise((r) => setTimeout(r, 800));
  expect(polled).toBe(0);
  pending = 3;
  await until(() => polled >= 1);
  expect(pending).toBe(0);

  await jobs.stop();
  jobs = undefined;
  // Stopped: nothing is worked any more, and the database is still usable by the app.
  const { rows } = await database.query(`select count(*)::int as n from pgboss.queue where name like 'test.%'`);
  expect(rows[0].n).toBe(2);
});
