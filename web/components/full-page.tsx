import { LoaderCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { Logo } from './logo';

export function FullPageSpinner() {
  return (
    <div className="flex min-h-screen items-center justify-center" role="status">
      <LoaderCircle className="size-6 animate-spin text-indigo-700" aria-hidden="true" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}

export function FullPageMessage({ title, message, children }: { title: string; message: string; children?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 p-6 text-center">
      <Logo />
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="max-w-md text-sm text-zinc-600">{message}</p>
      {children}
    </main>
  );
}

/** The centered card every signed-out page (sign-in, sign-up, reset, invitation) sits in. */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <Logo className="mb-8" />
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-zinc-500">{subtitle}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
      {footer ? <div className="mt-6 text-sm text-zinc-600">{footer}</div> : null}
    </main>
  );
}
