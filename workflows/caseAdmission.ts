/**
 * How a case admits a caller's decision: the chart host's admission (the event's schema, the
 * chart's `can`), then the schema built for the case as it stands (an amount a decision sets is
 * held to what the case computed). In that order: a decision the chart does not allow here is a 409
 * whatever its amount. Deterministic sandbox code: no Node built-ins, no I/O.
 */
import type { z } from 'zod';
import { allowedEvents, currentStep, stepLabelZh } from '../definitions/engine/snapshotReading';
import type { CaseOrgs } from '../definitions/shared/actors';
import type { AnyProgramDefinition, RulesWithDeadlines } from '../definitions/shared/programDefinition';
import type { ChartHost, StampedEvent } from './chartHost';
import { parsePayload } from './chartHost';
import type { EventRequest } from './contract';

export interface CaseAdmission {
  /** Admits a request (for the Update's validator and, on replay, its handler). */
  admit: (request: EventRequest) => StampedEvent;
  /** The validator's admission of this request when the case has not moved since; else admits anew. */
  admitOnce: (request: EventRequest) => StampedEvent;
  /** Admits in the validator and keeps the answer for the handler that runs right after it. */
  validate: (request: EventRequest) => void;
}

export function createCaseAdmission(args: {
  host: ChartHost;
  /** The case's definition now (a migration moves the case to another). */
  definition: () => AnyProgramDefinition;
  rules: RulesWithDeadlines;
  orgs: CaseOrgs;
}): CaseAdmission {
  const { host, rules, orgs } = args;
  type Schemas = Record<string, z.ZodType>;

  let shapes: { version: string; value: Schemas } | undefined;
  /** The payload shapes of the case's definition, built once per definition version. */
  function shapesNow(): Schemas {
    const definition = args.definition();
    if (shapes?.version !== definition.version) {
      shapes = { version: definition.version, value: definition.eventPayloads(rules) };
    }
    return shapes.value;
  }

  let caseSchemas: { seq: number; value: Schemas } | undefined;
  /** The payload schemas built for the case as it stands: built once per timeline line, not per request. */
  function schemasForCase(): Schemas {
    if (caseSchemas?.seq !== host.seq) {
      caseSchemas = { seq: host.seq, value: args.definition().eventPayloads(rules, host.snapshot.context) };
    }
    return caseSchemas.value;
  }

  function admit(request: EventRequest): StampedEvent {
    const definition = args.definition();
    const event = host.admit(request, {
      schemas: shapesNow(),
      unknownMessage: (type) => `Unknown event ${type} for ${definition.program}`,
      notAllowed: ({ type, actor, at }) => ({
        message: `${type} is not allowed for ${actor.role} at ${currentStep(host.snapshot)}`,
        details: {
          step: currentStep(host.snapshot),
          stepLabelZh: stepLabelZh(host.snapshot),
          allowedEvents: allowedEvents(definition, host.snapshot, orgs, at),
        },
      }),
    });
    const held = parsePayload(schemasForCase()[request.type]!, request.type, request.payload);
    return { ...held, type: event.type, actor: event.actor, at: event.at };
  }

  /**
   * The validator's admission of the update about to be handled. The handler runs right after its
   * validator in the same activation, on arguments decoded anew (the same request, another object):
   * it takes the admitted event when the request and the case are unchanged instead of asking the
   * schemas and the chart again. On replay no validator runs, and the handler admits for itself.
   */
  let admittedByValidator: { request: string; seq: number; event: StampedEvent } | undefined;

  return {
    admit,
    admitOnce(request) {
      const admitted = admittedByValidator;
      admittedByValidator = undefined;
      if (admitted && admitted.seq === host.seq && admitted.request === JSON.stringify(request)) return admitted.event;
      return admit(request);
    },
    validate(request) {
      admittedByValidator = undefined;
      const event = admit(request);
      admittedByValidator = { request: JSON.stringify(request), seq: host.seq, event };
    },
  };
}
