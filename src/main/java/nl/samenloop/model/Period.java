package nl.samenloop.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One reporting period: {@code 2019JJ00}, {@code 2019HJ01}, {@code 2019KW03}, or a pooled span of
 * such periods ({@code 2016JJ00-2020JJ00}). The peildatum is the last day (spec: "Periods").
 */
public record Period(String code, LocalDate start, LocalDate end, Granularity granularity, int index) {

    public LocalDate peildatum() {
        return end;
    }

    /** A spell is active when begin <= period end and (end open or end >= period start). */
    public boolean isActive(LocalDate begin, LocalDate spellEnd) {
        return !begin.isAfter(end) && (spellEnd == null || !spellEnd.isBefore(start));
    }

    public boolean contains(LocalDate d) {
        return !d.isBefore(start) && !d.isAfter(end);
    }

    public int year() {
        return start.getYear();
    }

    /** The consecutive periods of one granularity from year {@code from} to year {@code to} inclusive. */
    public static List<Period> range(int from, int to, Granularity g) {
        List<Period> out = new ArrayList<>();
        int idx = 0;
        for (int y = from; y <= to; y++) {
            for (int k = 1; k <= g.perYear; k++) {
                LocalDate s = LocalDate.of(y, (k - 1) * g.monthsPerPeriod() + 1, 1);
                LocalDate e = s.plusMonths(g.monthsPerPeriod()).minusDays(1);
                String code = y + g.codeInfix + (g == Granularity.YEAR ? "00" : String.format("%02d", k));
                out.add(new Period(code, s, e, g, idx++));
            }
        }
        return out;
    }

    /** Parses a single period code such as {@code 2019HJ02}. */
    public static Period parse(String code) {
        if (code == null || !code.matches("\\d{4}(JJ00|HJ0[12]|KW0[1-4])")) {
            throw new IllegalArgumentException("bad period code '" + code + "'; expected e.g. 2019JJ00, 2019HJ01, 2019KW03");
        }
        int y = Integer.parseInt(code.substring(0, 4));
        Granularity g = code.contains("JJ") ? Granularity.YEAR : code.contains("HJ") ? Granularity.HALFYEAR : Granularity.QUARTER;
        int k = Integer.parseInt(code.substring(6));
        return range(y, y, g).get(Math.max(0, k - 1));
    }
}
