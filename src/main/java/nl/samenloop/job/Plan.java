package nl.samenloop.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import nl.samenloop.disclosure.Profile;
import nl.samenloop.ingest.Staging;
import nl.samenloop.job.JobSpec.TableSpec;
import nl.samenloop.model.Period;

/**
 * What a job will run, compiled from a {@link JobSpec} before anything runs (STYLE habit 1): the named
 * stages ingest → link → one indicator stage per table → disclosure → publish, each with the datasets it
 * reads and writes and its settings with every default filled in. {@link #describe()} is the text of
 * {@code samenloop plan JOB}.
 *
 * <p>Dataset names: {@code input:} is the job's input folder, {@code work:} the secure working area,
 * {@code out:} the publication package; nothing is read from {@code out:} (stages never reach upstream).
 */
public record Plan(JobSpec job, List<Stage> stages, List<ResolvedTable> tables) {

    public Plan {
        stages = List.copyOf(stages);
        tables = List.copyOf(tables);
    }

    /** The stages in the order they run; {@link #key} is the name {@code run --from} takes. */
    public enum StageKind {
        INGEST("ingest"), LINK("link"), INDICATOR("indicators"), DISCLOSURE("disclosure"), PUBLISH("publish");

        public final String key;

        StageKind(String key) {
            this.key = key;
        }

        /** The stage {@code key} names, or empty. */
        public static Optional<StageKind> of(String key) {
            for (StageKind k : values()) {
                if (k.key.equals(key)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        public static String keys() {
            return String.join("|", java.util.Arrays.stream(values()).map(k -> k.key).toList());
        }
    }

    /**
     * One stage.
     *
     * @param name     "ingest", "link", "indicator wijkteam-share", "disclosure", "publish"
     * @param settings what the stage is configured with, defaults filled in, in display order
     */
    public record Stage(StageKind kind, String name, List<String> reads, List<String> writes,
            Map<String, String> settings) {
        public Stage {
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /**
     * A table with its options resolved: what the file set, and the catalog default for everything else.
     *
     * @param options   every option of the indicator, normalised as {@link OptionSpec} describes
     * @param defaulted the option names whose value is the default (not set in the file)
     */
    public record ResolvedTable(TableSpec table, Map<String, Object> options, Set<String> defaulted) {
        public ResolvedTable {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            defaulted = Collections.unmodifiableSet(new LinkedHashSet<>(defaulted));
        }
    }

    /** Staged tables in the order ingest writes them (contract: {@link Staging}). */
    static final List<String> STAGED = List.of(Staging.JEUGDHULP, Staging.BESCHERMING, Staging.RECLASSERING,
            Staging.PERSONS, Staging.ADDRESSES, Staging.OBJECTS);

    /** Compiles a parsed job; the catalog supplies the defaults of options the file leaves out. */
    public static Plan compile(JobSpec job, IndicatorCatalog catalog) {
        return compile(job, catalog, null);
    }

    /**
     * As {@link #compile(JobSpec, IndicatorCatalog)}, with the disclosure stage showing the rules of the job's
     * profile as they will apply ({@code round_to} of the job included); null: the rules are not known here.
     */
    public static Plan compile(JobSpec job, IndicatorCatalog catalog, Profile profile) {
        List<ResolvedTable> tables = new ArrayList<>();
        for (TableSpec t : job.tables()) {
            tables.add(resolve(t, catalog));
        }
        List<Stage> stages = new ArrayList<>();
        stages.add(ingest(job));
        stages.add(link(job));
        for (ResolvedTable t : tables) {
            stages.add(indicator(job, t, catalog));
        }
        stages.add(disclosure(job, tables, profile));
        stages.add(publish(job, tables));
        return new Plan(job, stages, tables);
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static ResolvedTable resolve(TableSpec t, IndicatorCatalog catalog) {
        Map<String, Object> options = new LinkedHashMap<>();
        Set<String> defaulted = new LinkedHashSet<>();
        catalog.options(t.indicator()).forEach((key, spec) -> {
            if (t.options().containsKey(key)) {
                options.put(key, t.options().get(key));
            } else {
                options.put(key, normalisedDefault(spec));
                defaulted.add(key);
            }
        });
        return new ResolvedTable(t, options, defaulted);
    }

    /** Defaults in the same normalised form as checked values (INTEGER → Long, NUMBER → Double). */
    private static Object normalisedDefault(OptionSpec spec) {
        Object d = spec.defaultValue();
        return switch (spec.type()) {
            case INTEGER -> ((Number) d).longValue();
            case NUMBER -> ((Number) d).doubleValue();
            default -> d;
        };
    }

    private static Stage ingest(JobSpec job) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("input folder", job.input().toString());
        List<String> writes = new ArrayList<>();
        for (String t : STAGED) {
            writes.add("work:staging/" + t);
        }
        writes.add("work:rejects/<table>");
        writes.add("work:quality");
        return new Stage(StageKind.INGEST, "ingest", List.of("input:" + job.input()), writes, s);
    }

    private static Stage link(JobSpec job) {
        List<Period> periods = job.periods().periods();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("classification_year", String.valueOf(job.classificationYear()));
        s.put("periods", periods.get(0).code() + " .. " + periods.get(periods.size() - 1).code() + " ("
                + periods.size() + " × " + job.periods().granularity().name().toLowerCase() + ")");
        s.put("pools", job.pools().isEmpty() ? "none"
                : job.pools().stream().map(pool -> poolCode(periods, pool)).collect(Collectors.joining(", ")));
        s.put("data_horizon", job.dataHorizon().map(d -> d + " (stated in the job)")
                .orElse("derived from the data (default)"));
        s.put("age_range", job.population().minAge() + " to " + job.population().maxAge());
        s.put("age_reference", job.population().ageReference().key);
        s.put("geography.basis", job.geography().basis().key);
        s.put("merge_overlapping", String.valueOf(job.trajectories().mergeOverlapping()));
        List<String> reads = STAGED.stream().map(t -> "work:staging/" + t).toList();
        return new Stage(StageKind.LINK, "link", reads, StageOutputs.linkedNames(job.name()), s);
    }

    /** A pool as its first and last period code, {@code 2016JJ00-2020JJ00}, as the indicator tables name it. */
    static String poolCode(List<Period> periods, JobSpec.PoolSpec pool) {
        List<Period> in = periods.stream().filter(p -> p.year() >= pool.from() && p.year() <= pool.to()).toList();
        return in.get(0).code() + "-" + in.get(in.size() - 1).code();
    }

    private static Stage indicator(JobSpec job, ResolvedTable t, IndicatorCatalog catalog) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("indicator", t.table().indicator());
        s.put("levels", job.geography().levels().stream().map(l -> l.key).collect(Collectors.joining(", ")));
        t.options().forEach((key, value) -> s.put("options." + key,
                show(value) + (t.defaulted().contains(key) ? " (default)" : "")));
        return new Stage(StageKind.INDICATOR, "indicator " + t.table().name(),
                StageOutputs.linkedNames(job.name()), List.of(StageOutputs.cellsName(job.name(), t.table().name())), s);
    }

    private static Stage disclosure(JobSpec job, List<ResolvedTable> tables, Profile profile) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("profile", job.disclosure().profile());
        s.put("round_to", job.disclosure().roundTo().isPresent()
                ? String.valueOf(job.disclosure().roundTo().getAsInt()) : "as the profile says (default)");
        if (profile != null) {
            // "As the profile says", said: the rules that decide what is shown (spec disclosure.md).
            ProfileRules.of(ProfileRules.effective(profile, job)).forEach((rule, value) -> {
                if (!rule.equals("profile")) {
                    s.put(rule, value);
                }
            });
            s.put("audit (narrowest interval of a suppressed count)", String.valueOf(profile.threshold()));
        }
        List<String> reads = new ArrayList<>(tables.stream()
                .map(t -> StageOutputs.cellsName(job.name(), t.table().name())).toList());
        reads.add("register:earlier releases of the same data");
        List<String> writes = new ArrayList<>();
        writes.add(StageOutputs.protectedName(job.name()));
        return new Stage(StageKind.DISCLOSURE, "disclosure", reads, writes, s);
    }

    private static Stage publish(JobSpec job, List<ResolvedTable> tables) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("output folder", job.output().toString());
        s.put("records the release in", "the release register (docs/releases.md)");
        s.put("regions", job.geography().regions().isEmpty() ? "all" : String.join(", ", job.geography().regions()));
        s.put("municipalities", job.geography().municipalities().isEmpty() ? "all"
                : String.join(", ", job.geography().municipalities()));
        List<String> reads = new ArrayList<>(tables.stream()
                .map(t -> StageOutputs.cellsName(job.name(), t.table().name())).toList());
        reads.add(StageOutputs.protectedName(job.name()));
        List<String> writes = new ArrayList<>();
        for (ResolvedTable t : tables) {
            String n = t.table().name();
            writes.add("out:tables/" + n + ".csv");
            writes.add("out:tables/" + n + ".xlsx");
            if (t.table().chart() != JobSpec.Chart.NONE) {
                s.put("chart " + n, t.table().chart().key);
                writes.add("out:charts/" + n + ".png" + (t.table().chart() == JobSpec.Chart.AUTO ? " (if useful)" : ""));
            } else {
                s.put("chart " + n, "none");
            }
        }
        writes.add("out:audit/cells.csv");
        writes.add("out:output-check.md");
        writes.add("work:audit/" + job.name());
        return new Stage(StageKind.PUBLISH, "publish", reads, writes, s);
    }

    private static String show(Object value) {
        if (value instanceof List<?> l) {
            return "[" + l.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]";
        }
        if (value instanceof Double d) {
            return Values.number(d);
        }
        return String.valueOf(value);
    }

