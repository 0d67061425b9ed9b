/** Answers whether a company code is in the group company register, as this service knows it. */
export interface CompanyRegisterCheck {
  isRegistered(companyCode: string): Promise<boolean>;
}

/** The injection token of the service's CompanyRegisterCheck. */
export const COMPANY_REGISTER_CHECK = Symbol('COMPANY_REGISTER_CHECK');
