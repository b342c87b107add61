// The deal record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx).
import { Handshake } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { DealDetailPage } from './deal-detail-page';
import { DealsPage } from './deals-page';

export const entityPages: EntityPages = { type: 'deal', icon: Handshake, List: DealsPage, Detail: DealDetailPage };
