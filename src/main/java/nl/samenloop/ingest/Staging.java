package nl.samenloop.ingest;

import java.nio.file.Path;
import nl.samenloop.storage.Location;

/**
 * Names of the datasets ingest writes into the working area and link reads: the contract between the
 * two stages. All are Parquet folders under {@code <work>/staging/<TABLE>}; rejected records go to
 * {@code <work>/rejects/<TABLE>}; the data-quality report to {@code <work>/quality/}.
 *
 * <p>Canonical columns (types):
 * <ul>
 * <li>JGDHULPBUS: person long, linkable boolean, hulpvorm string ("01"), begin date, end date (null =
 *   open), verwijzer, perspectief, reden, aanbieder, gemeente (strings, null when absent), source_year int</li>
 * <li>JGDBESCHERMBUS / JGDRECLASSERINGBUS: person long, linkable boolean, maatregel string, begin date,
 *   end date, source_year int</li>
 * <li>GBAPERSOONTAB: person long, sex string ("1"/"2"/null), birth_date date (null when the year is
 *   missing), birth_imputed string (NONE, DAY, MONTH_DAY, NO_YEAR)</li>
 * <li>GBAADRESOBJECTBUS: person long, begin date, end date, object string ("soort:rinobject")</li>
 * <li>VSLGWBTAB: object string ("soort:rinobject"), year int, gemeente string ("GM0599"; null = unknown)</li>
 * </ul>
 * {@code person} is RINPERSOON for linkable keys (RINPERSOONS = 'R'); for other keys a number that can
 * never equal a linkable one. Only linkable persons appear in the GBA tables.
 */
public final class Staging {
    private Staging() {
    }

    public static final String JEUGDHULP = "JGDHULPBUS";
    public static final String BESCHERMING = "JGDBESCHERMBUS";
    public static final String RECLASSERING = "JGDRECLASSERINGBUS";
    public static final String PERSONS = "GBAPERSOONTAB";
    public static final String ADDRESSES = "GBAADRESOBJECTBUS";
    public static final String OBJECTS = "VSLGWBTAB";

    public static Path staged(Path work, String table) {
        return work.resolve("staging").resolve(table);
    }

    public static Path rejects(Path work, String table) {
        return work.resolve("rejects").resolve(table);
    }

    public static Path quality(Path work) {
        return work.resolve("quality");
    }

    public static Location staged(Location work, String table) {
        return work.resolve("staging").resolve(table);
    }

    public static Location rejects(Location work, String table) {
        return work.resolve("rejects").resolve(table);
    }

    public static Location quality(Location work) {
        return work.resolve("quality");
    }

    /** A person key that never collides with a linkable RINPERSOON (9 digits). */
    public static long nonLinkableKey(String rinpersoons, long rinpersoon) {
        char c = rinpersoons == null || rinpersoons.isEmpty() ? '?' : rinpersoons.charAt(0);
        return 1_000_000_000L * (1 + (long) c) + rinpersoon;
    }
}
