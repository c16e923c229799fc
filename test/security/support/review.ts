import { createTally } from './figures'

/**
 * The outside review's findings (issue 13), each attack replayed against a link server. A test
 * counts its attack when it starts and its refusal only once every assertion about it passed.
 */
export function createReviewTally(file: string) {
  const tally = createTally(file)
  return {
    ...tally,
    /** Runs one attack: counted as tried, and as refused when `check` returns without throwing. */
    async attack(check: () => Promise<void> | void) {
      tally.add('review.attacks')
      await check()
      tally.add('review.refused')
    },
  }
}
