/**
 * A warning's life: open → acknowledged (someone is looking into it) → resolved (with what was
 * found). Moves are named by what the supervisor does; any other move is refused with the moves
 * that are allowed. No I/O.
 */
import { z } from 'zod';

export const warningStateSchema = z.enum(['open', 'acknowledged', 'resolved']);
export type WarningState = z.infer<typeof warningStateSchema>;

export const warningMoveSchema = z.enum(['acknowledge', 'resolve']);
export type WarningMove = z.infer<typeof warningMoveSchema>;

const moves: Record<WarningState, Partial<Record<WarningMove, WarningState>>> = {
  open: { acknowledge: 'acknowledged' },
  acknowledged: { resolve: 'resolved' },
  resolved: {},
};

export { warningMoveLabelsZh, warningStateLabelsZh } from './labels';

export function allowedMoves(state: WarningState): WarningMove[] {
  return Object.keys(moves[state]) as WarningMove[];
}

/** The state a move leads to, or undefined when the move is not allowed from `state`. */
export function nextState(state: WarningState, move: WarningMove): WarningState | undefined {
  return moves[state][move];
}
