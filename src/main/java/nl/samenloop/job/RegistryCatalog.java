package nl.samenloop.job;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.indicators.Indicator;
import nl.samenloop.indicators.Indicators;
import nl.samenloop.indicators.Option;

/** The real catalog: every registered {@link Indicator} with its options, as the job parser wants them. */
public final class RegistryCatalog implements IndicatorCatalog {
    /** In the order of the spec (I1, I2, ... by number), which is how users know them. */
    @Override
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        Indicators.all().values().stream().sorted(Comparator.comparing(RegistryCatalog::specNumber)
                .thenComparing(Indicator::name)).forEach(i -> out.add(i.name()));
        return out;
    }

    /** I12 after I2: the number after the letter; a code without one sorts last. */
    private static int specNumber(Indicator i) {
        String digits = i.code().replaceAll("\\D", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    @Override
    public Map<String, OptionSpec> options(String indicator) {
        Map<String, OptionSpec> out = new LinkedHashMap<>();
        for (Option o : Indicators.get(indicator).options().values()) {
            out.put(o.name(), spec(o).describedAs(o.description()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static OptionSpec spec(Option o) {
        switch (o.type()) {
            case CHOICE: return OptionSpec.choice((String) o.defaultValue(), o.allowed().toArray(String[]::new));
            case BOOLEAN: return OptionSpec.bool((Boolean) o.defaultValue());
            case LIST: return OptionSpec.codes((List<String>) o.defaultValue(), o.allowed());
            case INTEGER: return OptionSpec.integer(o.min() == null ? Long.MIN_VALUE : (long) Math.ceil(o.min()),
                    o.max() == null ? Long.MAX_VALUE : (long) Math.floor(o.max()), ((Number) o.defaultValue()).longValue());
            case NUMBER: return OptionSpec.number(o.min() == null ? -Double.MAX_VALUE : o.min(),
                    o.max() == null ? Double.MAX_VALUE : o.max(), ((Number) o.defaultValue()).doubleValue());
            case MAP: return OptionSpec.map((Map<String, List<String>>) o.defaultValue(), o.allowed());
            default: throw new IllegalStateException("option type " + o.type() + " has no job-file form");
        }
    }
}