    /** The text of {@code samenloop plan JOB}: header, then each stage with reads, writes and settings. */
    public String describe() {
        return describe(Map.of());
    }

    /**
     * As {@link #describe()}, with a {@code status:} line per stage (by stage name): whether the output in the
     * working area would be reused, and why not.
     */
    public String describe(Map<String, String> status) {
        StringBuilder sb = new StringBuilder();
        String nl = "\n";
        sb.append("Plan for job ").append(job.name());
        job.title().ifPresent(t -> sb.append(" — ").append(t));
        sb.append(nl);
        sb.append("  input:  ").append(job.input()).append(nl);
        sb.append("  work:   ").append(job.work()).append("  (secure working area; never published)").append(nl);
        sb.append("  out:    ").append(job.output()).append("  (publication package)").append(nl);
        sb.append("  tables: ").append(tables.size()).append(nl);
        int i = 1;
        for (Stage st : stages) {
            sb.append(nl).append(i++).append(". ").append(st.name()).append(nl);
            sb.append("   reads:  ").append(String.join(", ", st.reads())).append(nl);
            sb.append("   writes: ").append(String.join(", ", st.writes())).append(nl);
            int width = st.settings().keySet().stream().mapToInt(String::length).max().orElse(0);
            st.settings().forEach((k, v) -> sb.append("   ").append(k).append(": ")
                    .append(" ".repeat(width - k.length())).append(v).append(nl));
            if (status.containsKey(st.name())) {
                sb.append("   status: ").append(status.get(st.name())).append(nl);
            }
        }
        return sb.toString();
    }
}
