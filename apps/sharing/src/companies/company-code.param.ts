import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { COMPANY_CODE_PATTERN } from '@registry/contracts';
import { RegistryException } from '@registry/platform';

/** The `:code` route parameter, refused with 400 unless it is a company code. */
export const CompanyCodeParam = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const code = context.switchToHttp().getRequest<{ params: Record<string, string | undefined> }>().params['code'] ?? '';
  if (!COMPANY_CODE_PATTERN.test(code)) {
    throw new RegistryException('VALIDATION_FAILED', 400, 'The company code is invalid', [
      { field: 'code', rule: 'matches', message: 'code must be 2-32 upper-case letters, digits or hyphens' },
    ]);
  }
  return code;
});
