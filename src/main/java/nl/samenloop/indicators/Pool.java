package nl.samenloop.indicators;

import java.util.List;
import nl.samenloop.model.Period;

/** A pooled span of consecutive periods (e.g. 2016–2020): values are summed over its periods. */
public record Pool(String code, List<Integer> periodIndexes) {
    public static Pool of(List<Period> periods, int fromYear, int toYear) {
        List<Period> in = periods.stream().filter(p -> p.year() >= fromYear && p.year() <= toYear).toList();
        if (in.isEmpty()) {
            throw new IllegalArgumentException("pool " + fromYear + "–" + toYear + " holds no period of the job");
        }
        return new Pool(in.get(0).code() + "-" + in.get(in.size() - 1).code(), in.stream().map(Period::index).toList());
    }
}
