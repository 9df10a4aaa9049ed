package nl.samenloop.link;

import java.time.LocalDate;

/**
 * The linked data of the local engine ({@link LocalLink}), grouped by person in plain arrays: what the person-level
 * indicators need of {@link LinkedData}, without Spark. Persons are numbered 0..persons-1 (only persons with an
 * address spell: nobody else can be in the youth population); person i's rows of a per-person table are
 * {@code start[i] .. start[i+1]-1}. Dates are epoch days; an open end is {@link #OPEN}. A municipality is its
 * index in {@link #gmCodes} (the classification year's municipalities in code order, then the unknown one).
 *
 * <p>The arrays are shared with the indicators and must not be changed. Record-level: it lives in the JVM only.
 */
public final class LocalLinked {
    /** An open end date: after every real date, as the Spark engine's 9999-12-31 stand-in. */
    public static final int OPEN = Integer.MAX_VALUE;
    /** Hulpvorm of a merged trajectory: 01 (wijkteam), another code, or none. */
    public static final byte WIJKTEAM = 1;
    public static final byte OTHER = 0;
    public static final byte NO_HULPVORM = 2;

    public final LinkSpec spec;
    public final Geography geography;
    public final PeriodIndex index;
    public final LocalDate dataHorizon;
    /** Persons with at least one address spell. */
    public final int persons;
    /** Number of periods. */
    public final int periods;
    /** First and last day of every period (the last day is the peildatum). */
    public final int[] pstart;
    public final int[] pend;
    /** Municipality codes by index; the last one is the unknown municipality. */
    public final String[] gmCodes;

    /** Address spells per person, in the order the spec breaks ties (latest begin first, then the lowest object). */
    public final int[] addrStart;
    public final int[] addrBegin;
    public final int[] addrEnd;
    public final int[] addrGm;

    /**
     * Care spells of linkable keys per person number, 0..allPersons-1 (merged trajectories and both measures): kind
     * ordinal, begin, end.
     */
    public final int[] careStart;
    public final byte[] careKind;
    public final int[] careBegin;
    public final int[] careEnd;

    /**
     * Every person number with an address, a trajectory or a linkable care spell: persons..allPersons-1 have no
     * address (also keys that are not linkable); they count in the unknown municipality.
     */
    public final int allPersons;
    /** Merged trajectories of every key, linkable or not, per person number (0..allPersons-1). */
    public final int[] trajStart;
    public final int[] trajBegin;
    public final int[] trajEnd;
    public final byte[] trajHulpvorm;
    /** The verwijzer as a number into {@link #verwijzers}; -1 when not filled in. */
    public final short[] trajVerwijzer;
    public final java.util.List<String> verwijzers;
    /** Whether a merged trajectory's key is linkable, and its hulpvorm as a number into {@link #hulpvormCodes}. */
    public final boolean[] trajLinkable;
    public final short[] trajHulpvormCode;
    public final java.util.List<String> hulpvormCodes;

    /** Per person and period ({@code person * periods + p}): the municipality in the youth population, or -1. */
    public final short[] popGm;
    /** Per person and period: bit k set when a care spell of kind ordinal k is active in the period. */
    public final byte[] careMask;

    LocalLinked(LinkSpec spec, Geography geography, PeriodIndex index, LocalDate dataHorizon, int persons, int[] pstart,
                int[] pend, String[] gmCodes, int[] addrStart, int[] addrBegin, int[] addrEnd, int[] addrGm, int[] careStart,
                byte[] careKind, int[] careBegin, int[] careEnd, short[] popGm, byte[] careMask, int[] trajStart,
                int[] trajBegin, int[] trajEnd, byte[] trajHulpvorm, short[] trajVerwijzer, java.util.List<String> verwijzers,
                boolean[] trajLinkable, short[] trajHulpvormCode, java.util.List<String> hulpvormCodes) {
        this.spec = spec;
        this.geography = geography;
        this.index = index;
        this.dataHorizon = dataHorizon;
        this.persons = persons;
        this.periods = pstart.length;
        this.pstart = pstart;
        this.pend = pend;
        this.gmCodes = gmCodes;
        this.addrStart = addrStart;
        this.addrBegin = addrBegin;
        this.addrEnd = addrEnd;
        this.addrGm = addrGm;
        this.careStart = careStart;
        this.careKind = careKind;
        this.careBegin = careBegin;
        this.careEnd = careEnd;
        this.popGm = popGm;
        this.careMask = careMask;
        this.allPersons = trajStart.length - 1;
        this.trajStart = trajStart;
        this.trajBegin = trajBegin;
        this.trajEnd = trajEnd;
        this.trajHulpvorm = trajHulpvorm;
        this.trajVerwijzer = trajVerwijzer;
        this.verwijzers = verwijzers;
        this.trajLinkable = trajLinkable;
        this.trajHulpvormCode = trajHulpvormCode;
        this.hulpvormCodes = java.util.Collections.unmodifiableList(hulpvormCodes);
    }

    /** The unknown municipality's index. */
    public int unknownGm() {
        return gmCodes.length - 1;
    }

    /**
     * Residence on the peildatum of period p ({@link Linker#onPeildatum}, {@link LinkedData#residence}), the unknown
     * municipality when the person has no address spell active in p or none at all.
     */
    public int residence(int person, int p) {
        if (person >= persons) {
            return unknownGm();
        }
        int gm = LocalLink.onPeildatum(addrStart, addrBegin, addrEnd, addrGm, person, pstart[p], pend[p]);
        return gm < 0 ? unknownGm() : gm;
    }

    /** The period containing {@code day}: -1 before the first, {@link #periods} after the last. */
    public int periodOf(int day) {
        if (day < pstart[0]) {
            return -1;
        }
        int lo = 0;
        int hi = periods - 1;
        if (day > pend[hi]) {
            return periods;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pend[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether a spell [begin, end] is active in period p (spec: begin on or before its last day, end open or on or after its first). */
    public boolean active(int begin, int end, int p) {
        return begin <= pend[p] && end >= pstart[p];
    }
}
