// "Import" on a list page: opens the CSV import wizard for that list's records (members and up).
import { Upload } from 'lucide-react';
import { Link } from 'react-router';
import { buttonVariants } from '../../components/ui/button';
import { canEdit, useMe } from '../auth/session';
import type { ImportResource } from './imports.queries';

export function ImportButton({ resource }: { resource: ImportResource }) {
  const me = useMe();
  if (!canEdit(me.role)) return null;
  return (
    <Link to={`/import/${resource}`} className={buttonVariants({ variant: 'secondary' })}>
      <Upload aria-hidden="true" /> Import
    </Link>
  );
}
