/**
 * The kinships and obligations of a 特困 application's legally obliged supporters, with the Civil
 * Code article that attaches each obligation. Import-free, so the console can use them at run time
 * without pulling the schemas (and zod) into its bundle; `supporters.ts` re-exports them.
 */
export const kinshipLabelsZh = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女、外孙子女',
  grandparent: '祖父母、外祖父母',
  sibling: '兄弟姐妹',
} as const;
export type SupporterKinship = keyof typeof kinshipLabelsZh;

export const obligationLabelsZh = { elderSupport: '赡养', upbringing: '抚养', mutualSupport: '扶养' } as const;
export type SupportObligation = keyof typeof obligationLabelsZh;

const CIVIL_CODE = '《中华人民共和国民法典》';

/** The obligation the Civil Code puts on each kinship towards the applicant, and where. */
export const obligationOfKinship: Record<SupporterKinship, { obligation: SupportObligation; sourceZh: string }> = {
  spouse: { obligation: 'mutualSupport', sourceZh: `${CIVIL_CODE}第一千零五十九条` },
  child: { obligation: 'elderSupport', sourceZh: `${CIVIL_CODE}第一千零六十七条` },
  parent: { obligation: 'upbringing', sourceZh: `${CIVIL_CODE}第一千零六十七条` },
  grandchild: { obligation: 'elderSupport', sourceZh: `${CIVIL_CODE}第一千零七十四条` },
  grandparent: { obligation: 'upbringing', sourceZh: `${CIVIL_CODE}第一千零七十四条` },
  sibling: { obligation: 'mutualSupport', sourceZh: `${CIVIL_CODE}第一千零七十五条` },
};
