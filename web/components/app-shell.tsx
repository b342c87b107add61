// The frame around every signed-in page: sidebar navigation and a top bar. What the bar holds (the
// command palette, the assistant button, the user menu) and the record types' sidebar entries are
// given by the router (web/router.tsx), so this generic frame imports nothing from features/.
import { CalendarRange, History, LayoutDashboard, Menu, Settings, Sparkles, X, type LucideIcon } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { registerAppNavigate } from '../lib/navigation';
import { useRealtime } from '../lib/realtime';
import { branding } from '../lib/branding';
import { cn } from '../lib/utils';
import { Logo } from './logo';
import { Button } from './ui/button';

interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
  end?: boolean;
}

/**
 * `entityNav`: the record types' entries, from the catalogue (web/entity-pages.tsx); `actions`: the
 * top bar's right-hand side. Both passed in, so this component does not import the features that
 * import it.
 */
export function AppShell({ entityNav, actions }: { entityNav: NavItem[]; actions: ReactNode }) {
  const nav: NavItem[] = [
    { to: '/', label: 'Dashboard', icon: LayoutDashboard, end: true },
    { to: '/calendar', label: 'Calendar', icon: CalendarRange },
    ...entityNav,
    { to: '/activity', label: 'Activity', icon: History },
    { to: '/assistant', label: 'Assistant', icon: Sparkles },
    { to: '/settings', label: 'Settings', icon: Settings },
  ];
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const dark = branding.darkHeader;
  const closeRef = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  // Lists, record pages and the board follow other people's changes as they happen.
  useRealtime();
  useEffect(() => {
    registerAppNavigate(navigate);
    return () => registerAppNavigate(null);
  }, [navigate]);
  // On a phone the sidebar is an overlay; following a link should put it away.
  useEffect(() => setOpen(false), [location.pathname]);
  // While the overlay is open, focus starts in it and Esc closes it.
  useEffect(() => {
    if (!open) return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="min-h-screen sm:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      {open ? <div className="fixed inset-0 z-30 bg-zinc-950/30 sm:hidden" onClick={() => setOpen(false)} aria-hidden="true" /> : null}
      <aside
        id="sidebar"
        className={cn(
          'fixed inset-y-0 left-0 z-40 w-60 flex-col border-r sm:sticky sm:top-0 sm:flex sm:h-screen',
          // Fixed colours: inside .dark-header the zinc scale is turned round (styles.css).
          dark ? 'dark-header border-[#27272a] bg-[#18181b]' : 'border-zinc-200 bg-white',
          open ? 'flex' : 'hidden',
        )}
      >
        <div className={cn('flex h-14 items-center justify-between border-b border-zinc-200 px-4')}>
          <Link to="/" aria-label={`${branding.appName} home`} className="flex min-w-0">
            <Logo />
          </Link>
          <Button ref={closeRef} variant="ghost" size="icon" className="sm:hidden" aria-label="Close menu" onClick={() => setOpen(false)}>
            <X />
          </Button>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-1 p-3">
          {nav.map(({ to, label, icon: Icon, end }) => (
            <NavLink
              key={to}
              to={to}
              end={end}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100',
                  isActive && 'bg-indigo-50 text-indigo-700 hover:bg-indigo-50',
                )
              }
            >
              <Icon className="size-4" aria-hidden="true" />
              {label}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header
          className={cn(
            'sticky top-0 z-20 flex h-14 items-center gap-3 border-b px-4 sm:px-6',
            dark ? 'dark-header border-[#27272a] bg-[#18181b]' : 'border-zinc-200 bg-white/90 backdrop-blur',
          )}
        >
          <Button variant="ghost" size="icon" className="sm:hidden" aria-label="Open menu" aria-expanded={open} aria-controls="sidebar" onClick={() => setOpen(true)}>
            <Menu />
          </Button>
          <Link to="/" className="flex min-w-0 sm:hidden" aria-label={`${branding.appName} home`}>
            <Logo />
          </Link>
          <div className="ml-auto flex items-center gap-2">{actions}</div>
        </header>
        {/* The deals board uses the full width for its columns; other pages keep a readable measure. */}
        <main id="main" className={cn('mx-auto w-full flex-1 px-4 py-6 sm:px-6 lg:px-8', location.pathname === '/deals' ? 'max-w-none' : 'max-w-6xl')}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="truncate text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
