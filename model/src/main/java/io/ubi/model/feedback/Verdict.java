package io.ubi.model.feedback;

/** What a consumer says about a signal (PRD FR-4 feedback loop). */
public enum Verdict {
  /** The signal was wrong: what it claims is not happening. */
  FALSE_POSITIVE,
  /** Right and worth acting on. */
  USEFUL,
  /** Right, but not worth acting on: counted apart, never as a false positive. */
  NOT_USEFUL
}
