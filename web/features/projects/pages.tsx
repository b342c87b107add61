// The project record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx).
import { FolderKanban } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { ProjectDetailPage } from './project-detail-page';
import { ProjectsListPage } from './projects-list-page';

export const entityPages: EntityPages = { type: 'project', icon: FolderKanban, List: ProjectsListPage, Detail: ProjectDetailPage };
