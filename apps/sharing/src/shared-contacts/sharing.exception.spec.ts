import { DENIAL_REASONS } from '@registry/contracts';
import { AccessDeniedException } from './sharing.exception';

describe('AccessDeniedException', () => {
  it.each(DENIAL_REASONS)('answers %s with a status, the reason as code, a sentence and the access id', (reason) => {
    const exception = new AccessDeniedException(reason, 'access-1');
    expect([400, 403, 404]).toContain(exception.httpStatus);
    expect(exception.code).toBe(reason);
    expect(exception.message.length).toBeGreaterThan(20);
    expect(exception.details).toEqual({ accessId: 'access-1' });
  });

  it('refuses a company abroad with 403 and a missing purpose with 400', () => {
    expect(new AccessDeniedException('OUTSIDE_JAPAN', 'a').httpStatus).toBe(403);
    expect(new AccessDeniedException('PURPOSE_MISSING', 'a').httpStatus).toBe(400);
    expect(new AccessDeniedException('CONTACT_NOT_FOUND', 'a').httpStatus).toBe(404);
  });
});
