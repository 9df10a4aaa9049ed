package nl.samenloop.link;

import nl.samenloop.storage.Location;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.engine.ByPerson;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The link stage's output on disk, {@code work:linked/<job>/<dataset>} (plan): every dataset of
 * {@link LinkedData} as a Parquet folder, so a resumed run ({@code run --from indicators}) computes the
 * indicators without linking again. Record-level: it lives in the secure working area only.
 *
 * <p>Written through Spark with path strings, so any file system Spark writes to will do. The caller decides
 * where (a temporary folder it renames into place when every dataset is written) and keeps the settings the
 * data was linked with (the data horizon, the fingerprint).
 */
public final class LinkedDataFiles {
    /** Folder names, in the order they are written; the plan names them. */
    public static final List<String> DATASETS = List.of("trajectories", "care", "residence", "population", "addresses",
            "care_flags", "population_care");

    private LinkedDataFiles() {
    }

    /** Writes every dataset under {@code dir}; the cached datasets are filled on the way, for the indicators. */
    public static void write(LinkedData data, String dir) {
        datasets(data).forEach((name, ds) -> ds.write().mode(SaveMode.ErrorIfExists).parquet(dir + "/" + name));
    }

    /**
     * The linked data written by {@link #write}, partitioned by person again as {@link Linker} leaves it (the
     * indicators' joins rely on that to shuffle nothing more) and cached when first used.
     */
    public static LinkedData read(SparkSession spark, String dir, LinkSpec spec, Geography geo, LocalDate dataHorizon,
                                  Set<String> presentColumns, Location work) {
        Map<String, Dataset<Row>> d = new LinkedHashMap<>();
        for (String name : DATASETS) {
            Dataset<Row> ds = spark.read().parquet(dir + "/" + name);
            d.put(name, (name.equals("trajectories") ? ds : ByPerson.partition(ds)).persist(StorageLevel.MEMORY_AND_DISK()));
        }
        return new LinkedData(spec, geo, new PeriodIndex(spec.periods()), dataHorizon, d.get("trajectories"), d.get("care"),
                d.get("residence"), d.get("population"), d.get("addresses"), d.get("care_flags"), d.get("population_care"),
                presentColumns, work);
    }

    private static Map<String, Dataset<Row>> datasets(LinkedData data) {
        Map<String, Dataset<Row>> d = new LinkedHashMap<>();
        d.put("trajectories", data.trajectories());
        d.put("care", data.care());
        d.put("residence", data.residence());
        d.put("population", data.population());
        d.put("addresses", data.addresses());
        d.put("care_flags", data.careFlags());
        d.put("population_care", data.populationCare());
        return d;
    }
}
