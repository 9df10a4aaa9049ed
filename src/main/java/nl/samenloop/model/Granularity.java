package nl.samenloop.model;

/** Length of a reporting period (spec indicators.md, "Periods"). */
public enum Granularity {
    YEAR(1, "JJ"), HALFYEAR(2, "HJ"), QUARTER(4, "KW");

    /** Periods per calendar year. */
    public final int perYear;
    /** The two letters CBS puts in a period code: {@code 2019HJ01}. */
    public final String codeInfix;

    Granularity(int perYear, String codeInfix) {
        this.perYear = perYear;
        this.codeInfix = codeInfix;
    }

    public int monthsPerPeriod() {
        return 12 / perYear;
    }

    public static Granularity parse(String s) {
        switch (s.trim().toLowerCase()) {
            case "year": return YEAR;
            case "halfyear": case "half-year": return HALFYEAR;
            case "quarter": return QUARTER;
            default: throw new IllegalArgumentException(
                    "unknown granularity '" + s + "'; allowed: year, halfyear, quarter");
        }
    }
}
