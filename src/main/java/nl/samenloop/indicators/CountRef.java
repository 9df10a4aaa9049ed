package nl.samenloop.indicators;

/**
 * Identity of a count within one table: the same (name, geography, period) is the same number wherever
 * it appears (the I2 population is the denominator of every group), and gets one disclosure decision.
 */
public record CountRef(String name, String geoCode, String period) implements Comparable<CountRef> {
    @Override
    public int compareTo(CountRef o) {
        int c = name.compareTo(o.name);
        if (c == 0) {
            c = geoCode.compareTo(o.geoCode);
        }
        return c != 0 ? c : period.compareTo(o.period);
    }

    @Override
    public String toString() {
        return name + "|" + geoCode + "|" + period;
    }
}
