import { describe, expect, test } from 'vitest';
import type { Task } from '../../../contracts/tasks';
import { groupOf, groupTasks } from './task-groups';

// Wednesday 2 December 2026, 15:00 local time.
const now = new Date(2026, 11, 2, 15, 0);
const at = (y: number, m: number, d: number, h = 10) => new Date(y, m, d, h).toISOString();
const task = (over: Partial<Task>): Task => ({ id: crypto.randomUUID(), title: 't', status: 'todo', dueAt: null, ...over }) as Task;

describe('task groups', () => {
  test('a completed task due in the past is not under Today (the Nov 28 report), an open one is Overdue', () => {
    expect(groupOf(task({ status: 'done', dueAt: at(2026, 10, 28) }), now)).toBe('Done');
    expect(groupOf(task({ status: 'cancelled', dueAt: at(2026, 10, 30) }), now)).toBe('Done');
    expect(groupOf(task({ status: 'todo', dueAt: at(2026, 10, 28) }), now)).toBe('Overdue');
    expect(groupOf(task({ status: 'in_progress', dueAt: at(2026, 11, 1, 23) }), now)).toBe('Overdue');
  });

  test('today, tomorrow, this week (to Sunday), later and no date', () => {
    expect(groupOf(task({ dueAt: at(2026, 11, 2, 8) }), now)).toBe('Today');
    expect(groupOf(task({ status: 'done', dueAt: at(2026, 11, 2, 8) }), now)).toBe('Today');
    expect(groupOf(task({ dueAt: at(2026, 11, 3) }), now)).toBe('Tomorrow');
    expect(groupOf(task({ dueAt: at(2026, 11, 6) }), now)).toBe('This week');
    expect(groupOf(task({ dueAt: at(2026, 11, 7) }), now)).toBe('Later');
    expect(groupOf(task({ dueAt: null }), now)).toBe('No date');
  });

  test('groups come in order, Done last, empty ones left out', () => {
    const groups = groupTasks([task({ status: 'done', dueAt: at(2026, 10, 28) }), task({ dueAt: at(2026, 10, 28) }), task({ dueAt: at(2026, 11, 2) })], now);
    expect(groups.map((g) => [g.group, g.tasks.length])).toEqual([['Overdue', 1], ['Today', 1], ['Done', 1]]);
  });
});
