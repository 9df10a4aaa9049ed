package nl.samenloop.indicators;

import java.util.List;

/**
 * A linear relation a reader of the released table knows: {@code total = Σ parts} ({@link Type#SUM}) or
 * {@code Σ parts <= total} ({@link Type#AT_MOST}, e.g. a numerator never exceeds its denominator).
 * Parts may be counts that are not released (a municipality outside the requested regions); a reader
 * knows only that those are non-negative.
 */
public record Relation(Type type, CountRef total, List<CountRef> parts) {
    public enum Type { SUM, AT_MOST }

    public Relation {
        parts = List.copyOf(parts);
    }

    public static Relation sum(CountRef total, List<CountRef> parts) {
        return new Relation(Type.SUM, total, parts);
    }

    public static Relation atMost(CountRef total, CountRef part) {
        return new Relation(Type.AT_MOST, total, List.of(part));
    }
}
