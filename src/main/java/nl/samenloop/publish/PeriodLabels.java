package nl.samenloop.publish;

import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;

/**
 * Period codes as a reader of a chart says them: {@code 2015JJ00} → "2015", {@code 2019HJ01} → "1e helft 2019",
 * {@code 2019KW03} → "3e kwartaal 2019", and a pooled span of whole years such as {@code 2016HJ01-2020HJ02} →
 * "2016–2020". The tidy CSV keeps the CBS codes; these are for pictures.
 */
public final class PeriodLabels {
    private PeriodLabels() {
    }

    /** The label of a period or pooled-span code; a code it does not know comes back as it is. */
    public static String of(String code) {
        try {
            int dash = code.indexOf('-');
            if (dash < 0) {
                return single(Period.parse(code));
            }
            Period from = Period.parse(code.substring(0, dash));
            Period to = Period.parse(code.substring(dash + 1));
            boolean wholeYears = from.start().getDayOfYear() == 1 && to.end().getMonthValue() == 12
                    && to.end().getDayOfMonth() == 31;
            if (wholeYears) {
                return from.year() == to.year() ? String.valueOf(from.year()) : from.year() + "–" + to.year();
            }
            return single(from) + " – " + single(to);
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String single(Period p) {
        int k = Integer.parseInt(p.code().substring(6));
        if (p.granularity() == Granularity.YEAR) {
            return String.valueOf(p.year());
        }
        return k + "e " + (p.granularity() == Granularity.HALFYEAR ? "helft " : "kwartaal ") + p.year();
    }
}
