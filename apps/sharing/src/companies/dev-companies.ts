import type { PutCompanyDto } from './dto/put-company.dto';

/** The development group register: the holding company, domestic members, an affiliate, one abroad, one that left. */
export const DEV_COMPANIES: Record<string, PutCompanyDto> = {
  'GROUP-HD': { legalName: 'Pasona Group Inc.', country: 'JP', relationship: 'HOLDING', joinedOn: '2007-12-03', leftOn: null, active: true },
  'STAFFING-JP': { legalName: 'Group Staffing KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2007-12-03', leftOn: null, active: true },
  'EVENTS-JP': { legalName: 'Group Events KK', country: 'JP', relationship: 'EQUITY_METHOD_AFFILIATE', joinedOn: '2015-04-01', leftOn: null, active: true },
  'STAFFING-US': { legalName: 'Group Staffing USA Inc.', country: 'US', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2008-04-01', leftOn: null, active: true },
  'FORMER-JP': { legalName: 'Former Subsidiary KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2012-04-01', leftOn: '2024-03-31', active: false },
};
