package nl.samenloop.disclosure;

/**
 * Disclosure control will not let this package out (spec disclosure.md "Audit": the engine refuses to
 * write the package). The message names the table, the count and its period and the reason — never the
 * count's value or its number of persons, so the message itself may be shown outside the secure area.
 */
public class DisclosureRefused extends RuntimeException {
    private final String table;
    private final String countName;
    private final String geoCode;
    private final String period;
    private final String reason;

    public DisclosureRefused(String table, String countName, String geoCode, String period, String reason) {
        super("disclosure control refuses table " + table + ": count " + countName + " for " + geoCode
                + " in period " + period + " — " + reason);
        this.table = table;
        this.countName = countName;
        this.geoCode = geoCode;
        this.period = period;
        this.reason = reason;
    }

    /** A refusal of the whole package, not of one count (e.g. the register kept changing). */
    public DisclosureRefused(String packageReason) {
        super(packageReason);
        this.table = null;
        this.countName = null;
        this.geoCode = null;
        this.period = null;
        this.reason = packageReason;
    }

    public String table() {
        return table;
    }

    public String countName() {
        return countName;
    }

    public String geoCode() {
        return geoCode;
    }

    public String period() {
        return period;
    }

    public String reason() {
        return reason;
    }
}
