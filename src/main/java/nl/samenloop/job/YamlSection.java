package nl.samenloop.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mapping of a job file at a key path ("" for the top level, "periods", "tables[1]"), with typed
 * getters that add one-line messages to a shared error list instead of throwing, so that one parse
 * reports every problem. Getters return null when the value is absent or bad; the caller then uses the
 * default or skips dependent checks.
 */
final class YamlSection {
    final String path;
    final Map<String, Object> map = new LinkedHashMap<>();
    final List<String> errors;

    YamlSection(String path, Map<?, ?> raw, List<String> allowedKeys, List<String> errors) {
        this.path = path;
        this.errors = errors;
        raw.forEach((k, v) -> map.put(String.valueOf(k), v));
        for (String key : map.keySet()) {
            if (!allowedKeys.contains(key)) {
                errors.add("unknown key '" + Values.oneLine(key) + "' " + where() + "; allowed: "
                        + String.join(", ", allowedKeys) + Suggest.hint(key, allowedKeys));
            }
        }
    }

    String where() {
        return path.isEmpty() ? "at top level" : "in " + path;
    }

    /** The key path of {@code key} in this section: "periods.from". */
    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    /**
     * The raw value of {@code key}, or null (with a message when it is required, or given without a value:
     * {@code title:} on its own line is more likely a slip than a wish for the default).
     */
    Object value(String key, boolean required, String expected) {
        if (!map.containsKey(key)) {
            if (required) {
                errors.add("missing required key '" + key + "' " + where() + "; expected " + expected);
            }
            return null;
        }
        Object v = map.get(key);
        if (v == null) {
            errors.add(at(key) + ": no value given; expected " + expected);
        }
        return v;
    }

    String text(String key, boolean required, String expected) {
        Object v = value(key, required, expected);
        if (v == null) {
            return null;
        }
        // "title: 2020" or "input: 2020" means the text 2020; YAML just happens to read it as a number.
        Long whole = Values.wholeNumber(v);
        if (whole != null) {
            return String.valueOf(whole);
        }
        if (!(v instanceof String s) || s.isBlank()) {
            errors.add(at(key) + ": expected " + expected + ", got " + Values.describe(v));
            return null;
        }
        return s.trim();
    }

    /** A whole number in [min, max]. */
    Long whole(String key, boolean required, String expected, long min, long max) {
        Object v = value(key, required, expected);
        return v == null ? null : wholeValue(at(key), v, expected, min, max);
    }

    Long wholeValue(String keyPath, Object v, String expected, long min, long max) {
        Long n = Values.wholeNumber(v);
        if (n == null) {
            errors.add(keyPath + ": expected " + expected + ", got " + Values.describe(v));
            return null;
        }
        if (n < min || n > max) {
            errors.add(keyPath + ": " + n + " is not allowed; allowed: " + min + " to " + max);
            return null;
        }
        return n;
    }

    Boolean bool(String key) {
        Object v = value(key, false, "true or false");
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            errors.add(at(key) + ": expected true or false, got " + Values.describe(v));
            return null;
        }
        return b;
    }

    /** One word out of {@code allowed}. */
    String choice(String key, List<String> allowed) {
        Object v = value(key, false, "one of " + String.join(", ", allowed));
        return v == null ? null : choiceValue(at(key), v, allowed);
    }

    String choiceValue(String keyPath, Object v, List<String> allowed) {
        if (!(v instanceof String s)) {
            errors.add(keyPath + ": expected one of " + String.join(", ", allowed) + ", got " + Values.describe(v));
            return null;
        }
        if (!allowed.contains(s.trim())) {
            errors.add(keyPath + ": " + Values.show(s) + " is not allowed; allowed: " + String.join(", ", allowed)
                    + Suggest.hint(s.trim(), allowed));
            return null;
        }
        return s.trim();
    }

    List<?> list(String key, boolean required, String expected) {
        Object v = value(key, required, expected);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            errors.add(at(key) + ": expected " + expected + ", got " + Values.describe(v));
            return null;
        }
        return l;
    }

    /** A nested mapping with its own allowed keys; null when absent or not a mapping. */
    YamlSection section(String key, boolean required, List<String> allowedKeys) {
        String expected = "a mapping with keys " + String.join(", ", allowedKeys);
        Object v = value(key, required, expected);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            errors.add(at(key) + ": expected " + expected + ", got " + Values.describe(v));
            return null;
        }
        return new YamlSection(at(key), m, allowedKeys, errors);
    }
}
