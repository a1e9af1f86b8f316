/**
 * The checks every request passes before any route sees it, whatever the route's schema says: a
 * path that decodes, a body in a type and charset the API reads, no nesting deeper than any form
 * needs, and no control character or lone surrogate in any string or key of the body, the query,
 * the path or the identity headers. The schemas refuse the same characters field by field (and
 * tab or line breaks in one-line fields); this is the net under them, so a string a schema let
 * through still never reaches a workflow payload or PostgreSQL, which refuses NUL for ever.
 * HTTP only: the rules on characters live in definitions/shared/text.ts.
 */
import { MIMEType } from 'node:util';
import type { NextFunction, Request, Response } from 'express';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, isSingleLine } from '../../definitions/shared/text';
import type { FieldIssue } from './errors';
import { UnsupportedMediaType, ValidationFailed } from './errors';

/**
 * Deepest nesting a JSON body may have. The deepest form (a household member inside the household
 * inside the application) is four levels; beyond this the body is not a form but an attack, and
 * a workflow payload that deep cannot even be serialised.
 */
export const MAX_JSON_DEPTH = 32;
/** Issues reported per request: enough to fix a form, bounded so a hostile body gets a small answer. */
const MAX_ISSUES = 20;
/** Longest piece of an offending key echoed back in an issue's path. */
const MAX_KEY_IN_PATH = 64;
/** Headers the API reads a value from (the credentials, the acting post, and the retry key). */
const READ_HEADERS = ['authorization', 'cookie', 'x-csrf-token', 'x-acting-post', 'idempotency-key'];

const JSON_TYPE = 'application/json';

/** A route that reads its body itself, in one of these media types, instead of as JSON. */
export interface OwnBodyRoute {
  path: RegExp;
  types: readonly string[];
}

const refused = (issues: FieldIssue[]) =>
  new ValidationFailed('请求中含有控制字符、无效字符或层级过深的内容，请按提示修改后重新提交', issues);

/** A key as it may be shown in a path: controls spelled out, long keys cut. */
function printableKey(key: string): string {
  const shown = key.replace(/[\p{Cc}\p{Cs}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > MAX_KEY_IN_PATH ? `${shown.slice(0, MAX_KEY_IN_PATH)}…` : shown;
}

/**
 * Every string and key under `root` that holds a forbidden character, and any container nested
 * deeper than MAX_JSON_DEPTH, by path (`body.applicant.name`, as the schemas name fields). Walked
 * with an explicit stack: recursion would itself overflow on the bodies it is meant to refuse.
 */
export function forbiddenContent(root: unknown, rootPath: string, allowLineBreaks: boolean): FieldIssue[] {
  const allowed = allowLineBreaks ? (s: string) => !hasControlCharacter(s) : isSingleLine;
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (!allowed(value)) issues.push({ path, message: CONTROL_CHARACTER_MESSAGE });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      issues.push({ path, message: `嵌套层级超过 ${MAX_JSON_DEPTH} 层，请检查提交的内容` });
      continue;
    }
    const entries: [string, unknown][] = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, child] = entries[i]!;
      const childPath = `${path}.${printableKey(key)}`;
      if (!allowed(key)) issues.push({ path: childPath, message: `字段名${CONTROL_CHARACTER_MESSAGE}` });
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

/** Each path segment decoded; a bad percent-encoding or a control character is the caller's error. */
function pathIssues(path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  path.split('/').forEach((segment, i) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      issues.push({ path: 'path', message: `路径第 ${i} 段的百分号编码（%XX）无效，请核对请求地址` });
      return;
    }
    if (!isSingleLine(decoded)) issues.push({ path: 'path', message: `路径第 ${i} 段${CONTROL_CHARACTER_MESSAGE}` });
  });
  return issues;
}

/** Whether the request carries a body at all (the rule body-parser applies too). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body must be JSON in UTF-8, or of a type its route reads itself. Anything else would reach a
 * route as "no body", which some routes read as an empty form.
 */
function checkBodyType(req: Request, ownBodies: readonly OwnBodyRoute[]): void {
  if (!hasBody(req)) return;
  let type: MIMEType;
  try {
    type = new MIMEType(req.headers['content-type'] ?? '');
  } catch {
    throw new UnsupportedMediaType('请求体须为 JSON：请设置 Content-Type: application/json; charset=utf-8');
  }
  if (type.essence === JSON_TYPE) {
    const charset = type.params.get('charset');
    if (charset !== null && !/^utf-?8$/i.test(charset)) {
      throw new UnsupportedMediaType(`不支持字符集 ${charset}：请以 UTF-8 编码提交（charset=utf-8）`);
    }
    return;
  }
  if (!ownBodies.some((route) => route.path.test(req.path) && route.types.includes(type.essence))) {
    throw new UnsupportedMediaType(`不支持的请求体类型 ${type.essence}：请以 application/json 提交`);
  }
}

/** Before the body is read: the path decodes and the body is of a type the API reads there. */
export function guardRequestLine(ownBodies: readonly OwnBodyRoute[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const issues = pathIssues(req.path);
    if (issues.length > 0) throw refused(issues);
    checkBodyType(req, ownBodies);
    next();
  };
}

/** After the JSON body is parsed: nothing forbidden anywhere the routes read from. */
export function guardRequestContent(req: Request, _res: Response, next: NextFunction): void {
  const headers = Object.fromEntries(READ_HEADERS.map((name) => [name, req.headers[name]]));
  const issues = [
    ...forbiddenContent(req.query, 'query', false),
    ...forbiddenContent(headers, 'headers', false),
    ...forbiddenContent(req.body, 'body', true),
  ];
  if (issues.length > 0) throw refused(issues.slice(0, MAX_ISSUES));
  next();
}
