package nl.samenloop.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * Canonical count keys: what a count is beyond the table that holds it. A key is a {@link CountRef} whose
 * name is the count's concept ({@link CellTable#concept}), whose geography is the id of its municipality set
 * and whose period is the period or pool code. Two tables — of one package, or of two releases of the same
 * data — that hold a count with the same key hold the same number (spec disclosure.md: "over all additive
 * relations among the cells it releases together"; "Across releases").
 *
 * <p>Geography ids: a one-member set is that member's code (so a municipality row, a {@code REST-} row holding
 * one municipality and an I6 group of one are the same key); a larger set is {@code G} and 16 hex digits of
 * the SHA-256 of its sorted members, the same in every job of the classification year.
 */
public final class Canonical {
    private Canonical() {
    }

    public static CountRef key(CellTable t, CountRef ref) {
        return new CountRef(t.concept(ref.name()), geoId(t.members(ref.geoCode(), ref.period())), ref.period());
    }

    public static String geoId(List<String> members) {
        if (members.size() == 1) {
            return members.get(0);
        }
        return "G" + sha256(String.join(",", members)).substring(0, 16);
    }

    /**
     * The differencing family of a key: its concept without options, geography and period. Keys of one
     * family count nearly the same persons (another age range, data version or option); a reader can
     * subtract them (spec "Across releases": "the same cell with a slightly different population, period or
     * age cut-off").
     */
    public static String family(CountRef key) {
        return conceptFamily(key.name()) + "|" + key.geoCode() + "|" + key.period();
    }

    static String conceptFamily(String concept) {
        int cut = concept.length();
        for (char c : new char[] {'[', '#'}) {
            int i = concept.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return concept.substring(0, cut);
    }

    /** A relation as text, for deduplication: type, total and parts in order. */
    public static String text(Relation r) {
        StringBuilder b = new StringBuilder(r.type() == Relation.Type.SUM ? "S" : "A").append(' ').append(r.total());
        for (CountRef p : r.parts()) {
            b.append(' ').append(p);
        }
        return b.toString();
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
