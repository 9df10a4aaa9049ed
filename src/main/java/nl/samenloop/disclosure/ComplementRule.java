package nl.samenloop.disclosure;

import nl.samenloop.indicators.Cell;

/**
 * Optional rule of spec disclosure.md: "the complement of a share (denominator − numerator) must also
 * reach T". It compares distinct persons: the numerator's persons are members of the denominator's
 * population, so their difference is the number of persons in the complement (e.g. youth without care).
 * When it is too small the numerator is suppressed (publishing it would reveal the complement).
 */
public final class ComplementRule {
    public static final String NAME = "COMPLEMENT";
    private final int threshold;

    public ComplementRule(int threshold) {
        this.threshold = threshold;
    }

    public String name() {
        return NAME;
    }

    /** Whether this row's numerator must be suppressed because its complement is too small. */
    public boolean unsafe(Cell cell) {
        long complement = cell.denominator().persons() - cell.numerator().persons();
        return cell.denominator().value() > 0 && complement < threshold;
    }
}
