package nl.samenloop.indicators;

import java.util.ArrayList;
import java.util.List;
import nl.samenloop.model.GeoLevel;

/**
 * One row of an indicator table before disclosure control: a measure for one geography and period,
 * with the counts it rests on. {@code value} is what is published (usually 100 × numerator /
 * denominator; a deviation or difference for derived measures) and is null when it cannot be
 * computed. {@code extra} lists further counts the value depends on (a deviation from the
 * Netherlands depends on the Netherlands counts): the value is only shown when all of them are.
 * {@code released} is false for cells computed only so the audit knows the whole hierarchy
 * (municipalities outside the requested regions). {@code preset} is a status the indicator decides
 * itself: {@code NOT_OBSERVABLE} or {@code EMPTY}, else null.
 */
public record Cell(String measure, GeoLevel level, String geoCode, String geoName, String period,
                   Count numerator, Count denominator, Double value, List<Count> extra,
                   boolean released, String preset) {

    public Cell {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    /** A share: value = 100 × numerator / denominator (null when the denominator is 0). */
    public static Cell share(String measure, GeoLevel level, String geoCode, String geoName, String period,
                             Count numerator, Count denominator, boolean released) {
        Double v = denominator.value() == 0 ? null : 100.0 * numerator.value() / denominator.value();
        return new Cell(measure, level, geoCode, geoName, period, numerator, denominator, v, List.of(), released, null);
    }

    public CountRef numeratorRef() {
        return new CountRef(numerator.name(), geoCode, period);
    }

    public CountRef denominatorRef() {
        return new CountRef(denominator.name(), geoCode, period);
    }

    /** Every count the shown value depends on, with its reference. Extra counts carry their own geography in the name's ref. */
    public List<CountRef> refs() {
        List<CountRef> out = new ArrayList<>();
        out.add(numeratorRef());
        out.add(denominatorRef());
        for (Count c : extra) {
            out.add(extraRef(c));
        }
        return out;
    }

    /**
     * Extra counts are named {@code NAME@GEO@PERIOD} when they belong to another row (the Netherlands
     * counts behind a deviation); plain names refer to this row's geography and period.
     */
    public CountRef extraRef(Count c) {
        String[] p = c.name().split("@");
        if (p.length == 3) {
            return new CountRef(p[0], p[1], p[2]);
        }
        return new CountRef(c.name(), geoCode, period);
    }

    public Cell withPreset(String status) {
        return new Cell(measure, level, geoCode, geoName, period, numerator, denominator, value, extra, released, status);
    }
}
