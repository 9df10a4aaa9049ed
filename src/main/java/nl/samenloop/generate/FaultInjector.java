package nl.samenloop.generate;

import java.util.SplittableRandom;

/**
 * Decides, per care record written, whether it gets a fault and which, and changes the row accordingly.
 * Uses its own random stream per person so the clean data are the same at any fault rate.
 */
final class FaultInjector {
    private static final String[] BAD_HULPVORM = {"05", "06", "09", "10", "15", "99"};
    private static final String[] BAD_BESCHERMING = {"13", "24", "99"};
    private static final String[] BAD_RECLASSERING = {"43", "52", "99"};
    private static final String[] NOT_R = {"A", "B", "X"};
    /** Column positions shared by the three care tables: key, code, begin, end. */
    static final int RINPERSOONS = 0;
    static final int RINPERSOON = 1;
    static final int CODE = 2;
    static final int BEGIN = 3;
    static final int END = 4;

    private final double rate;

    FaultInjector(double rate) {
        this.rate = rate;
    }

    /** Null for no fault; otherwise the fault applied to {@code row} (DUPLICATE leaves the row as is). */
    FaultType apply(SplittableRandom f, String[] row, int table) {
        if (rate <= 0 || f.nextDouble() >= rate) {
            return null;
        }
        FaultType t = FaultType.values()[f.nextInt(FaultType.values().length)];
        switch (t) {
            case IMPOSSIBLE_DATE -> {
                boolean onEnd = isDate(row[END]) && f.nextBoolean();
                int col = onEnd ? END : BEGIN;
                String d = row[col];
                row[col] = f.nextBoolean() ? d.substring(0, 4) + "13" + d.substring(6) : d.substring(0, 4) + "0230";
            }
            case END_BEFORE_BEGIN -> row[END] = Dates.text(parse(row[BEGIN]) - 1 - f.nextInt(90));
            case UNKNOWN_CODE -> {
                String[] bad = table == Person.Spell.JEUGDHULP ? BAD_HULPVORM
                        : table == Person.Spell.BESCHERMING ? BAD_BESCHERMING : BAD_RECLASSERING;
                row[CODE] = bad[f.nextInt(bad.length)];
            }
            case MISSING_KEY -> row[RINPERSOON] = "";
            case NOT_LINKABLE -> row[RINPERSOONS] = NOT_R[f.nextInt(NOT_R.length)];
            case DUPLICATE -> {
                // written twice by the caller
            }
        }
        return t;
    }

    private static boolean isDate(String s) {
        return s != null && s.length() == 8 && !s.startsWith("8888");
    }

    private static int parse(String yyyymmdd) {
        return Dates.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                Integer.parseInt(yyyymmdd.substring(6, 8)));
    }
}
