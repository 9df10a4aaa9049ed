package nl.samenloop.indicators;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Building blocks of count concepts ({@link Indicator#concept}). Concepts never contain {@code |} or
 * {@code @}: those separate the parts of a count reference.
 */
public final class Concepts {
    /** Persons of the youth population (I2 numerators and denominator, I3's base): {@code youth:<group>}. */
    public static final String YOUTH = "youth:";

    private Concepts() {
    }

    /** {@code [key=value;…]} for the given options, sorted by key; list values sorted (their order means nothing). */
    public static String options(TableRequest request, Collection<String> keys) {
        Map<String, String> m = new TreeMap<>();
        for (String k : keys) {
            Object v = request.options().get(k);
            if (v instanceof List<?> l) {
                TreeSet<String> sorted = new TreeSet<>();
                l.forEach(x -> sorted.add(String.valueOf(x)));
                v = String.join(",", sorted);
            } else if (v instanceof Map<?, ?> map) {
                v = new TreeMap<>(map).toString();
            }
            m.put(k, String.valueOf(v));
        }
        if (m.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("[");
        m.forEach((k, v) -> b.append(b.length() == 1 ? "" : ";").append(k).append('=').append(v));
        String s = b.append(']').toString();
        return s.replace('|', '/').replace('@', '_');
    }

    /** The concepts of every count name of a table. */
    public static Map<String, String> of(Indicator indicator, TableRequest request, Collection<String> names) {
        Map<String, String> m = new TreeMap<>();
        for (String n : names) {
            m.put(n, indicator.concept(request, n));
        }
        return m;
    }
}
