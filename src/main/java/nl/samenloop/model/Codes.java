package nl.samenloop.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The code lists of spec data-layout.md, in one place. */
public final class Codes {
    private Codes() {
    }

    public static final String WIJKTEAM = "01";

    /** JGDHHULPVORM code → description. */
    public static final Map<String, String> HULPVORM = ordered(
            "01", "zonder verblijf: wijk- of buurtteam",
            "02", "zonder verblijf: ambulant bij de aanbieder",
            "03", "zonder verblijf: daghulp bij de aanbieder",
            "04", "zonder verblijf: in het netwerk van de jeugdige",
            "11", "met verblijf: pleegzorg",
            "12", "met verblijf: gezinsgericht",
            "13", "met verblijf: gesloten plaatsing",
            "14", "met verblijf: overig verblijf");

    public static final Map<String, String> VERWIJZER = ordered(
            "01", "gemeentelijke toegang",
            "02", "huisarts",
            "03", "jeugdarts",
            "04", "gecertificeerde instelling",
            "05", "medisch specialist",
            "06", "geen verwijzer",
            "07", "onbekend",
            "08", "rechter / officier van justitie");

    public static final Map<String, String> PERSPECTIEF = ordered(
            "01", "stabilisatie crisis", "02", "diagnostiek", "03", "begeleiden", "04", "behandelen");

    public static final Map<String, String> REDEN_BEEINDIGING = ordered(
            "01", "volgens plan", "02", "voortijdig in overeenstemming", "03", "eenzijdig door cliënt",
            "04", "eenzijdig door aanbieder", "05", "externe omstandigheden");

    public static final Map<String, String> JEUGDBESCHERMING = ordered(
            "11", "OTS", "12", "voorlopige OTS", "21", "voogdij", "22", "voorlopige voogdij",
            "23", "tijdelijke voogdij", "31", "preventieve justitiële activiteit");

    public static final Map<String, String> JEUGDRECLASSERING = ordered(
            "41", "jeugdreclassering 41", "42", "jeugdreclassering 42", "50", "jeugdreclassering 50",
            "51", "jeugdreclassering 51", "61", "jeugdreclassering 61", "62", "jeugdreclassering 62",
            "63", "jeugdreclassering 63");

    public static final Map<String, String> GESLACHT = ordered("1", "man", "2", "vrouw");

    /**
     * Kinds of care a spell can be: one per hulpvorm group plus the two measures. Every spell of the
     * linked care dataset carries exactly one kind.
     */
    public enum Kind {
        WIJKTEAM, OVERIG_ZONDER_VERBLIJF, MET_VERBLIJF, JEUGDBESCHERMING, JEUGDRECLASSERING
    }

    public static Kind kindOfHulpvorm(String hulpvorm) {
        if (WIJKTEAM.equals(hulpvorm)) {
            return Kind.WIJKTEAM;
        }
        return hulpvorm.startsWith("0") ? Kind.OVERIG_ZONDER_VERBLIJF : Kind.MET_VERBLIJF;
    }

    /** The I2 groups, each a set of kinds (spec: "Groups used by the indicators"). */
    public static final Map<String, Set<Kind>> GROUPS = groups();

    /** Default I3/I4 other_kinds: all jeugdhulp other than 01, plus both measures. */
    public static final List<Kind> DEFAULT_OTHER_KINDS = List.of(
            Kind.OVERIG_ZONDER_VERBLIJF, Kind.MET_VERBLIJF, Kind.JEUGDBESCHERMING, Kind.JEUGDRECLASSERING);

    /**
     * The I2 groups (and so the kinds, whose names are groups too) as a Dutch reader names them, for chart
     * titles: "Aandeel jongeren met " + label.
     */
    public static final Map<String, String> GROUP_LABELS = ordered(
            "WIJKTEAM", "wijkteamhulp",
            "OVERIG_ZONDER_VERBLIJF", "andere jeugdhulp zonder verblijf",
            "ZONDER_VERBLIJF", "jeugdhulp zonder verblijf",
            "MET_VERBLIJF", "jeugdhulp met verblijf",
            "JEUGDHULP", "jeugdhulp",
            "JEUGDBESCHERMING", "jeugdbescherming",
            "JEUGDRECLASSERING", "jeugdreclassering");

    private static Map<String, Set<Kind>> groups() {
        Map<String, Set<Kind>> m = new LinkedHashMap<>();
        m.put("WIJKTEAM", Set.of(Kind.WIJKTEAM));
        m.put("OVERIG_ZONDER_VERBLIJF", Set.of(Kind.OVERIG_ZONDER_VERBLIJF));
        m.put("ZONDER_VERBLIJF", Set.of(Kind.WIJKTEAM, Kind.OVERIG_ZONDER_VERBLIJF));
        m.put("MET_VERBLIJF", Set.of(Kind.MET_VERBLIJF));
        m.put("JEUGDHULP", Set.of(Kind.WIJKTEAM, Kind.OVERIG_ZONDER_VERBLIJF, Kind.MET_VERBLIJF));
        m.put("JEUGDBESCHERMING", Set.of(Kind.JEUGDBESCHERMING));
        m.put("JEUGDRECLASSERING", Set.of(Kind.JEUGDRECLASSERING));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** "1" → "01": codes are 2-digit strings, a numeric 1 means 01. */
    public static String twoDigit(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return s.length() == 1 && Character.isDigit(s.charAt(0)) ? "0" + s : s;
    }
}
