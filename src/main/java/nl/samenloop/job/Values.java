package nl.samenloop.job;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** How YAML values are named back to the user in messages, and the number conversions the checks share. */
final class Values {
    private Values() {
    }

    /** "text 'abc'", "number 5", "true/false value true", "a list", "a mapping", "nothing". */
    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "text '" + oneLine(s) + "'";
        }
        if (v instanceof Boolean b) {
            return "true/false value " + b;
        }
        if (v instanceof Number n) {
            return "number " + n;
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping (key: value)";
        }
        return "'" + oneLine(String.valueOf(v)) + "'";
    }

    /** The value as typed, for "'x' is not allowed" messages. */
    static String show(Object v) {
        return v instanceof String s ? "'" + oneLine(s) + "'" : String.valueOf(v);
    }

    /** Whole numbers as YAML gives them (Integer, Long, BigInteger), else null. */
    static Long wholeNumber(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 63) {
            return b.longValue();
        }
        return null;
    }

    /** Messages must stay one line even when a value spans several. */
    static String oneLine(String s) {
        String t = s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    /** Numbers in messages: 5 rather than 5.0. */
    static String number(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
