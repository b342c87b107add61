// The lead record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx).
import { UserPlus } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { LeadDetailPage } from './lead-detail-page';
import { LeadsListPage } from './leads-list-page';

export const entityPages: EntityPages = { type: 'lead', icon: UserPlus, List: LeadsListPage, Detail: LeadDetailPage };
