import { describe, expect, test } from 'vitest';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';

describe('projects', () => {
  test('two assignees, tasks inside, progress done/total, names expanded', async () => {
    const { member, admin } = await orgWithRoles();
    const co = (await member.post('/api/v1/companies', { name: 'Acme' })).body.data;
    const res = await member.post('/api/v1/projects', { name: 'Onboarding Acme', companyId: co.id, assigneeIds: [member.userId, admin.userId], startDate: '2026-11-01', dueDate: '2026-12-15' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body.data;
    expect(p).toMatchObject({ status: 'planned', priority: 'medium', company: { id: co.id, name: 'Acme' }, progress: { done: 0, total: 0 } });
    expect(p.assignees.map((a: { name: string }) => a.name).sort()).toEqual(['Admin Person', 'Member Person']);

    const t1 = (await member.post('/api/v1/tasks', { title: 'Kick-off call', projectId: p.id, assigneeId: admin.userId })).body.data;
    await member.post('/api/v1/tasks', { title: 'Import data', projectId: p.id });
    await member.patch(`/api/v1/tasks/${t1.id}`, { status: 'done' });
    expect((await member.get(`/api/v1/projects/${p.id}`)).body.data.progress).toEqual({ done: 1, total: 2 });
    const inProject = await member.get(`/api/v1/tasks?filter=${encodeURIComponent(JSON.stringify({ projectId: p.id }))}`);
    expect(inProject.body.total).toBe(2);
    const mine = await member.get(`/api/v1/projects?filter=${encodeURIComponent(JSON.stringify({ assigneeIds: admin.userId }))}`);
    expect(mine.body.data.map((x: { id: string }) => x.id)).toEqual([p.id]);
  });

  test('validation: dates in order, assignees and project ids from this organization', async () => {
    const { member } = await orgWithRoles();
    const { owner: stranger } = await ownerWithOrg();
    const backwards = await member.post('/api/v1/projects', { name: 'x', startDate: '2026-12-01', dueDate: '2026-11-01' });
    expect(backwards.body.error.details[0]).toMatchObject({ path: 'dueDate' });
    const stray = await member.post('/api/v1/projects', { name: 'x', assigneeIds: [stranger.userId] });
    expect(stray.body.error.details[0].path).toBe('assigneeIds');
    const theirs = (await stranger.post('/api/v1/projects', { name: 'Theirs' })).body.data.id;
    const task = await member.post('/api/v1/tasks', { title: 'x', projectId: theirs });
    expect(task.body.error.details).toEqual([{ path: 'projectId', message: 'no such project in this organization' }]);
  });
});
