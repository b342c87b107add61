// The task record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx). Its record page is a redirect to where a task is shown.
import { SquareCheckBig } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { TaskRedirect } from '../palette/record-redirect';
import { TasksPage } from './tasks-page';

export const entityPages: EntityPages = { type: 'task', icon: SquareCheckBig, List: TasksPage, Detail: TaskRedirect };
