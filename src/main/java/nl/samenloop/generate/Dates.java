package nl.samenloop.generate;

import java.time.LocalDate;

/** Dates as epoch days while simulating; formatted {@code YYYYMMDD} (spec data-layout.md "Dates") on output. */
final class Dates {
    private Dates() {
    }

    /** A spell with no end date: still running at the data horizon. */
    static final int OPEN = Integer.MAX_VALUE;

    private static final int FIRST = (int) LocalDate.of(1960, 1, 1).toEpochDay();
    private static final int LAST = (int) LocalDate.of(2040, 12, 31).toEpochDay();
    private static final String[] TEXT = new String[LAST - FIRST + 1];
    /** year * 10000 + month * 100 + day, per day: age and year without LocalDate in the hot loop. */
    private static final int[] YMD = new int[LAST - FIRST + 1];

    static {
        for (int d = FIRST; d <= LAST; d++) {
            LocalDate x = LocalDate.ofEpochDay(d);
            YMD[d - FIRST] = x.getYear() * 10000 + x.getMonthValue() * 100 + x.getDayOfMonth();
            TEXT[d - FIRST] = Integer.toString(YMD[d - FIRST]);
        }
    }

    static int of(int y, int m, int d) {
        return (int) LocalDate.of(y, m, d).toEpochDay();
    }

    static String text(int day) {
        return TEXT[day - FIRST];
    }

    static int year(int day) {
        return YMD[day - FIRST] / 10000;
    }

    /** Whole years of age on {@code day} for someone born on {@code birth}. */
    static int age(int birth, int day) {
        int b = YMD[birth - FIRST];
        int x = YMD[day - FIRST];
        int a = x / 10000 - b / 10000;
        return x % 10000 < b % 10000 ? a - 1 : a;
    }

    /** The day someone born on {@code birth} turns {@code years} old. */
    static int birthday(int birth, int years) {
        return (int) LocalDate.ofEpochDay(birth).plusYears(years).toEpochDay();
    }
}
