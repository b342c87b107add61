// Saved views have no page of their own: a link to one (/views/:id, e.g. from the activity feed or a
// record link) opens the list it is of with the view applied (?savedView=), where the views bar shows it.
import { Bookmark } from 'lucide-react';
import { Navigate, useParams } from 'react-router';
import { entityOfResource } from '../../../contracts/entities';
import type { SavedView } from '../../../contracts/views';
import { ErrorState } from '../../components/data-table';
import { Skeleton } from '../../components/ui/misc';
import type { EntityPages } from '../../entity-pages';
import { resourceHooks } from '../../lib/resource';

const views = resourceHooks<SavedView, Partial<SavedView>>('views');

function OpenView() {
  const { id = '' } = useParams();
  const view = views.useOne(id);
  if (view.isError) return <ErrorState error={view.error} onRetry={() => view.refetch()} />;
  if (!view.data) return <Skeleton className="h-8 w-64" />;
  const route = entityOfResource(view.data.resource)?.route ?? '/';
  return <Navigate replace to={`${route}?savedView=${view.data.id}`} />;
}

export const entityPages: EntityPages = { type: 'view', icon: Bookmark, Detail: OpenView };
