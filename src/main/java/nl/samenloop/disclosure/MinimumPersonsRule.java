package nl.samenloop.disclosure;

import nl.samenloop.indicators.Count;

/**
 * "A count cell is unsafe when its number of distinct contributing persons is below the threshold T"
 * (spec disclosure.md). Zero counts are left to {@link ZeroRule}, so that {@code zero_is_safe: true}
 * can release them although no person contributes.
 */
public final class MinimumPersonsRule implements CountRule {
    public static final String NAME = "MIN_PERSONS";
    private final int threshold;

    public MinimumPersonsRule(int threshold) {
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean unsafe(Count count) {
        return count.value() != 0 && count.persons() < threshold;
    }
}
