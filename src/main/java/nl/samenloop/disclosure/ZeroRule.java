package nl.samenloop.disclosure;

import nl.samenloop.indicators.Count;

/**
 * "Zero cells are unsafe too unless the profile says zero_is_safe: true" (spec disclosure.md): a zero can
 * disclose that nobody in a small group has a form of care.
 */
public final class ZeroRule implements CountRule {
    public static final String NAME = "ZERO";
    private final boolean zeroIsSafe;

    public ZeroRule(boolean zeroIsSafe) {
        this.zeroIsSafe = zeroIsSafe;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean unsafe(Count count) {
        return count.value() == 0 && !zeroIsSafe;
    }
}
