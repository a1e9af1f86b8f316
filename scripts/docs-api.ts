/**
 * `npm run docs:api`: rewrites the endpoint table of docs/api.md from the OpenAPI document the API
 * serves (GET /api/openapi.json), so the page lists exactly the endpoints there are.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { apiDocPath, expectedApiDoc } from './lib/apiEndpointTable';

async function main(): Promise<void> {
  const { current, expected } = await expectedApiDoc();
  const page = path.relative(process.cwd(), apiDocPath);
  if (current === expected) {
    console.log(`${page}: endpoint table up to date`);
    return;
  }
  await writeFile(apiDocPath, expected);
  console.log(`${page}: endpoint table rewritten from the OpenAPI document`);
}

void main();
