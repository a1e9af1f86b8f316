/**
 * docs/api.md lists the endpoints the OpenAPI document describes, and no others: the table between
 * its markers is generated (`npm run docs:api`), and a stale one fails here.
 */
import { endpointTable, expectedApiDoc, tableCell, withEndpointTable } from '../../scripts/lib/apiEndpointTable';

describe('docs / the API endpoint table', () => {
  it('keeps a pipe or a line break in a summary inside its cell', () => {
    expect(tableCell('a | b\n c')).toBe('a \\| b c');
    const table = endpointTable({
      paths: { '/api/x': { get: { summary: 'true|false' }, parameters: { summary: 'not an operation' } } },
    });
    expect(table.split('\n')).toEqual([
      '| endpoint | what it does |',
      '| --- | --- |',
      '| `GET /api/x` | true\\|false |',
    ]);
  });

  it('marks a deprecated path as such, with the path to use', () => {
    const table = endpointTable({
      paths: {
        '/api/old': {
          get: { summary: 'The list', deprecated: true, description: 'An alias of GET /api/new; use that path.' },
        },
      },
    });
    expect(table.split('\n')[2]).toBe('| `GET /api/old` | Deprecated: An alias of GET /api/new; use that path. |');
  });

  it('replaces only what lies between the markers, and refuses a page without them', () => {
    const page = 'intro\n<!-- endpoints:begin -->\nold\n<!-- endpoints:end -->\nrest\n';
    const written = withEndpointTable(page, '| t |');
    expect(written.startsWith('intro\n<!-- endpoints:begin')).toBe(true);
    expect(written).toContain('\n\n| t |\n\n<!-- prettier-ignore-end -->\n<!-- endpoints:end -->\nrest\n');
    expect(written).not.toContain('old');
    expect(() => withEndpointTable('no markers', '| t |')).toThrow(/marker/);
  });

  it('is up to date with the OpenAPI document the API serves (run `npm run docs:api`)', async () => {
    const { current, expected } = await expectedApiDoc();
    expect(current).toBe(expected);
  });
});
