/** The decision both releases of the test workflow wait for. */
import { defineSignal } from '@temporalio/workflow';

export const pokeSignal = defineSignal('poke');
