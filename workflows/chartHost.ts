/**
 * What every chart-driven workflow does with its chart, written once: admitting a caller's event
 * (its payload schema, the caller's identity stamped on it, the chart's `can`), refusing with the
 * contract's failure types, applying an admitted event with the pure `transition()`, numbering the
 * lines it records, and writing records one after another in that order. The case workflow and the
 * payment-cycle workflow are its callers; what they record and which effects they run is theirs.
 * Deterministic sandbox code: no Node built-ins, no I/O except through the writes handed to it.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { transition } from 'xstate';
import type { ZodType } from 'zod';
import type { Actor } from '../definitions/shared/actors';
import { failureTypes } from './contract';
import type { WriteGuard } from './writeGuard';

/** A refused Update: a non-retryable failure of the contract's type, its details for the API. */
export function refuse(type: string, message: string, details: unknown): never {
  throw ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
}

/** The payload of a `type` event, as its schema reads it; refused with the schema's issues otherwise. */
export function parsePayload(schema: ZodType, type: string, payload: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    refuse(failureTypes.invalidEvent, `Invalid ${type} payload`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  return parsed.data as Record<string, unknown>;
}

/** A decision as a caller sends it: the sender comes from authentication, never from the payload. */
export interface ChartRequest {
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

/** An event as the chart receives it: the payload's fields, stamped with type, sender and instant. */
export interface StampedEvent {
  type: string;
  actor: Actor;
  at: string;
  [field: string]: unknown;
}

/** How a workflow's chart admits its callers' events. */
export interface AdmissionRules {
  /** Payload schema per event type callers may send. */
  schemas: Record<string, ZodType>;
  /** The message of an event type with no schema. */
  unknownMessage(type: string): string;
  /** A refusal more specific than "not now" (maker-checker), asked before the chart; throws to refuse. */
  refuseFirst?(event: StampedEvent): void;
  /** What a caller is told when the chart does not take the event now. */
  notAllowed(event: StampedEvent): { message: string; details: unknown };
}

export interface ChartHost {
  readonly snapshot: AnyMachineSnapshot;
  /** The sequence number of the latest recorded line. */
  readonly seq: number;
  /** Checks a request against its schema, the workflow's own refusal and the chart; returns the event. */
  admit(request: ChartRequest, rules: AdmissionRules): StampedEvent;
  /** Moves the chart at once (so the next validator sees the new state); returns the declared actions. */
  transition<E extends { type: string; actor: Actor; at: string }>(
    event: E
  ): {
    from: AnyMachineSnapshot;
    actions: readonly { type: string; params?: unknown }[];
  };
  /** Numbers the next recorded line. Taken before the line's records and effects, which all carry it. */
  nextSeq(): number;
  /** Puts the host on another chart (a live-case migration), at the state re-based onto it. */
  rebase(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): void;
  /**
   * Queues a write after every earlier one: records land in sequence order, so an older state
   * never lands after a newer one and the audit chain never runs out of order.
   */
  write(work: () => Promise<void>): Promise<void>;
  /** Settles once every queued write has landed. */
  written(): Promise<void>;
}

export function createChartHost(args: {
  machine: AnyStateMachine;
  snapshot: AnyMachineSnapshot;
  seq: number;
  writes: WriteGuard;
}): ChartHost {
  let { machine, snapshot, seq } = args;
  let lastWrite: Promise<void> = Promise.resolve();

  return {
    get snapshot() {
      return snapshot;
    },
    get seq() {
      return seq;
    },

    admit(request, rules) {
      // Nothing is decided that could not be recorded now.
      args.writes.refuseWhileBlocked();
      if (!Object.hasOwn(rules.schemas, request.type)) {
        refuse(failureTypes.unknownEvent, rules.unknownMessage(request.type), {
          knownEvents: Object.keys(rules.schemas),
        });
      }
      const payload = parsePayload(rules.schemas[request.type]!, request.type, request.payload);
      const event: StampedEvent = {
        ...payload,
        type: request.type,
        actor: request.actor,
        at: new Date().toISOString(),
      };
      rules.refuseFirst?.(event);
      if (!snapshot.can(event)) {
        const { message, details } = rules.notAllowed(event);
        refuse(failureTypes.transitionRefused, message, details);
      }
      return event;
    },

    transition(event) {
      const from = snapshot;
      const [next, actions] = transition(machine, snapshot, event as never);
      snapshot = next;
      return { from, actions };
    },

    nextSeq: () => (seq += 1),

    rebase(nextMachine, rebased) {
      machine = nextMachine;
      snapshot = rebased;
    },

    write(work) {
      const written = lastWrite.then(work);
      lastWrite = written;
      return written;
    },

    written: () => lastWrite,
  };
}
