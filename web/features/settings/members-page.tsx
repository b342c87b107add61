import { MoreHorizontal } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { toast } from 'sonner';
import { ROLES, type Role } from '../../../contracts/common';
import type { Member } from '../../../contracts/members';
import { PageHeader } from '../../components/app-shell';
import { ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Select } from '../../components/ui/input';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDate, titleCase } from '../../lib/utils';
import { isAdmin, useMe } from '../auth/session';
import { InviteSection } from './invite-section';
import { useChangeRole, useMembers, usePasswordReset, useRemoveMember, useSetActive, useUnlock } from './settings.queries';

const formatTime = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

const menuItem = 'flex cursor-default select-none items-center rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100';

export function MembersPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const setActive = useSetActive();
  const reset = usePasswordReset();
  const unlock = useUnlock();
  const [removing, setRemoving] = useState<Member | null>(null);
  /** Why a reset link could not be sent (this server cannot send email). */
  const [noEmail, setNoEmail] = useState<string | null>(null);

  const report = (done: string) => ({ onSuccess: () => toast.success(done), onError: (e: Error) => toast.error(errorMessage(e)) });

  function sendReset(m: Member) {
    reset.mutate(m.id, {
      onSuccess: () => toast.success(`Password reset email sent to ${m.email}`),
      onError: (e) => (e instanceof ApiError && e.code === 'email_not_configured' ? setNoEmail(e.message) : toast.error(errorMessage(e))),
    });
  }

  return (
    <>
      <PageHeader title="Members" description={`People in ${me.organization.name} and what they can do.`} />
      <div className="space-y-6">
        {admin ? <InviteSection emailEnabled={me.features.email} /> : null}
        {members.isError ? (
          <ErrorState error={members.error} onRetry={() => members.refetch()} />
        ) : (
          <Card>
            <Table aria-label="Members">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th className="hidden md:table-cell">Email</Th>
                  <Th>Role</Th>
                  <Th className="hidden sm:table-cell">Joined</Th>
                  {admin ? <Th><span className="sr-only">Actions</span></Th> : null}
                </tr>
              </thead>
              {members.isPending ? (
                <TableSkeleton columns={admin ? 5 : 4} rows={3} />
              ) : (
                <tbody>
                  {members.data.map((m) => {
                    const self = m.userId === me.user.id;
                    return (
                      <tr key={m.id}>
                        <Td className="font-medium">
                          {m.name} {self ? <span className="font-normal text-zinc-500">(you)</span> : null}
                          {m.deactivatedAt || m.lockedUntil ? (
                            // Below the name on a phone, beside it on wider screens.
                            <span className="mt-1 flex flex-wrap gap-1 sm:ml-2 sm:mt-0 sm:inline-flex">
                              {m.deactivatedAt ? <Badge tone="inactive">Deactivated</Badge> : null}
                              {m.lockedUntil ? (
                                <Badge tone="churned" title="Too many failed sign-ins">
                                  Locked until {formatTime(m.lockedUntil)}
                                </Badge>
                              ) : null}
                            </span>
                          ) : null}
                          <span className="block text-xs font-normal text-zinc-500 md:hidden">{m.email}</span>
                        </Td>
                        <Td className="hidden text-zinc-600 md:table-cell">{m.email}</Td>
                        <Td>
                          {admin && !self ? (
                            <Select
                              aria-label={`Role of ${m.name}`}
                              className="w-32"
                              value={m.role}
                              disabled={changeRole.isPending}
                              onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Role }, report(`${m.name} is now ${e.target.value}`))}
                            >
                              {ROLES.map((r) => (
                                <option key={r} value={r}>
                                  {titleCase(r)}
                                </option>
                              ))}
                            </Select>
                          ) : (
                            <Badge>{titleCase(m.role)}</Badge>
                          )}
                        </Td>
                        <Td className="hidden text-zinc-500 sm:table-cell">{formatDate(m.createdAt)}</Td>
                        {admin ? (
                          <Td className="text-right">
                            {self ? null : (
                              <DropdownMenu.Root
                                // Not modal: a modal menu marks the rest of the page aria-hidden while it stays focusable (axe: aria-hidden-focus); this one still takes focus and closes on Escape or a click outside.
                                modal={false}
                              >
                                <DropdownMenu.Trigger asChild>
                                  <Button variant="ghost" size="icon" aria-label={`Actions for ${m.name}`}>
                                    <MoreHorizontal />
                                  </Button>
                                </DropdownMenu.Trigger>
                                <DropdownMenu.Portal>
                                  <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-48 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
                                    <DropdownMenu.Item className={menuItem} onSelect={() => sendReset(m)}>
                                      Send password reset
                                    </DropdownMenu.Item>
                                    {m.lockedUntil ? (
                                      <DropdownMenu.Item className={menuItem} onSelect={() => unlock.mutate(m.id, report(`${m.name} can sign in again`))}>
                                        Unlock sign-in
                                      </DropdownMenu.Item>
                                    ) : null}
                                    <DropdownMenu.Item
                                      className={menuItem}
                                      onSelect={() => setActive.mutate({ id: m.id, active: Boolean(m.deactivatedAt) }, report(m.deactivatedAt ? `${m.name} reactivated` : `${m.name} deactivated`))}
                                    >
                                      {m.deactivatedAt ? 'Reactivate' : 'Deactivate'}
                                    </DropdownMenu.Item>
                                    <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
                                    <DropdownMenu.Item className={`${menuItem} text-red-700`} onSelect={() => setRemoving(m)}>
                                      Remove from organization
                                    </DropdownMenu.Item>
                                  </DropdownMenu.Content>
                                </DropdownMenu.Portal>
                              </DropdownMenu.Root>
                            )}
                          </Td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              )}
            </Table>
          </Card>
        )}
      </div>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={`Remove ${removing?.name ?? 'member'}?`}
        description="They lose access to this organization at once. Records they created stay."
        confirmLabel="Remove member"
        pending={remove.isPending}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.id, { ...report(`${removing.name} removed`), onSettled: () => setRemoving(null) });
        }}
      />
      <Dialog open={noEmail !== null} onOpenChange={(o) => !o && setNoEmail(null)} title="Email is not set up">
        <p className="text-sm text-zinc-700">{noEmail}</p>
        <div className="mt-6 flex justify-end">
          <Button onClick={() => setNoEmail(null)}>OK</Button>
        </div>
      </Dialog>
    </>
  );
}
