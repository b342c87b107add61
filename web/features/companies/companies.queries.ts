import type { Company, CompanyCreate, CompanyUpdate } from '../../../contracts/companies';
import { resourceHooks } from '../../lib/resource';

export const companyQueries = resourceHooks<Company, CompanyCreate, CompanyUpdate>('companies');
export const {
  useList: useCompanies,
  useOne: useCompany,
  useActivities: useCompanyActivities,
  useCreate: useCreateCompany,
  useUpdate: useUpdateCompany,
  useDelete: useDeleteCompany,
  useRestore: useRestoreCompany,
} = companyQueries;
