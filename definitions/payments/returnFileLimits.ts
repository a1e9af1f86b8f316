/**
 * Limits on the bank return files a cycle takes: the size of one upload, how many files and bytes a
 * cycle keeps, and how many problems a refusal lists. Operating figures of this system, not law,
 * each with the reasoning behind it; a deployment (or a test) may pass others to the API.
 * No I/O.
 */

const FROM = '2026-12-03';

export const returnFileLimits = {
  maxFileBytes: {
    // A paid line is about 50 bytes (`YL<id>A<n>,paid,812.50,<bank ref>,`), a failed one with a long
    // reason a few hundred. 10 MiB holds 100 000+ typical lines: twice a large county's monthly roll
    // (the benchmark's 50 000 households), while one upload stays parsed and checked in about a second.
    value: 10 * 1024 * 1024,
    source:
      '本系统运行配置：单个回盘文件上限 10 MiB（约 10 万行，为大县月度发放名册的两倍以上）；超出答复 413，请按批次拆分后上传',
    effectiveFrom: FROM,
  },
  maxFilesPerCycle: {
    // Banks answer a batch in one file or a few partial ones; every kept file answers lines no other
    // did, so 20 leaves room for many partial returns while bounding what a cycle stores.
    value: 20,
    source: '本系统运行配置：每个发放周期最多保存 20 个回盘文件（银行通常一次或分几次回盘）',
    effectiveFrom: FROM,
  },
  maxStoredBytesPerCycle: {
    // Each line is answered once, so a cycle's kept files add up to about one full answer; three
    // full-size files' worth is a ceiling no honest sequence of returns reaches.
    value: 30 * 1024 * 1024,
    source: '本系统运行配置：每个发放周期保存的回盘文件合计不超过 30 MiB',
    effectiveFrom: FROM,
  },
  maxListedProblems: {
    // Enough to show a pattern (a wrong file, a shifted column) and fix it; the total says the rest.
    // Keeps a refusal small for the HTTP answer and for Temporal's payload limit alike.
    value: 100,
    source: '本系统运行配置：拒收回盘文件时列出前 100 个问题并给出问题总数',
    effectiveFrom: FROM,
  },
} as const;

/** Same entries, any values (a deployment or a test may choose other figures). */
export type ReturnFileLimits = {
  [K in keyof typeof returnFileLimits]: { value: number; source: string; effectiveFrom: string };
};
