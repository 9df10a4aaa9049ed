package nl.samenloop.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One indicator option a table may set under {@code options:} (spec indicators.md, each *option*): what
 * values it takes and its default. A null default makes the option required.
 *
 * <p>Checked values come back normalised: CHOICE → String, BOOLEAN → Boolean, INTEGER → Long,
 * NUMBER → Double, CODES → unmodifiable List&lt;String&gt; without duplicates, MAP → unmodifiable
 * Map&lt;String, List&lt;String&gt;&gt;. An empty {@code allowed} list means any text; a null {@code min} or
 * {@code max} means no bound on that side.
 */
public record OptionSpec(Type type, List<String> allowed, Double min, Double max, Object defaultValue,
        String description) {

    public enum Type {
        /** One word out of {@link #allowed()}. */
        CHOICE,
        BOOLEAN,
        /** A whole number in [min, max]. */
        INTEGER,
        /** A list of codes, each out of {@link #allowed()}. */
        CODES,
        /** Any number in [min, max]. */
        NUMBER,
        /** Named lists of codes, e.g. I6 groups of municipalities: {@code {rijnmond: [GM0599, GM0606]}}. */
        MAP
    }

    public OptionSpec {
        Objects.requireNonNull(type, "type");
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        description = description == null ? "" : description;
    }

    public static OptionSpec choice(String defaultValue, String... allowed) {
        return new OptionSpec(Type.CHOICE, List.of(allowed), null, null, defaultValue, "");
    }

    public static OptionSpec bool(Boolean defaultValue) {
        return new OptionSpec(Type.BOOLEAN, List.of(), null, null, defaultValue, "");
    }

    public static OptionSpec integer(long min, long max, Long defaultValue) {
        return new OptionSpec(Type.INTEGER, List.of(), (double) min, (double) max, defaultValue, "");
    }

    public static OptionSpec number(double min, double max, Double defaultValue) {
        return new OptionSpec(Type.NUMBER, List.of(), min, max, defaultValue, "");
    }

    public static OptionSpec codes(List<String> defaultValue, List<String> allowed) {
        return new OptionSpec(Type.CODES, allowed, null, null, defaultValue == null ? null : List.copyOf(defaultValue), "");
    }

    public static OptionSpec map(Map<String, List<String>> defaultValue, List<String> allowed) {
        return new OptionSpec(Type.MAP, allowed, null, null, defaultValue == null ? null : Map.copyOf(defaultValue), "");
    }

    /** The same option with a one-line explanation for plans and docs. */
    public OptionSpec describedAs(String text) {
        return new OptionSpec(type, allowed, min, max, defaultValue, text);
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** The allowed values as a user reads them after "allowed: ". */
    public String allowedText() {
        return switch (type) {
            case CHOICE -> allowed.isEmpty() ? "any text" : String.join(", ", allowed);
            case BOOLEAN -> "true, false";
            case INTEGER -> "whole numbers" + bounds();
            case NUMBER -> "numbers" + bounds();
            case CODES -> "a list of " + (allowed.isEmpty() ? "codes" : String.join(", ", allowed));
            case MAP -> "a mapping of name: [codes]" + (allowed.isEmpty() ? "" : " with codes " + String.join(", ", allowed));
        };
    }

    /** A bound this far out (Long.MIN_VALUE, -Double.MAX_VALUE, ...) means "no bound"; never print it. */
    private static boolean unbounded(Double bound) {
        return bound == null || bound.isInfinite() || Math.abs(bound) >= 1e15;
    }

    private String bounds() {
        Double min = unbounded(this.min) ? null : this.min;
        Double max = unbounded(this.max) ? null : this.max;
        if (min == null && max == null) {
            return "";
        }
        if (max == null) {
            return " from " + Values.number(min);
        }
        if (min == null) {
            return " up to " + Values.number(max);
        }
        return " " + Values.number(min) + " to " + Values.number(max);
    }

    private boolean outside(double v) {
        return !unbounded(min) && v < min || !unbounded(max) && v > max;
    }

    /**
     * Checks {@code raw} (as YAML loaded it) for the key path {@code path}; returns the normalised value, or
     * null after adding one-line messages to {@code errors}.
     */
    public Object check(String path, Object raw, List<String> errors) {
        switch (type) {
            case CHOICE: {
                if (!(raw instanceof String s)) {
                    errors.add(path + ": expected one of " + allowedText() + ", got " + Values.describe(raw));
                    return null;
                }
                if (!allowed.isEmpty() && !allowed.contains(s)) {
                    errors.add(path + ": " + Values.show(s) + " is not allowed; allowed: " + allowedText()
                            + Suggest.hint(s, allowed));
                    return null;
                }
                return s;
            }
            case BOOLEAN: {
                if (!(raw instanceof Boolean b)) {
                    errors.add(path + ": expected true or false, got " + Values.describe(raw));
                    return null;
                }
                return b;
            }
            case INTEGER: {
                Long n = Values.wholeNumber(raw);
                if (n == null) {
                    errors.add(path + ": expected a whole number, got " + Values.describe(raw));
                    return null;
                }
                if (outside(n)) {
                    errors.add(path + ": " + n + " is not allowed; allowed: " + allowedText());
                    return null;
                }
                return n;
            }
            case NUMBER: {
                if (!(raw instanceof Number n) || raw instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    errors.add(path + ": expected a number, got " + Values.describe(raw));
                    return null;
                }
                double v = ((Number) raw).doubleValue();
                if (outside(v)) {
                    errors.add(path + ": " + Values.number(v) + " is not allowed; allowed: " + allowedText());
                    return null;
                }
                return v;
            }
            case CODES:
                return codes(path, raw, errors);
            case MAP: {
                if (!(raw instanceof Map<?, ?> m)) {
                    errors.add(path + ": expected a mapping of name: [codes], got " + Values.describe(raw));
                    return null;
                }
                Map<String, List<String>> out = new LinkedHashMap<>();
                boolean ok = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    List<String> codes = codes(path + "." + e.getKey(), e.getValue(), errors);
                    ok &= codes != null;
                    out.put(String.valueOf(e.getKey()), codes);
                }
                return ok ? Collections.unmodifiableMap(out) : null;
            }
            default:
                throw new IllegalStateException(type.name());
        }
    }

    private List<String> codes(String path, Object raw, List<String> errors) {
        if (!(raw instanceof List<?> list)) {
            errors.add(path + ": expected a list such as [" + (allowed.isEmpty() ? "..."
                    : String.join(", ", allowed.subList(0, Math.min(2, allowed.size())))) + "], got "
                    + Values.describe(raw));
            return null;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            String code = code(list.get(i));
            if (code == null) {
                errors.add(path + "[" + i + "]: " + Values.show(list.get(i)) + " is not allowed; allowed: "
                        + (allowed.isEmpty() ? "codes as text" : String.join(", ", allowed))
                        + (list.get(i) instanceof String s ? Suggest.hint(s, allowed) : ""));
                ok = false;
            } else {
                out.add(code);
            }
        }
        return ok ? List.copyOf(new ArrayList<>(out)) : null;
    }

    /**
     * A list element as an allowed code. YAML reads an unquoted {@code 01} as the number 1, so a number
     * matches a code that is its zero-padded two-digit form (hulpvorm and verwijzer codes are "01".."14").
     */
    private String code(Object v) {
        if (v instanceof String s) {
            return allowed.isEmpty() && !s.isBlank() || allowed.contains(s) ? s.trim() : null;
        }
        Long n = Values.wholeNumber(v);
        if (n != null && n >= 0) {
            String plain = String.valueOf(n);
            String padded = plain.length() == 1 ? "0" + plain : plain;
            if (allowed.isEmpty() || allowed.contains(plain)) {
                return plain;
            }
            if (allowed.contains(padded)) {
                return padded;
            }
        }
        return null;
    }
}
