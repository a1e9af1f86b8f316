/**
 * The codec endpoint of Temporal's "codec server" protocol, for the Temporal Web UI (Settings →
 * Codec Server → `<API>/api/temporal-codec`) and `temporal … --codec-endpoint`: POST /decode and
 * /encode with `{ "payloads": [...] }` in proto3 JSON (bytes as base64), answered in the same shape
 * after the payloads went through the app's own codecs (temporal/payloadCodec.ts). Supervisors and
 * admins only. The browser calls it from the UI's origin with the user's credentials, so CORS admits
 * exactly the configured UI origins, with credentials, and a request from any other origin is
 * refused outright. The caller is checked before the body is read, and the body has a limit of its
 * own (one payload may be 2 MB, more than the app's 1 MB JSON limit); otherwise the request passes
 * the same checks as every other (api/http/requestGuard.ts).
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { PayloadKeyUnknown, PayloadUndecryptable } from '../../temporal/payloadCodec';
import { Forbidden, ValidationFailed } from '../http/errors';
import type { Pool } from 'pg';
import { authorize } from '../http/authorize';
import { callerOf } from '../http/identity';
import { recordRead } from '../http/personalData';
import { guardRequestContent, guardRequestLine } from '../http/requestGuard';
import type { PayloadJson } from './schemas';
import { codecBodySchema } from './schemas';

/** Temporal refuses a payload over 2 MB; base64 makes that 2.7 MB, and the UI may send a few at once. */
const BODY_LIMIT = '4mb';
/** What the UI sends: its JSON, the namespace, and the user's token when "pass access token" is on. */
const ALLOWED_HEADERS = 'Content-Type, X-Namespace, Authorization';
const PREFLIGHT_MAX_AGE_SECONDS = 600;
const DECODE_PURPOSE = '通过 Temporal 界面或命令行查看工作流数据';

function fromJson({ metadata, data }: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(data ?? '', 'base64'),
  };
}

function toJson({ metadata, data }: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])
    ),
    data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
  };
}

export interface TemporalCodecDependencies {
  /** The app's Temporal client's codecs, in its order: the endpoint decodes exactly as the app does. */
  codecs: readonly PayloadCodec[];
  namespace: string;
  /** Origins of the Temporal Web UI (TEMPORAL_UI_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The app's authentication (session cookie or bearer token), run after the CORS preflight. */
  authenticate: RequestHandler;
  /** Where decodes are logged (查询留痕): a decode shows a workflow's personal data in clear. */
  pool: Pool;
}

/** CORS for the UI's origins only: the preflight answered here, credentials allowed, other origins refused. */
function uiOriginsOnly(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    res.vary('Origin');
    const origin = req.header('origin');
    // No Origin: not a browser's cross-origin call (the CLI, a script); authentication still applies.
    if (origin !== undefined && !allowed.has(origin)) {
      throw new Forbidden(
        `不允许来自 ${origin} 的网页调用本接口：请在 Temporal 界面所在地址使用，或由管理员配置 TEMPORAL_UI_ORIGINS`
      );
    }
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Which payload failed, and why, as the caller should hear it. */
function refusal(error: unknown, index: number): ValidationFailed | undefined {
  const path = `body.payloads.${index}`;
  if (error instanceof PayloadKeyUnknown) {
    return new ValidationFailed(`数据由本系统未配置的密钥（${error.keyId}）加密，无法解密`, [
      { path: `${path}.metadata.encryption-key-id`, message: `未知密钥 ${error.keyId}：请确认密钥环中保留了该旧密钥` },
    ]);
  }
  if (error instanceof PayloadUndecryptable) {
    return new ValidationFailed('数据无法解密：密文已被改动或不完整', [
      { path: `${path}.data`, message: '密文校验失败' },
    ]);
  }
  return undefined;
}

export function temporalCodecRouter({
  codecs,
  namespace,
  allowedOrigins,
  authenticate,
  pool,
}: TemporalCodecDependencies): Router {
  const router = express.Router();
  // The app's own checks on the request line and content, around a body parser with this route's limit.
  router.use(
    uiOriginsOnly(allowedOrigins),
    authenticate,
    // Decoded payloads show households' personal data: the policy names who may (supervisors, admins).
    authorize('temporal-codec.use'),
    guardRequestLine([]),
    express.json({ limit: BODY_LIMIT }),
    guardRequestContent
  );

  const convert = (direction: 'encode' | 'decode') => async (req: Request, res: Response) => {
    // The CLI sends the header empty when no namespace was given on its command line.
    const asked = req.header('x-namespace');
    if (asked && asked !== namespace) {
      throw new ValidationFailed(`本接口只处理命名空间 ${namespace} 的数据`, [
        { path: 'headers.x-namespace', message: `应为 ${namespace}` },
      ]);
    }
    const body = codecBodySchema.safeParse(req.body);
    if (!body.success) throw ValidationFailed.fromZod(body.error, ['body']);
    // One at a time, so a refusal names the payload; codecs work payload by payload anyway.
    const out: Payload[] = [];
    for (const [index, json] of body.data.payloads.entries()) {
      let payloads = [fromJson(json)];
      try {
        if (direction === 'encode') for (const codec of codecs) payloads = await codec.encode(payloads);
        else for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      } catch (error) {
        throw refusal(error, index) ?? error;
      }
      out.push(...payloads);
    }
    if (direction === 'decode' && out.length > 0) {
      // Logged before anything is sent, like every read of personal data; the UI states no purpose
      // of its own, so the log says how the data was read.
      const caller = callerOf(req);
      const reader = { caller, purpose: DECODE_PURPOSE, requestId: null };
      const read = { kind: 'temporalPayloads', scopeOrg: caller.org, decodedPayloads: out.length } as const;
      await recordRead(pool, reader, read, 'full');
    }
    res.json({ payloads: out.map(toJson) });
  };

  // Declared again on the routes themselves, where the policy's route table looks for it.
  router.post('/decode', authorize('temporal-codec.use'), convert('decode'));
  router.post('/encode', authorize('temporal-codec.use'), convert('encode'));
  return router;
}
