// The calendar in the bench (Issue 11.10): the measured organization gets events (one in 500 a weekly
// series, one in 1000 three days long) and tasks with due dates spread over five years (2024–2028), set-based; `calendar month`
// asks GET /api/v1/calendar for one month of 2026 (events with series expanded, tasks due). Its raw
// twin is the SQL under it without the expansion: the single events overlapping the month, the
// series starting before its end, their edited occurrences, and the tasks due in it.
import type pg from 'pg';
import type { HttpClient } from './http-client';
import type { Operation } from './ops';

const SPAN_QUARTER_HOURS = 5 * 365 * 24 * 4;
const MONTHS = Array.from({ length: 12 }, (_, m) => ({ from: new Date(Date.UTC(2026, m, 1)).toISOString(), to: new Date(Date.UTC(2026, m + 1, 1)).toISOString() }));

export async function seedCalendar(pool: pg.Pool, orgId: string, userId: string, n: { events: number; tasks: number }, log: (m: string) => void): Promise<void> {
  const started = performance.now();
  await pool.query(
    `INSERT INTO events (organization_id, title, location, starts_at, ends_at, timezone, owner_id, created_by, recurrence)
     SELECT $1, CASE WHEN r.g % 500 = 0 THEN 'Weekly sync #' ELSE 'Bench meeting #' END || r.g, CASE WHEN r.g % 4 = 0 THEN 'Room ' || (r.g % 12) END,
            r.s, r.s + CASE WHEN r.g % 1000 = 7 THEN interval '3 days' ELSE make_interval(mins => 30 * (1 + r.g % 4)) END, 'Europe/Berlin', $2, $2,
            CASE WHEN r.g % 500 = 0 THEN 'FREQ=WEEKLY' END
       FROM (SELECT g, timestamptz '2024-01-01 00:00Z' + make_interval(mins => 15 * ((hashint8(g::bigint + 8589934592) & 2147483647) % ${SPAN_QUARTER_HOURS})) AS s
               FROM generate_series(1, $3::int) g) r`,
    [orgId, userId, n.events],
  );
  await pool.query(
    `INSERT INTO tasks (organization_id, title, status, due_at, assignee_id, created_by)
     SELECT $1, 'Bench task #' || g, CASE WHEN g % 5 = 0 THEN 'done' ELSE 'todo' END,
            timestamptz '2024-01-01 00:00Z' + make_interval(mins => 15 * ((hashint8(g::bigint + 4294967296) & 2147483647) % ${SPAN_QUARTER_HOURS})), $2, $2
       FROM generate_series(1, $3::int) g`,
    [orgId, userId, n.tasks],
  );
  await pool.query('VACUUM (ANALYZE) events');
  await pool.query('VACUUM (ANALYZE) tasks');
  log(`  calendar: ${n.events.toLocaleString('en-US')} events (${Math.floor(n.events / 500)} weekly series) and ${n.tasks.toLocaleString('en-US')} tasks in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

async function rawMonth(pool: pg.Pool, orgId: string, from: string, to: string) {
  // The same two scans as occurrences.ts eventsInRange: starting from a day before the range, and the long ones.
  const dayBefore = new Date(Date.parse(from) - 86400_000).toISOString();
  const single = (bounds: string, params: string[]) =>
    pool.query(
      `SELECT * FROM events e WHERE e.organization_id = $1 AND e.deleted_at IS NULL AND e.recurrence IS NULL
          AND (e.recurring_event_id IS NULL OR EXISTS (SELECT 1 FROM events s WHERE s.id = e.recurring_event_id AND s.deleted_at IS NULL))
          AND ${bounds} AND (e.ends_at > $2 OR (e.ends_at IS NULL AND e.starts_at >= $2) OR (e.ends_at = e.starts_at AND e.starts_at >= $2))
        ORDER BY e.starts_at, e.id LIMIT 5001`,
      [orgId, from, ...params],
    );
  const [near, long, series, tasks] = await Promise.all([
    single('e.starts_at >= $3 AND e.starts_at < $4', [dayBefore, to]),
    single(`e.starts_at < $3 AND (e.ends_at - e.starts_at) > interval '24 hours'`, [dayBefore]),
    pool.query(`SELECT * FROM events WHERE organization_id = $1 AND deleted_at IS NULL AND recurrence IS NOT NULL AND starts_at < $2`, [orgId, to]),
    pool.query(`SELECT * FROM tasks WHERE organization_id = $1 AND deleted_at IS NULL AND due_at >= $2 AND due_at < $3 ORDER BY due_at LIMIT 5000`, [orgId, from, to]),
  ]);
  const ids = series.rows.map((r: { id: string }) => r.id);
  if (ids.length) await pool.query(`SELECT recurring_event_id, original_starts_at FROM events WHERE organization_id = $1 AND recurring_event_id = ANY($2::uuid[])`, [orgId, ids]);
  return { singles: (near.rowCount ?? 0) + (long.rowCount ?? 0), series: series.rowCount ?? 0, tasks: tasks.rowCount ?? 0 };
}

export function calendarOp(ctx: { client: HttpClient; pool: pg.Pool; orgId: string }, pick: <T>(list: T[], i: number) => T): Operation {
  const get = async (i: number) => {
    const m = pick(MONTHS, i);
    const res = await ctx.client.request('GET', `/api/v1/calendar?from=${m.from}&to=${m.to}`);
    if (res.status !== 200) throw new Error(`GET /calendar ${m.from} → ${res.status}: ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body) as { data: { type: string; seriesId: string | null }[] };
  };
  return {
    name: 'calendar month',
    api: async (i) => {
      await get(i);
    },
    raw: async (i) => {
      const m = pick(MONTHS, i);
      await rawMonth(ctx.pool, ctx.orgId, m.from, m.to);
    },
    verify: async () => {
      for (let i = 0; i < 3; i++) {
        const m = pick(MONTHS, i);
        const api = (await get(i)).data;
        const raw = await rawMonth(ctx.pool, ctx.orgId, m.from, m.to);
        const singles = api.filter((x) => x.type === 'event' && !x.seriesId).length;
        const tasks = api.filter((x) => x.type === 'task').length;
        if (singles !== raw.singles || tasks !== raw.tasks) return `${m.from}: api ${singles} single events and ${tasks} tasks, raw ${raw.singles} and ${raw.tasks}`;
        if (raw.series > 0 && !api.some((x) => x.seriesId)) return `${m.from}: ${raw.series} series but no occurrence in the answer`;
      }
      return null;
    },
  };
}
