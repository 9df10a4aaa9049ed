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

    static {
        for (int d = FIRST; d <= LAST; d++) {
            LocalDate x = LocalDate.ofEpochDay(d);
            TEXT[d - FIRST] = String.format("%04d%02d%02d", x.getYear(), x.getMonthValue(), x.getDayOfMonth());
        }
    }

    static int of(int y, int m, int d) {
        return (int) LocalDate.of(y, m, d).toEpochDay();
    }

    static String text(int day) {
        return TEXT[day - FIRST];
    }

    static int year(int day) {
        return Integer.parseInt(TEXT[day - FIRST].substring(0, 4));
    }

    /** Whole years of age on {@code day} for someone born on {@code birth}. */
    static int age(int birth, int day) {
        LocalDate b = LocalDate.ofEpochDay(birth);
        LocalDate x = LocalDate.ofEpochDay(day);
        int a = x.getYear() - b.getYear();
        if (x.getMonthValue() < b.getMonthValue()
                || (x.getMonthValue() == b.getMonthValue() && x.getDayOfMonth() < b.getDayOfMonth())) {
            a--;
        }
        return a;
    }

    /** The day someone born on {@code birth} turns {@code years} old. */
    static int birthday(int birth, int years) {
        return (int) LocalDate.ofEpochDay(birth).plusYears(years).toEpochDay();
    }
}
