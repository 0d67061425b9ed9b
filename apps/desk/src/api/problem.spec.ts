import { fieldProblems, isApiProblem } from './problem';

describe('API problems', () => {
  it('groups field problems by field and ignores what is not one', () => {
    const problems = fieldProblems({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Some fields are invalid',
      details: [
        { field: 'name.full', rule: 'isNotEmpty', message: 'name.full should not be empty' },
        { field: 'name.full', rule: 'maxLength', message: 'name.full must be shorter' },
        { field: 'email', message: 'email must be an email' },
        'noise',
        { rule: 'x' },
      ],
    });
    expect([...problems.keys()]).toEqual(['name.full', 'email']);
    expect(problems.get('name.full')).toHaveLength(2);
  });

  it('recognises an error body', () => {
    expect(isApiProblem({ code: 'STALE_VERSION', message: 'm', statusCode: 409 })).toBe(true);
    expect(isApiProblem({ message: 'm' })).toBe(false);
    expect(isApiProblem(null)).toBe(false);
  });
});
