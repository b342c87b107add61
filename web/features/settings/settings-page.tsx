import { Bell, CalendarDays, Plug, ChevronRight, KeyRound, ListPlus, ShieldCheck, Sparkles, Tags, Users, Webhook, Workflow, Zap } from 'lucide-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { Fields } from '../../components/record';
import { Badge, Card } from '../../components/ui/misc';
import { titleCase } from '../../lib/utils';
import { ChangePasswordCard } from '../auth/change-password-card';
import { isAdmin, useMe } from '../auth/session';

const sections = [
  { to: '/settings/members', title: 'Members', text: 'Invite people, change roles, deactivate or remove members.', icon: Users },
  { to: '/settings/permissions', title: 'Permissions', text: 'Who sees each kind of record, and which records members may edit.', icon: ShieldCheck },
  { to: '/settings/pipelines', title: 'Pipelines', text: 'Sales pipelines: stages, probabilities, won/lost and stale limits.', icon: Workflow },
  { to: '/settings/custom-fields', title: 'Custom fields', text: 'Your own fields on contacts, companies, deals, leads and projects.', icon: ListPlus },
  { to: '/settings/tags', title: 'Tags', text: 'Tag names and colors, and how many records use each.', icon: Tags },
  { to: '/settings/api-keys', title: 'API keys', text: 'Keys for scripts and integrations calling the REST API.', icon: KeyRound },
  { to: '/settings/automations', title: 'Automations', text: 'Rules that act when records change: follow-up tasks, owners, tags, emails.', icon: Zap },
  { to: '/settings/webhooks', title: 'Webhooks', text: 'Signed calls to your own systems when records change.', icon: Webhook },
  { to: '/settings/ai', title: 'AI', text: 'The model behind the assistant: provider, model, API key.', icon: Sparkles },
];

export function SettingsPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="Settings" description={`Your account and the ${me.organization.name} organization.`} />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <Card className="p-6" aria-labelledby="account">
            <h2 id="account" className="mb-4 text-base font-semibold">Account</h2>
            <Fields
              items={[
                { label: 'Name', value: me.user.name },
                { label: 'Email', value: me.user.email },
                { label: 'Organization', value: me.organization.name },
                { label: 'Your role', value: <Badge>{titleCase(me.role)}</Badge> },
              ]}
            />
          </Card>
          <Card className="p-6" aria-labelledby="notifications">
            <h2 id="notifications" className="mb-1 text-base font-semibold">Notifications</h2>
            <p className="mb-3 text-sm text-zinc-600">Which reminders, assignments, mentions and digests reach you, in the app and by email.</p>
            <Link to="/settings/notifications" className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
              <Bell className="size-4" aria-hidden="true" /> Notification settings
            </Link>
          </Card>
          <Card className="p-6" aria-labelledby="calendars">
            <h2 id="calendars" className="mb-1 text-base font-semibold">Integrations</h2>
            <p className="mb-3 text-sm text-zinc-600">Sync your Google or Microsoft 365 calendar with Meridian, both ways, and connect MCP servers whose tools the assistant may use.</p>
            <div className="flex flex-wrap gap-4">
              <Link to="/settings/integrations/calendars" className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
                <CalendarDays className="size-4" aria-hidden="true" /> Calendars
              </Link>
              <Link to="/settings/integrations/mcp-servers" className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
                <Plug className="size-4" aria-hidden="true" /> MCP servers
              </Link>
            </div>
          </Card>
          <ChangePasswordCard />
        </div>
        {isAdmin(me.role) ? (
          <nav aria-label="Organization settings" className="space-y-3">
            {sections.map(({ to, title, text, icon: Icon }) => (
              <Link key={to} to={to} className="flex items-center gap-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm hover:border-indigo-300 hover:bg-indigo-50/40">
                <span className="flex size-10 items-center justify-center rounded-md bg-indigo-50 text-indigo-700">
                  <Icon className="size-5" aria-hidden="true" />
                </span>
                <span className="flex-1">
                  <span className="block font-medium">{title}</span>
                  <span className="block text-sm text-zinc-500">{text}</span>
                </span>
                <ChevronRight className="size-4 text-zinc-400" aria-hidden="true" />
              </Link>
            ))}
          </nav>
        ) : (
          <Card className="p-6 text-sm text-zinc-600">
            Members and API keys are managed by your organization's admins.{' '}
            <Link to="/settings/members" className="text-indigo-700 hover:underline">
              See who is in {me.organization.name}
            </Link>
            . You can choose{' '}
            <Link to="/settings/ai" className="text-indigo-700 hover:underline">
              your own AI model
            </Link>
            {' '}and see the{' '}
            <Link to="/settings/pipelines" className="text-indigo-700 hover:underline">
              sales pipelines
            </Link>
            ,{' '}
            <Link to="/settings/custom-fields" className="text-indigo-700 hover:underline">
              custom fields
            </Link>
            {' '}and{' '}
            <Link to="/settings/tags" className="text-indigo-700 hover:underline">
              tags
            </Link>
            .
          </Card>
        )}
      </div>
    </>
  );
}
