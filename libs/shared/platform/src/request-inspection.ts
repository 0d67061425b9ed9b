import { containsMyNumber } from './my-number';

/** How deep a request body or query may nest: far beyond any route's shape, far below what a recursive walk could not take. */
export const MAX_BODY_DEPTH = 32;
// Paths named in a refusal; a body full of bad strings is refused all the same, with the first few named.
const MAX_REPORTED_PATHS = 20;

export interface RequestInspection {
  /** True when the value nests deeper than MAX_BODY_DEPTH; nothing below that depth was looked at. */
  tooDeep: boolean;
  /** Paths of strings and property names that are not well-formed Unicode (a lone surrogate). */
  illFormed: string[];
  /** Paths of strings and property names holding U+0000, which no PostgreSQL text column can store. */
  nulCharacters: string[];
  /** Paths of strings, integers and property names that hold a My Number; a property name is named by its position only. */
  myNumbers: string[];
}

const child = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Walks a parsed JSON value (a body or a query) without recursion, to a bounded depth, and reports what must be refused. */
export function inspectRequestValue(value: unknown, maxDepth = MAX_BODY_DEPTH): RequestInspection {
  const found: RequestInspection = { tooDeep: false, illFormed: [], nulCharacters: [], myNumbers: [] };
  const note = (list: string[], path: string): void => {
    if (list.length < MAX_REPORTED_PATHS) list.push(path || '(body)');
  };
  const pending: { value: unknown; path: string; depth: number; key?: string }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: item, path, depth, key } = pending.pop() as (typeof pending)[number];
    if (key !== undefined && !key.isWellFormed()) note(found.illFormed, path);
    else if (key !== undefined && key.includes('\u0000')) note(found.nulCharacters, path);
    else if (key !== undefined && containsMyNumber(key)) note(found.myNumbers, path);
    if (typeof item === 'string') {
      if (!item.isWellFormed()) note(found.illFormed, path);
      else if (item.includes('\u0000')) note(found.nulCharacters, path);
      else if (containsMyNumber(item)) note(found.myNumbers, path);
      continue;
    }
    if (typeof item === 'number') {
      if (Number.isInteger(item) && containsMyNumber(String(item))) note(found.myNumbers, path);
      continue;
    }
    // A file's bytes (a route that takes a raw body) are not text.
    if (typeof item !== 'object' || item === null || ArrayBuffer.isView(item)) continue;
    if (depth >= maxDepth) {
      found.tooDeep = true;
      return found;
    }
    const isArray = Array.isArray(item);
    const entries = isArray ? item.map((v, i) => [String(i), v] as const) : Object.entries(item);
    // Pushed in reverse so that paths come out in document order.
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [name, v] = entries[i] as readonly [string, unknown];
      if (isArray) {
        pending.push({ value: v, path: child(path, name), depth: depth + 1 });
        continue;
      }
      // A property name that must be refused is named by its position only, so that it is never echoed back.
      const nameIsRefused = !name.isWellFormed() || name.includes('\u0000') || containsMyNumber(name);
      pending.push({ value: v, path: child(path, nameIsRefused ? '(property name)' : name), depth: depth + 1, key: name });
    }
  }
  return found;
}

/** Paths of the strings (and property names) in a JSON value that are not well-formed Unicode, i.e. hold a lone surrogate. */
export function illFormedTextPaths(value: unknown): string[] {
  return inspectRequestValue(value, Number.MAX_SAFE_INTEGER).illFormed;
}

/** The paths (e.g. `memo`, `transactionHistory.0.description`) of every string in a JSON value that holds a My Number. */
export function myNumberPaths(value: unknown): string[] {
  return inspectRequestValue(value, Number.MAX_SAFE_INTEGER).myNumbers;
}
