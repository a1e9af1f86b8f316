/**
 * The adapter every department's system is reached through (公安, 民政, 人社, 银行 …): one query for
 * the household's members (and a 特困 applicant's supporters), answered with findings in the common shape. A source that cannot be
 * reached now throws `SourceUnavailable` (retry later); one that refuses the request (authorisation
 * rejected, request malformed) throws `SourceRefused` (retrying will not help).
 * I/O side: never imported by workflow code except as types.
 */
import type { Finding, SourceId } from '../../definitions/eligibility';

export { sourceIds, sourceLabelsZh } from '../../definitions/eligibility';
export type { SourceId } from '../../definitions/eligibility';

export interface SourceRequest {
  caseId: string;
  /** The check run within the case (1, 2 …); a re-check after an objection is a new run. */
  run: number;
  members: { idNumber: string; name: string }[];
  /**
   * 特困: the applicant's legally obliged supporters outside the household, asked about as persons of
   * their own. Each signed their own authorisation; the case is not accepted before that is on file.
   */
  supporters?: { idNumber: string; name: string }[];
  /** The household's signed authorisation for data checks (核对授权书); sources refuse without it. */
  authorisation: { signed: true; signedAt: string };
}

export interface SourceResponse {
  sourceId: SourceId;
  /** ISO instant the source answered. */
  answeredAt: string;
  findings: Finding[];
}

export interface DataSource {
  id: SourceId;
  labelZh: string;
  query(request: SourceRequest): Promise<SourceResponse>;
}

/** The source could not answer now (down, timed out, overloaded): retryable. */
export class SourceUnavailable extends Error {
  readonly retryable = true;
  constructor(
    readonly sourceId: SourceId,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options);
    this.name = 'SourceUnavailable';
  }
}

export type RefusalReason = 'authorisationMissing' | 'authorisationRejected' | 'requestInvalid';

/** The source answered and said no: permanent, retrying the same request will not help. */
export class SourceRefused extends Error {
  readonly retryable = false;
  constructor(
    readonly sourceId: SourceId,
    readonly reason: RefusalReason,
    message: string
  ) {
    super(message);
    this.name = 'SourceRefused';
  }
}
