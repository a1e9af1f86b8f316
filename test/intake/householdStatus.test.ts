/**
 * The household as one: missing-materials notices of several children merged into one notice, and
 * the children's states combined into one status.
 */
import { combinedStatus, mergeMissingMaterials } from '../../definitions/intake/householdStatus';

describe('household / merged notice of missing materials', () => {
  it('lists each item once, with every program and case that asks for it, in catalogue order', () => {
    const merged = mergeMissingMaterials([
      { caseId: 'DB-1', program: 'dibao', missing: ['incomeProof', 'marriageCertificate'] },
      { caseId: 'LS-1', program: 'temporaryHelp', missing: ['medicalRecords', 'incomeProof'] },
    ]);
    expect(merged.items).toEqual([
      { code: 'incomeProof', labelZh: '收入证明', programs: ['dibao', 'temporaryHelp'], caseIds: ['DB-1', 'LS-1'] },
      { code: 'medicalRecords', labelZh: '病历及医疗费用票据', programs: ['temporaryHelp'], caseIds: ['LS-1'] },
      { code: 'marriageCertificate', labelZh: '婚姻状况证明', programs: ['dibao'], caseIds: ['DB-1'] },
    ]);
    expect(merged.noticeZh).toContain('收入证明（最低生活保障、临时救助）');
    expect(merged.noticeZh?.match(/收入证明/g)).toHaveLength(1);
  });

  it('has no notice when no child misses anything', () => {
    expect(mergeMissingMaterials([{ caseId: 'DB-1', program: 'dibao', missing: [] }])).toEqual({
      items: [],
      noticeZh: null,
    });
    expect(mergeMissingMaterials([])).toEqual({ items: [], noticeZh: null });
  });
});

describe('household / combined status', () => {
  it('is in progress while any case runs, done when all have ended, noCases for referrals only', () => {
    expect(combinedStatus([{ status: 'done' }, { status: 'active' }])).toBe('inProgress');
    expect(combinedStatus([{ status: 'done' }, { status: 'done' }])).toBe('done');
    expect(combinedStatus([])).toBe('noCases');
  });
});
