// The contact record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx).
import { Users } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { ContactDetailPage } from './contact-detail-page';
import { ContactsListPage } from './contacts-list-page';

export const entityPages: EntityPages = { type: 'contact', icon: Users, List: ContactsListPage, Detail: ContactDetailPage };
