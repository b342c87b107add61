// Every route of the SPA. The server answers any non-/api path with index.html, so deep links work.
// The signed-out pages and the core CRM pages load eagerly; settings load on demand.
import { createBrowserRouter } from 'react-router';
import { AppShell } from './components/app-shell';
import { FullPageMessage, FullPageSpinner } from './components/full-page';
import { Button } from './components/ui/button';
import { AssistantButton } from './features/assistant/assistant-button';
import { AssistantPage } from './features/assistant/assistant-page';
import { AssistantPanelProvider } from './features/assistant/assistant-panel';
import { AcceptInvitationPage } from './features/auth/accept-invitation-page';
import { SignInPage, SignUpPage } from './features/auth/auth-pages';
import { OnboardingPage } from './features/auth/onboarding-page';
import { ForgotPasswordPage, ResetPasswordPage } from './features/auth/password-pages';
import { RequireMembership } from './features/auth/session';
import { UserMenu } from './features/auth/user-menu';
import { CommandPalette } from './features/palette/command-palette';
import { NotificationBell } from './features/notifications/notification-bell';
import { entityNav, entityRoutes } from './entity-pages';

function NotFound() {
  return (
    <FullPageMessage title="Page not found" message="There is nothing at this address.">
      <Button asChild>
        <a href="/">Go to the app</a>
      </Button>
    </FullPageMessage>
  );
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/accept-invitation/:id', element: <AcceptInvitationPage /> },
  { path: '/onboarding', element: <OnboardingPage /> },
  {
    element: <RequireMembership />,
    // Shown while a lazy route's code loads on the very first page view.
    hydrateFallbackElement: <FullPageSpinner />,
    children: [
      {
        element: (
          <AssistantPanelProvider>
            <AppShell
              entityNav={entityNav}
              actions={
                <>
                  <CommandPalette />
                  <AssistantButton />
                  <NotificationBell />
                  <UserMenu />
                </>
              }
            />
          </AssistantPanelProvider>
        ),
        children: [
          // The dashboard carries the charting library; it loads on demand.
          { index: true, lazy: async () => ({ Component: (await import('./features/dashboard/dashboard-page')).DashboardPage }) },
          // Every record type's list and record page, from the catalogue (entity-pages.tsx).
          ...entityRoutes,
          // The calendar carries FullCalendar; it loads on demand.
          { path: 'calendar', lazy: async () => ({ Component: (await import('./features/events/calendar-page')).CalendarPage }) },
          { path: 'assistant', element: <AssistantPage /> },
          { path: 'feedback', lazy: async () => ({ Component: (await import('./features/feedback/feedback-page')).FeedbackPage }) },
          { path: 'activity', lazy: async () => ({ Component: (await import('./features/activities/activity-page')).ActivityPage }) },
          { path: 'settings', lazy: async () => ({ Component: (await import('./features/settings/settings-page')).SettingsPage }) },
          { path: 'settings/notifications', lazy: async () => ({ Component: (await import('./features/notifications/notification-settings-page')).NotificationSettingsPage }) },
          { path: 'settings/integrations/mcp-servers', lazy: async () => ({ Component: (await import('./features/settings/mcp-servers-page')).McpServersPage }) },
          { path: 'settings/integrations/calendars', lazy: async () => ({ Component: (await import('./features/settings/calendars-page')).CalendarsPage }) },
          { path: 'settings/members', lazy: async () => ({ Component: (await import('./features/settings/members-page')).MembersPage }) },
          { path: 'settings/ai', lazy: async () => ({ Component: (await import('./features/settings/ai-settings-page')).AiSettingsPage }) },
          { path: 'settings/pipelines', lazy: async () => ({ Component: (await import('./features/settings/pipelines-page')).PipelinesPage }) },
          { path: 'settings/custom-fields', lazy: async () => ({ Component: (await import('./features/custom-fields/custom-fields-page')).CustomFieldsPage }) },
          { path: 'settings/tags', lazy: async () => ({ Component: (await import('./features/tags/tags-page')).TagsPage }) },
          { path: 'import/:resource', lazy: async () => ({ Component: (await import('./features/imports/import-page')).ImportPage }) },
          { path: 'settings/api-keys', lazy: async () => ({ Component: (await import('./features/settings/api-keys-page')).ApiKeysPage }) },
          { path: 'settings/automations', lazy: async () => ({ Component: (await import('./features/settings/automations-page')).AutomationsPage }) },
          { path: 'settings/permissions', lazy: async () => ({ Component: (await import('./features/settings/permissions-page')).PermissionsPage }) },
          { path: 'settings/webhooks', lazy: async () => ({ Component: (await import('./features/settings/webhooks-page')).WebhooksPage }) },
        ],
      },
    ],
  },
  { path: '*', element: <NotFound /> },
]);
