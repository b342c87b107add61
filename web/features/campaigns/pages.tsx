// The campaign record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx).
import { Megaphone } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { CampaignDetailPage } from './campaign-detail-page';
import { CampaignsListPage } from './campaigns-list-page';

export const entityPages: EntityPages = { type: 'campaign', icon: Megaphone, List: CampaignsListPage, Detail: CampaignDetailPage };
