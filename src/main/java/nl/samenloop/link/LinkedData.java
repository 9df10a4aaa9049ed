package nl.samenloop.link;

import java.time.LocalDate;
import java.util.Set;
import nl.samenloop.model.Codes;
import nl.samenloop.storage.Location;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The named datasets the indicators share (STYLE: "share the scans"):
 * <ul>
 * <li>{@code trajectories}: merged jeugdhulp trajectories — person, linkable, hulpvorm, kind, begin, end,
 *   verwijzer, aanbieder, gemeente</li>
 * <li>{@code care}: every care spell of every kind — person, linkable, kind, begin, end (merged
 *   trajectories plus both measures)</li>
 * <li>{@code residence}: person, p, gm — municipality on the peildatum for persons with a care spell (the only
 *   persons it is looked up for) and an address spell active in period p ({@code GM----} when unknown)</li>
 * <li>{@code population}: person, p, gm — the youth population of each period</li>
 * <li>{@code addresses}: person, begin, end, rank, gm, gm_idx — address spells of linkable persons with their
 *   municipality in the classification year; {@code rank} numbers a person's spells from 1 by begin (latest
 *   first), then object — the order in which spec "Geography" breaks ties between addresses</li>
 * <li>{@code careFlags}: person, p, has_&lt;KIND&gt; (0/1 per {@link Codes.Kind}) — linkable persons with an active
 *   care spell in period p</li>
 * <li>{@code populationCare}: person, p, gm, has_&lt;KIND&gt; — the population rows that have care flags (inner
 *   join): what every person-level numerator is counted from</li>
 * </ul>
 * Care, residence, population, addresses and the flags come partitioned by person ({@code ByPerson}) and cached when
 * {@code Linker} builds them, so indicators join them on person without shuffling them again.
 *
 * @param presentColumns optional input columns that were present (e.g. {@code verwijzer})
 * @param work           the secure working area the data was staged in (null when not known): internal-only
 *                       outputs such as the I7 break list go there, never into a publication package
 */
public record LinkedData(LinkSpec spec, Geography geography, PeriodIndex index, LocalDate dataHorizon,
                         Dataset<Row> trajectories, Dataset<Row> care, Dataset<Row> residence,
                         Dataset<Row> population, Dataset<Row> addresses, Dataset<Row> careFlags,
                         Dataset<Row> populationCare, Set<String> presentColumns, Location work) {

    /** Column name of the flag "has an active spell of kind k in p". */
    public static String flag(Codes.Kind k) {
        return "has_" + k.name();
    }
}
