package nl.samenloop.disclosure;

import nl.samenloop.indicators.CountRef;

/**
 * What disclosure control decided for one count: its status, the rule that decided it (e.g.
 * {@code MIN_PERSONS}, {@code ZERO}, {@code COMPLEMENT}, {@code LEDGER_DIFFERENCE}, {@code SECONDARY}),
 * the value to publish (rounded if the profile rounds; null when suppressed), and for suppressed counts
 * the audit interval [lower, upper] a reader can derive from the released package (null otherwise).
 */
public record Decision(CountRef ref, Status status, String rule, Long shownValue, Double auditLower, Double auditUpper) {
}
