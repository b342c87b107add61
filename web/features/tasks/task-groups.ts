// Buckets for /tasks by due date, in the local calendar: Overdue, Today, Tomorrow, This week
// (until Sunday), Later, No date. Open tasks due before today are Overdue; done or cancelled
// ones due before today go to "Done" at the end — never "Today" (a task finished last week is not
// today's work) and never "Overdue" (nothing is left to do).
import type { Task } from '../../../contracts/tasks';

export const GROUPS = ['Overdue', 'Today', 'Tomorrow', 'This week', 'Later', 'No date', 'Done'] as const;
export type Group = (typeof GROUPS)[number];

function startOfDay(d: Date) {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

export function groupOf(task: Task, now = new Date()): Group {
  if (!task.dueAt) return 'No date';
  const due = new Date(task.dueAt);
  const today = startOfDay(now);
  const day = 86_400_000;
  const dueDay = startOfDay(due).getTime();
  const open = task.status !== 'done' && task.status !== 'cancelled';
  if (dueDay < today.getTime()) return open ? 'Overdue' : 'Done';
  if (dueDay === today.getTime()) return 'Today';
  if (dueDay === today.getTime() + day) return 'Tomorrow';
  // Monday-based week: days until the coming Sunday inclusive.
  const daysToSunday = (7 - today.getDay()) % 7;
  if (dueDay <= today.getTime() + daysToSunday * day) return 'This week';
  return 'Later';
}

export function groupTasks(tasks: Task[], now = new Date()) {
  const out = new Map<Group, Task[]>(GROUPS.map((g) => [g, []]));
  for (const t of tasks) out.get(groupOf(t, now))?.push(t);
  return GROUPS.map((g) => ({ group: g, tasks: out.get(g) ?? [] })).filter((g) => g.tasks.length > 0);
}
