package nl.samenloop.indicators;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry: every {@link Indicator} on the classpath, by job key. */
public final class Indicators {
    private static Map<String, Indicator> all;

    private Indicators() {
    }

    public static synchronized Map<String, Indicator> all() {
        if (all == null) {
            Map<String, Indicator> m = new TreeMap<>();
            for (Indicator i : ServiceLoader.load(Indicator.class)) {
                m.put(i.name(), i);
            }
            all = java.util.Collections.unmodifiableMap(m);
        }
        return all;
    }

    public static Indicator get(String name) {
        Indicator i = all().get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown indicator '" + name + "'; allowed: " + String.join(", ", all().keySet()));
        }
        return i;
    }
}
