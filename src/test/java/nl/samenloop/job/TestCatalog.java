package nl.samenloop.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.samenloop.model.Codes;

/**
 * A small catalog shaped like spec indicators.md, for parser and plan tests: one indicator without options,
 * and each option type (choice, boolean, codes, integer, number, a required option).
 */
final class TestCatalog {
    private TestCatalog() {
    }

    static final List<String> KINDS = List.of(Codes.Kind.values()).stream().map(Enum::name).toList();

    static IndicatorCatalog get() {
        Map<String, Map<String, OptionSpec>> m = new LinkedHashMap<>();
        m.put("wijkteam_share", Map.of());
        m.put("youth_share", ordered("groups", OptionSpec.codes(List.copyOf(Codes.GROUPS.keySet()),
                List.copyOf(Codes.GROUPS.keySet()))));
        m.put("concurrency", ordered(
                "concurrency", OptionSpec.choice("period", "period", "overlap"),
                "other_kinds", OptionSpec.codes(Codes.DEFAULT_OTHER_KINDS.stream().map(Enum::name).toList(), KINDS)));
        m.put("follow_up", ordered(
                "new_wijkteam_counts", OptionSpec.bool(false),
                "window_days", OptionSpec.integer(1, 730, 365L)));
        m.put("referral_source", ordered(
                "exclude_wijkteam", OptionSpec.bool(false),
                "verwijzers", OptionSpec.codes(List.copyOf(Codes.VERWIJZER.keySet()),
                        List.copyOf(Codes.VERWIJZER.keySet()))));
        m.put("group_comparison", ordered(
                "compare", OptionSpec.choice(null, "youth_share", "concurrency", "follow_up"),
                "min_share", OptionSpec.number(0, 100, 50.0)));
        return IndicatorCatalog.of(m);
    }

    private static Map<String, OptionSpec> ordered(Object... kv) {
        Map<String, OptionSpec> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (OptionSpec) kv[i + 1]);
        }
        return m;
    }
}
