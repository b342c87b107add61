import { CompanySchema } from '../../../contracts/companies';
import { crudRoutes } from '../../lib/crud-routes';
import { companyService } from './companies.service';

export const companyRoutes = crudRoutes(companyService, CompanySchema);
