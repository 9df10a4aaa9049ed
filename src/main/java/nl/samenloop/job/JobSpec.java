package nl.samenloop.job;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import nl.samenloop.storage.Location;

/**
 * A job file as data (STYLE habit 1: "a job file is data, a plan is code"): plain immutable records with
 * every default filled in, nothing that runs. {@link JobSpecParser} builds one only when the whole file is
 * valid; {@link Plan#compile} turns it into stages. The keys are documented in docs/job-files.md.
 *
 * @param input  folder of microdata files: a local folder, absolute (relative paths in the file are resolved
 *               against the working directory the command runs in), or a Hadoop URI ({@code hdfs://…},
 *               {@code s3a://…}); the same holds for output and work
 * @param output publication package folder, absolute; default {@code out/<name>}
 * @param work   secure working area (staging, rejects, internal audit, locks, logs), absolute; default
 *               {@code work/<name>}
 * @param pools  pooled spans of years (multi-period averages), each within {@code periods}
 * @param dataHorizon the stated data horizon; empty means "derive it from the data" (spec: Periods)
 */
public record JobSpec(String name, Optional<String> title, Location input, Location output, Location work,
        int classificationYear, PeriodsSpec periods, List<PoolSpec> pools, Optional<LocalDate> dataHorizon,
        PopulationSpec population, GeographySpec geography, TrajectoriesSpec trajectories,
        List<TableSpec> tables, DisclosureSpec disclosure) {

    public JobSpec {
        pools = List.copyOf(pools);
        tables = List.copyOf(tables);
    }

    /** Reporting periods: every period of {@code granularity} in the years {@code from..to}. */
    public record PeriodsSpec(int from, int to, Granularity granularity) {
        public List<Period> periods() {
            return Period.range(from, to, granularity);
        }
    }

    /** A pooled span of whole years: numerators and denominators summed over its periods, divided last. */
    public record PoolSpec(int from, int to) {
        public String label() {
            return from + "-" + to;
        }
    }

    /** Spec "Preparing trajectories": who is in the youth population and on which date age is taken. */
    public record PopulationSpec(int minAge, int maxAge, AgeReference ageReference) {
    }

    public enum AgeReference {
        /** Age on the last day of the period (default). */
        PEILDATUM("peildatum"),
        /** Age on the first day of the period. */
        PERIOD_START("period_start");

        public final String key;

        AgeReference(String key) {
            this.key = key;
        }
    }

    /**
     * Spec "Geography".
     *
     * @param levels         levels computed and published, in the order given
     * @param regions        jeugdregio codes to publish (empty = all); a filter on what is published only
     * @param municipalities municipality codes to publish (empty = all); a filter on what is published only
     */
    public record GeographySpec(GeographyBasis basis, List<GeoLevel> levels, List<String> regions,
            List<String> municipalities) {
        public GeographySpec {
            levels = List.copyOf(levels);
            regions = List.copyOf(regions);
            municipalities = List.copyOf(municipalities);
        }
    }

    public enum GeographyBasis {
        /** Municipality of residence on the peildatum (default). */
        RESIDENCE("residence"),
        /** JGDHGEMEENTE of the person's last trajectory active in the period. */
        RESPONSIBLE("responsible");

        public final String key;

        GeographyBasis(String key) {
            this.key = key;
        }
    }

    /** Spec "Preparing trajectories": merge overlapping same-hulpvorm trajectories of a person. */
    public record TrajectoriesSpec(boolean mergeOverlapping) {
    }

    /**
     * One output table.
     *
     * @param name    unique within the job; default the indicator name; used for file names
     * @param options the options the file sets, checked and normalised (see {@link OptionSpec}); defaults
     *                are not in here — {@link Plan} fills them in
     */
    public record TableSpec(String indicator, String name, Chart chart, Map<String, Object> options) {
        public TableSpec {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    public enum Chart {
        AUTO("auto"), NONE("none"), LINE("line"), BAR("bar");

        public final String key;

        Chart(String key) {
            this.key = key;
        }
    }

    /**
     * @param profile disclosure profile name (rules and thresholds in conf/); default {@code cbs-microdata}
     * @param roundTo round published counts to a multiple of this after suppression; empty = as the
     *                profile says
     */
    public record DisclosureSpec(String profile, OptionalInt roundTo) {
    }
}
