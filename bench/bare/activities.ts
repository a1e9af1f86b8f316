/** The bare baseline's activity: a round trip through Temporal and nothing else. */
export function touch(): Promise<void> {
  // Deliberately empty: the baseline measures Temporal's own cost of an activity.
  return Promise.resolve();
}
