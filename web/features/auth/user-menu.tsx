// Top-right menu of the app shell: who you are, which organization you are in (and switching), sign out.
import { useQuery } from '@tanstack/react-query';
import { Building, Check, ChevronDown, LogOut, MessageSquareHeart, Monitor, Moon, Plus, Settings, Sun } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useLocation, useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { Preferences } from '../../../contracts/responses';
import { api, errorMessage } from '../../lib/api';
import { authClient, unwrap } from '../../lib/auth-client';
import { useMe } from '../../lib/me';
import { accountQueryKey, queryClient } from '../../lib/query-client';
import { applyTheme } from '../../lib/theme';
import { useSignOut } from './sign-out';

const item =
  'flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100 data-[disabled]:opacity-50 [&_svg]:size-4';

const THEME_CHOICES = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'Same as device', icon: Monitor },
] as const;

export function UserMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  const orgs = useQuery({
    queryKey: ['organizations'],
    queryFn: () => unwrap(authClient.organization.list()),
  });

  async function switchTo(organizationId: string) {
    if (organizationId === me.organization.id) return;
    try {
      await unwrap(authClient.organization.setActive({ organizationId }));
      navigate('/contacts');
      // Every cached record belongs to the old organization: reset (not just invalidate) so no
      // page shows the old organization's data while the new one loads.
      await queryClient.resetQueries();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  /** Applies at once; saved for the user (every device they sign in on); put back if the save fails. */
  async function setTheme(theme: string) {
    const previous = me.preferences.theme;
    if (theme === previous) return;
    applyTheme(theme as Preferences['theme']);
    try {
      const saved = (await api<{ data: Preferences }>('/me/preferences', { method: 'PUT', body: { theme } })).data;
      queryClient.setQueryData(accountQueryKey, (a: { state: string; me?: typeof me } | undefined) => (a?.me ? { ...a, me: { ...a.me, preferences: saved } } : a));
    } catch (e) {
      applyTheme(previous);
      toast.error(`The theme was not saved: ${errorMessage(e)}`);
    }
  }

  const initials = me.user.name
    .split(/\s+/)
    .map((p) => p[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <DropdownMenu.Root
      // Not modal: a modal menu marks the rest of the page aria-hidden while it stays focusable (axe: aria-hidden-focus); this one still takes focus and closes on Escape or a click outside.
      modal={false}
    >
      {/* Named by what it shows (name, organization) plus "User menu": an aria-label alone would not
          contain the visible text (axe: label-content-name-mismatch, WCAG 2.5.3). */}
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700" aria-hidden="true">
          {initials}
        </span>
        <span className="hidden text-left leading-tight sm:block">
          <span className="block font-medium">{me.user.name}</span>
          <span className="block text-xs text-zinc-500">{me.organization.name}</span>
        </span>
        <span className="sr-only">User menu</span>
        <ChevronDown className="size-4 text-zinc-500" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-64 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          <div className="px-2 py-1.5">
            <p className="text-sm font-medium">{me.user.name}</p>
            <p className="text-xs text-zinc-500">{me.user.email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
          <DropdownMenu.Label className="px-2 py-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Organizations</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={me.organization.id} onValueChange={switchTo}>
            {(orgs.data ?? [me.organization]).map((o) => (
              <DropdownMenu.RadioItem key={o.id} value={o.id} className={item}>
                <Building className="text-zinc-500" aria-hidden="true" />
                <span className="flex-1 truncate">{o.name}</span>
                <DropdownMenu.ItemIndicator>
                  <Check className="text-indigo-700" aria-hidden="true" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Item className={item} onSelect={() => navigate('/onboarding')}>
            <Plus aria-hidden="true" /> New organization
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
          <DropdownMenu.Label className="px-2 py-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Theme</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={me.preferences.theme} onValueChange={setTheme}>
            {THEME_CHOICES.map(({ value, label, icon: Icon }) => (
              <DropdownMenu.RadioItem key={value} value={value} className={item} onSelect={(e) => e.preventDefault()}>
                <Icon className="text-zinc-500" aria-hidden="true" />
                <span className="flex-1">{label}</span>
                <DropdownMenu.ItemIndicator>
                  <Check className="text-indigo-700" aria-hidden="true" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
          <DropdownMenu.Item className={item} onSelect={() => navigate('/settings')}>
            <Settings aria-hidden="true" /> Settings
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => navigate(`/feedback?from=${encodeURIComponent(location.pathname)}`)}>
            <MessageSquareHeart aria-hidden="true" /> Send feedback
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={signOut}>
            <LogOut aria-hidden="true" /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
