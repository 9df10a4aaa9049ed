package nl.samenloop.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.indicators.Indicator;
import nl.samenloop.indicators.Indicators;
import nl.samenloop.indicators.Option;

/** The real catalog: every registered {@link Indicator} with its options, as the job parser wants them. */
public final class RegistryCatalog implements IndicatorCatalog {
    @Override
    public Set<String> names() {
        return Indicators.all().keySet();
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
            case INTEGER: return OptionSpec.integer(Long.MIN_VALUE, Long.MAX_VALUE, ((Number) o.defaultValue()).longValue());
            case NUMBER: return OptionSpec.number(-Double.MAX_VALUE, Double.MAX_VALUE, ((Number) o.defaultValue()).doubleValue());
            case MAP: return OptionSpec.map((Map<String, List<String>>) o.defaultValue(), o.allowed());
            default: throw new IllegalStateException("option type " + o.type() + " has no job-file form");
        }
    }
}
