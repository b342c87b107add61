// Attachments on a contact in a real Chromium against the real server (files capped at 4 KB here):
// two files uploaded at once through the file input, listed with name, size and type; one
// downloaded under its own name; "attached …" on the timeline; a too-large file and a program each
// refused inline while the good file still goes through; a viewer sees the files but no upload or
// delete; a file deleted after confirming, the timeline says "removed …", then the empty state.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/attachments.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', ATTACHMENT_MAX_BYTES: '4096' });

async function post<T>(request: APIRequestContext, origin: string, path: string, data: unknown): Promise<T> {
  const res = await request.post(path, { data, headers: { Origin: origin } });
  if (!res.ok()) throw new Error(`POST ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A 64-bit ELF header: what the server detects as a program and refuses. */
function elfBytes() {
  const b = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b, 0);
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(0x3e, 18); // x86-64
  b.writeUInt32LE(1, 20);
  return b;
}

test.skipIf(!hasChromium)('attach files to a contact, download, refusals inline, viewer read-only, delete with confirmation', { timeout: 120_000 }, async () => {
  const env = e2e.env();
  const dir = mkdtempSync(join(tmpdir(), 'meridian-e2e-files-'));
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const stamp = Date.now();
  try {
    const notesPath = join(dir, 'meeting-notes.txt');
    const agendaPath = join(dir, 'agenda.txt');
    const bigPath = join(dir, 'big-scan.txt');
    const programPath = join(dir, 'tool.bin');
    writeFileSync(notesPath, 'Met Hank on Tuesday.\nNext step: send the proposal.\n');
    writeFileSync(agendaPath, '1. Intro\n2. Pricing\n');
    writeFileSync(bigPath, 'x'.repeat(6000));
    writeFileSync(programPath, elfBytes());

    await signUpWithOrganization(page, { name: 'Olivia Owner', email: `olivia+${stamp}@example.com`, organization: 'Files Co' });
    await page.getByRole('button', { name: 'New contact' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('First name').fill('Hank');
    await dialog.getByLabel('Last name').fill('Scorpio');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await heading('Hank Scorpio').waitFor();
    const contactPath = new URL(page.url()).pathname;

    const section = page.getByRole('region', { name: 'Attachments' });
    const files = section.getByRole('list', { name: 'Attachments' });
    const timeline = page.getByRole('list', { name: 'Activity timeline' });
    await section.getByText('No files yet').waitFor();
    await section.getByRole('button', { name: 'Upload files' }).waitFor();

    // Two files at once through the (hidden) file input behind the Upload button.
    await section.getByLabel('Files to attach').setInputFiles([notesPath, agendaPath]);
    await files.getByRole('link', { name: 'meeting-notes.txt' }).waitFor();
    await files.getByRole('link', { name: 'agenda.txt' }).waitFor();
    const row = files.getByRole('listitem', { name: 'meeting-notes.txt' });
    expect(await row.textContent()).toMatch(/51 B · Text · you,/);
    await timeline.getByText(/Olivia Owner attached meeting-notes\.txt/).waitFor();
    await timeline.getByText(/Olivia Owner attached agenda\.txt/).waitFor();
    // Finished uploads leave the progress list once their row is in the attachment list (a render later).
    await expect.poll(() => section.getByRole('list', { name: 'Uploads' }).count()).toBe(0);

    // Download under the file's own name, with the same bytes.
    const download = page.waitForEvent('download');
    await files.getByRole('link', { name: 'meeting-notes.txt' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('meeting-notes.txt');
    const saved = join(dir, 'downloaded.txt');
    await file.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toContain('send the proposal');

    // A too-large file and a program are refused inline, each with its reason.
    await section.getByLabel('Files to attach').setInputFiles([bigPath, programPath]);
    const uploads = section.getByRole('list', { name: 'Uploads' });
    await uploads.getByRole('alert').filter({ hasText: 'big-scan.txt: Too large. Files are limited to' }).waitFor();
    await uploads.getByRole('alert').filter({ hasText: 'tool.bin: Refused: Programs cannot be attached.' }).waitFor();
    await env.shot(page, 'a1-attachments');
    expect(await files.getByRole('link', { name: 'big-scan.txt' }).count()).toBe(0);
    await uploads.getByRole('button', { name: 'Dismiss the error for big-scan.txt' }).click();
    await uploads.getByRole('button', { name: 'Dismiss the error for tool.bin' }).click();
    await uploads.waitFor({ state: 'detached' });

    // A viewer sees the files and can download, but gets no upload or delete.
    const { context: viewer, page: viewerPage, consoleErrors: viewerErrors } = await openPage(env);
    const viewerEmail = `vic+${stamp}@example.com`;
    await post(viewer.request, env.baseUrl, '/api/auth/sign-up/email', { name: 'Vic Viewer', email: viewerEmail, password: 'correct horse battery' });
    // Sign-up opens no session (a taken address must look like a new one): sign in, as the web does.
    await post(viewer.request, env.baseUrl, '/api/auth/sign-in/email', { email: viewerEmail, password: 'correct horse battery' });
    const invitation = await post<{ id: string }>(page.request, env.baseUrl, '/api/auth/organization/invite-member', { email: viewerEmail, role: 'viewer' });
    await post(viewer.request, env.baseUrl, '/api/auth/organization/accept-invitation', { invitationId: invitation.id });
    await viewerPage.goto(contactPath);
    const viewerSection = viewerPage.getByRole('region', { name: 'Attachments' });
    await viewerSection.getByRole('link', { name: 'meeting-notes.txt' }).waitFor();
    expect(await viewerSection.getByRole('button', { name: 'Upload files' }).count()).toBe(0);
    expect(await viewerSection.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    expect(await viewerSection.getByText(/Olivia Owner,/).count()).toBe(2);
    await viewer.close();
    expect(viewerErrors).toEqual([]);

    // Delete both, confirming each; the timeline says so, and the empty state returns.
    for (const name of ['meeting-notes.txt', 'agenda.txt']) {
      await files.getByRole('button', { name: `Delete ${name}` }).click();
      const confirm = page.getByRole('alertdialog', { name: `Delete ${name}?` });
      await confirm.getByRole('button', { name: 'Delete file' }).click();
      await confirm.waitFor({ state: 'detached' });
      await timeline.getByText(new RegExp(`Olivia Owner removed ${name.replace('.', '\\.')}`)).waitFor();
    }
    await section.getByText('No files yet').waitFor();
    await env.shot(page, 'a2-empty');

    await context.close();
    // The two refusals are answered 413 and 400 on purpose; Chromium logs each failed request.
    const unexpected = consoleErrors.filter((m) => !/Failed to load resource: the server responded with a status of (413|400)/.test(m));
    expect(unexpected).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
