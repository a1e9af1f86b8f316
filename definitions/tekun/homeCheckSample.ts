/**
 * The county's random home-check sample (随机抽查入户核查, 不低于30% [16]). Whether a case is in the
 * sample is drawn from a stable hash of the case id, the county and the period (the China month the
 * file reached the county), compared with the configured ratio: anyone can draw it again from the
 * record and get the same answer, and over many cases the share sampled is the ratio.
 * No I/O, no randomness source: runs inside the workflow sandbox, where replay must give the same draw.
 */

export interface HomeCheckSampleDraw {
  caseId: string;
  county: string;
  /** 'YYYY-MM', China time. */
  period: string;
  ratio: number;
}

export interface HomeCheckSample extends HomeCheckSampleDraw {
  /** The draw in [0, 1); the case is sampled when it is below the ratio. */
  draw: number;
  sampled: boolean;
}

/** FNV-1a, 32 bits, over the string's UTF-16 code units: small, stable and well spread for short keys. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // A final avalanche (murmur3's fmix32) so ids that differ only in their last characters spread evenly.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function drawHomeCheckSample(args: HomeCheckSampleDraw): HomeCheckSample {
  const draw = fnv1a32(`${args.caseId}|${args.county}|${args.period}`) / 2 ** 32;
  return { ...args, draw, sampled: draw < args.ratio };
}

/** 'YYYY-MM' of an instant in China time: the period a sample is drawn for. */
export function samplePeriod(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 7);
}
