package nl.samenloop.indicators;

/**
 * One count behind a cell: what it counts ({@code name}, e.g. {@code POPULATION}, {@code WIJKTEAM}),
 * its value (persons, person-periods or trajectories) and the number of distinct persons behind it,
 * which is what the primary disclosure rules look at. Counts are mergeable: regions and pooled periods
 * add values; distinct persons are counted again at each level, never added.
 */
public record Count(String name, long value, long persons) {
    public Count {
        if (value < 0 || persons < 0) {
            throw new IllegalArgumentException("negative count for " + name);
        }
    }
}
