/** Paths of the strings (and property names) in a JSON value that are not well-formed Unicode, i.e. hold a lone surrogate. */
export function illFormedTextPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.isWellFormed() ? [] : [path || '(body)'];
  if (Array.isArray(value)) return value.flatMap((item, index) => illFormedTextPaths(item, path ? `${path}.${index}` : String(index)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      const at = key.isWellFormed() ? (path ? `${path}.${key}` : key) : `${path ? `${path}.` : ''}(property name)`;
      return [...(key.isWellFormed() ? [] : [at]), ...illFormedTextPaths(item, at)];
    });
  }
  return [];
}
