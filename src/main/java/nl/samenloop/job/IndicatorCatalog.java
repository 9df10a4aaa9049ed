package nl.samenloop.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the job-file parser needs to know about the indicators: their names and, per indicator, the
 * options a table may set (spec indicators.md marks each as *option*). The real catalog is built from the
 * indicator registry; {@link #of(Map)} makes a fixed one (tests, tools).
 */
public interface IndicatorCatalog {

    /** Indicator names a table may use as {@code indicator:}, in the order to list them to a user. */
    Set<String> names();

    /**
     * Options of {@code indicator} by option name, in the order to list them; empty when the indicator has
     * none. Only called with a name from {@link #names()}.
     */
    Map<String, OptionSpec> options(String indicator);

    /** A fixed catalog; iteration order of the maps is kept for messages and plans. */
    static IndicatorCatalog of(Map<String, Map<String, OptionSpec>> indicators) {
        Map<String, Map<String, OptionSpec>> copy = new LinkedHashMap<>();
        indicators.forEach((name, opts) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(opts))));
        Map<String, Map<String, OptionSpec>> fixed = Collections.unmodifiableMap(copy);
        return new IndicatorCatalog() {
            @Override
            public Set<String> names() {
                return fixed.keySet();
            }

            @Override
            public Map<String, OptionSpec> options(String indicator) {
                return fixed.getOrDefault(indicator, Map.of());
            }
        };
    }
}
