// The company record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx).
import { BuildingComplex } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { CompaniesListPage } from './companies-list-page';
import { CompanyDetailPage } from './company-detail-page';

export const entityPages: EntityPages = { type: 'company', icon: BuildingComplex, List: CompaniesListPage, Detail: CompanyDetailPage };
