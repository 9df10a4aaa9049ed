package nl.samenloop.indicators;

import java.util.List;
import java.util.Map;

/**
 * One table a job asks for: the indicator's resolved options (defaults filled in) and pooled spans.
 * Plain data, no Spark.
 */
public record TableRequest(String name, String indicator, Map<String, Object> options, List<Pool> pools) {
    public TableRequest {
        options = Map.copyOf(options);
        pools = List.copyOf(pools);
    }

    public String string(String key) {
        Object v = options.get(key);
        return v == null ? null : v.toString();
    }

    public boolean bool(String key) {
        Object v = options.get(key);
        return v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        Object v = options.get(key);
        return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).toList();
    }
}
