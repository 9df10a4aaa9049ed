package nl.samenloop.disclosure;

import nl.samenloop.indicators.Count;

/** A primary rule that looks at one count on its own (spec disclosure.md "Primary rules"). */
public interface CountRule {
    /** The rule's name as it appears in decisions and the audit file, e.g. {@code MIN_PERSONS}. */
    String name();

    boolean unsafe(Count count);
}
