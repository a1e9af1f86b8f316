/**
 * The case page's pure parts: the chart as served for drawing (definitions/engine/chartDiagram.ts),
 * its layered layout, and the event forms generated from payload schemas (web/src/case/).
 */
import dayjs from 'dayjs';
import { definitionForVersion } from '../../definitions';
import { chartDiagram } from '../../definitions/engine/chartDiagram';
import { activePaths, layoutDiagram } from '../../web/src/case/diagramLayout';
import { fieldsOf, isDecision, payloadOf } from '../../web/src/case/payloadFields';
import type { JsonSchema } from '../../web/src/case/payloadFields';

const dibao = chartDiagram(definitionForVersion('dibao@1'));

describe('the chart for drawing', () => {
  it('names every state in Chinese, regions by the step they start in, and keeps the transitions', () => {
    expect(dibao.initial).toBe('intake');
    const label = (path: string) => dibao.states.find((s) => s.path === path)?.labelZh;
    expect(label('investigation')).toBe('调查核实');
    expect(label('investigation.homeVisit')).toBe('入户调查');
    expect(dibao.states.every((s) => /[\u4e00-\u9fff]/.test(s.labelZh))).toBe(true);
    expect(dibao.transitions).toContainEqual({
      from: 'intake.reviewingMaterials',
      to: ['investigation'],
      event: 'ACCEPT',
      labelZh: '受理申请',
    });
    expect(dibao.transitions).toContainEqual({
      from: 'investigation',
      to: ['firstReview'],
      event: 'DONE',
      labelZh: '各项办结',
    });
  });

  it('lays the top-level states out in columns by distance from the start, inside 1366 px', () => {
    const layout = layoutDiagram(dibao);
    const rank = (path: string) => layout.nodes.find((n) => n.state.path === path)?.rank;
    expect(rank('intake')).toBe(0);
    expect(rank('investigation')).toBe(1);
    expect(rank('firstReview')).toBe(2);
    expect(layout.nodes).toHaveLength(dibao.states.filter((s) => s.parent === null).length);
    expect(layout.width).toBeLessThanOrEqual(1100);
    // No two boxes of a column overlap.
    for (const a of layout.nodes)
      for (const b of layout.nodes)
        if (a !== b && a.rank === b.rank) expect(a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
    expect(layout.edges.find((e) => e.from === 'firstReview' && e.to === 'investigation')?.backward).toBe(true);
  });

  it('reads the active states from a state value', () => {
    expect(activePaths('firstReview')).toEqual(['firstReview']);
    expect(activePaths({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } })).toEqual([
      'investigation',
      'investigation.homeVisit',
      'investigation.homeVisit.pending',
      'investigation.dataCheck',
      'investigation.dataCheck.checking',
    ]);
  });
});

describe('event forms from payload schemas', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      investigators: {
        type: 'array',
        minItems: 2,
        items: { type: 'object', properties: { userId: { type: 'string' } }, required: ['userId'] },
      },
      visitedOn: { type: 'string' },
      verdict: { type: 'string', enum: ['truthful', 'untruthful'], default: 'truthful' },
      familySigned: { type: 'boolean', const: true },
      reasons: { type: 'array', items: { type: 'string' } },
      amount: { type: 'number', title: '核定金额' },
      claim: { type: 'object', properties: { description: { type: 'string' } } },
    },
    required: ['investigators', 'visitedOn'],
  };

  it('makes a field per property, with Chinese labels, selects for enums and the required marks', () => {
    const fields = fieldsOf(schema);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.investigators).toMatchObject({ kind: 'list', labelZh: '调查人员', required: true, minItems: 2 });
    expect(byName.visitedOn).toMatchObject({ kind: 'date', labelZh: '入户调查日期', required: true });
    expect(byName.verdict).toMatchObject({ kind: 'select', initial: 'truthful', required: false });
    expect(byName.verdict?.options).toEqual([
      { value: 'truthful', label: '情况属实' },
      { value: 'untruthful', label: '情况不实' },
    ]);
    expect(byName.familySigned?.kind).toBe('boolean');
    expect(byName.reasons).toMatchObject({ kind: 'textarea', lines: true });
    expect(byName.amount).toMatchObject({ kind: 'number', labelZh: '核定金额' });
    expect(byName.claim?.kind).toBe('group');
  });

  it('sends what was filled in, leaving empty fields for the API to name', () => {
    const fields = fieldsOf(schema);
    const payload = payloadOf(
      {
        investigators: [{ userId: ' a ' }, {}, {}],
        visitedOn: dayjs('2026-12-03'),
        verdict: 'truthful',
        familySigned: false,
        reasons: '收入超标\n\n 有车辆 ',
        claim: { description: '' },
      },
      fields
    );
    expect(payload).toEqual({
      investigators: [{ userId: 'a' }],
      visitedOn: '2026-12-03',
      verdict: 'truthful',
      reasons: ['收入超标', '有车辆'],
    });
  });

  it('asks to confirm decisions, not records', () => {
    expect(isDecision('APPROVE')).toBe(true);
    expect(isDecision('PROPOSE_REJECTION')).toBe(true);
    expect(isDecision('RECORD_HOME_VISIT')).toBe(false);
  });
});
