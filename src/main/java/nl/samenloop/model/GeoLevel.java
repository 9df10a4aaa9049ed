package nl.samenloop.model;

/** Geography levels of the output tables; the Netherlands row always holds every person, "unknown" included. */
public enum GeoLevel {
    MUNICIPALITY("municipality"), REGION("region"), COUNTRY("country"),
    /** A named group of municipalities (I6 group comparison); not part of the geography hierarchy. */
    GROUP("group");

    public final String key;

    GeoLevel(String key) {
        this.key = key;
    }

    /** Code of the "unknown municipality" row: counted in the Netherlands, never in a region. */
    public static final String UNKNOWN = "GM----";
    public static final String NETHERLANDS = "NL01";

    public static GeoLevel parse(String s) {
        for (GeoLevel l : values()) {
            if (l.key.equalsIgnoreCase(s.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown geography level '" + s + "'; allowed: municipality, region, country");
    }
}
