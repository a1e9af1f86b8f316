/**
 * The OpenAPI paths of the codec endpoint the Temporal Web UI calls, from the schemas that validate it.
 */
import { z } from 'zod';
import { codecBodySchema, TEMPORAL_CODEC_PATH } from './schemas';

const json = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

export function temporalCodecPaths(identityHeaders: readonly object[]): Record<string, unknown> {
  const operation = (summary: string) => ({
    post: {
      summary,
      parameters: [
        ...identityHeaders,
        { name: 'X-Namespace', in: 'header', required: false, schema: { type: 'string' } },
      ],
      requestBody: { content: { 'application/json': { schema: json(codecBodySchema, 'input') } } },
      responses: {
        200: {
          description: 'The payloads, in the same order and shape',
          content: { 'application/json': { schema: json(codecBodySchema, 'output') } },
        },
        400: { description: '数据无法解密（未知密钥或密文被改动，含字段路径），或请求内容有误' },
        401: { description: '缺少身份信息' },
        403: { description: '仅监督人员和系统管理员可用，或来源网页不在 TEMPORAL_UI_ORIGINS 中' },
        413: { description: '请求体超过 4 MB' },
      },
    },
  });
  return {
    [`${TEMPORAL_CODEC_PATH}/decode`]: operation(
      'Temporal codec server protocol, for the Temporal Web UI and CLI: decrypt payloads (supervisor, admin); ' +
        'payloads not encrypted pass through'
    ),
    [`${TEMPORAL_CODEC_PATH}/encode`]: operation(
      'Temporal codec server protocol: encrypt payloads with the current key (supervisor, admin)'
    ),
  };
}
