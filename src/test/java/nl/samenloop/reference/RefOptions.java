package nl.samenloop.reference;

import java.time.LocalDate;
import java.util.List;
import nl.samenloop.model.Codes;
import nl.samenloop.model.Codes.Kind;
import nl.samenloop.model.Period;

/**
 * The job options the reference honours (spec indicators.md), with the spec's defaults.
 *
 * @param ageAtStart         option age_reference = period_start (default peildatum)
 * @param concurrencyOverlap option concurrency = overlap (default period)
 * @param otherKinds         option other_kinds for I3/I4 (default all but WIJKTEAM)
 * @param dataHorizon        last observed day; I4 periods whose windows pass it are not observable
 * @param pooledSpans        spans of consecutive periods to pool (sum of values, distinct persons over the span)
 */
public record RefOptions(List<Period> periods, int classificationYear, int ageMin, int ageMax, boolean ageAtStart,
                         boolean mergeOverlapping, boolean concurrencyOverlap, List<Kind> otherKinds,
                         boolean newWijkteamCounts, boolean excludeWijkteam, LocalDate dataHorizon,
                         List<List<Period>> pooledSpans) {

    public RefOptions {
        periods = List.copyOf(periods);
        otherKinds = List.copyOf(otherKinds);
        pooledSpans = pooledSpans.stream().map(List::copyOf).toList();
    }

    /** Spec defaults: age 0–22 on the peildatum, merging on, concurrency per period, horizon = last period end. */
    public static RefOptions defaults(List<Period> periods, int classificationYear) {
        return new RefOptions(periods, classificationYear, 0, 22, false, true, false, Codes.DEFAULT_OTHER_KINDS,
                false, false, periods.get(periods.size() - 1).end(), List.of());
    }

    /** Code of a pooled span, as Period documents it: {@code 2016JJ00-2020JJ00}. */
    public static String spanCode(List<Period> span) {
        return span.get(0).code() + "-" + span.get(span.size() - 1).code();
    }

    public RefOptions withAgeRange(int min, int max) {
        return new RefOptions(periods, classificationYear, min, max, ageAtStart, mergeOverlapping, concurrencyOverlap,
                otherKinds, newWijkteamCounts, excludeWijkteam, dataHorizon, pooledSpans);
    }

    public RefOptions withAgeAtStart(boolean v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, v, mergeOverlapping, concurrencyOverlap,
                otherKinds, newWijkteamCounts, excludeWijkteam, dataHorizon, pooledSpans);
    }

    public RefOptions withMergeOverlapping(boolean v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, ageAtStart, v, concurrencyOverlap,
                otherKinds, newWijkteamCounts, excludeWijkteam, dataHorizon, pooledSpans);
    }

    public RefOptions withConcurrencyOverlap(boolean v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, ageAtStart, mergeOverlapping, v,
                otherKinds, newWijkteamCounts, excludeWijkteam, dataHorizon, pooledSpans);
    }

    public RefOptions withOtherKinds(List<Kind> v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, ageAtStart, mergeOverlapping,
                concurrencyOverlap, v, newWijkteamCounts, excludeWijkteam, dataHorizon, pooledSpans);
    }

    public RefOptions withNewWijkteamCounts(boolean v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, ageAtStart, mergeOverlapping,
                concurrencyOverlap, otherKinds, v, excludeWijkteam, dataHorizon, pooledSpans);
    }

    public RefOptions withExcludeWijkteam(boolean v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, ageAtStart, mergeOverlapping,
                concurrencyOverlap, otherKinds, newWijkteamCounts, v, dataHorizon, pooledSpans);
    }

    public RefOptions withDataHorizon(LocalDate v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, ageAtStart, mergeOverlapping,
                concurrencyOverlap, otherKinds, newWijkteamCounts, excludeWijkteam, v, pooledSpans);
    }

    public RefOptions withPooledSpans(List<List<Period>> v) {
        return new RefOptions(periods, classificationYear, ageMin, ageMax, ageAtStart, mergeOverlapping,
                concurrencyOverlap, otherKinds, newWijkteamCounts, excludeWijkteam, dataHorizon, v);
    }
}
