package nl.samenloop.indicators;

import java.util.List;
import java.util.Map;
import nl.samenloop.link.LinkedData;

/**
 * One indicator of spec indicators.md. Implementations are registered by name through
 * {@code META-INF/services/nl.samenloop.indicators.Indicator}: adding one means one class, its test and
 * its service line — no central switch. Indicators compute counts; they never apply a threshold.
 */
public interface Indicator {
    /** Job key, e.g. {@code wijkteam_share}. */
    String name();

    /** Spec code, e.g. {@code I1}. */
    String code();

    String title();

    /** The options a job may set for this indicator, with defaults. */
    Map<String, Option> options();

    /** Optional staged columns this indicator needs (e.g. {@code verwijzer}); checked when the plan is built. */
    default List<String> requiredColumns(TableRequest request) {
        return List.of();
    }

    CellTable compute(LinkedData data, TableRequest request);

    /**
     * What count {@code countName} of a table of this indicator counts, so that the same number in another
     * table, indicator or release is recognised as one count (spec disclosure.md "Across releases"). Two
     * counts with the same concept, geography and period must always be equal. The default is safe but
     * links nothing: the indicator code, the name and every option of the table. Indicators override it
     * where a count does not depend on an option, or equals a count of another indicator.
     */
    default String concept(TableRequest request, String countName) {
        return code() + ":" + countName + Concepts.options(request, request.options().keySet());
    }

    /** The measure worth a chart by default (null: none), and whether bars per municipality suit it better than lines. */
    default String chartMeasure(TableRequest request) {
        return null;
    }

    /**
     * The title of the chart of {@link #chartMeasure}: what is drawn, in Dutch words a reader knows — never a
     * measure code. Default: the indicator's title.
     */
    default String chartTitle(TableRequest request) {
        return title();
    }

    default boolean chartAsBars() {
        return false;
    }
}
