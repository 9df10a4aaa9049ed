package nl.samenloop.register;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import nl.samenloop.disclosure.Canonical;
import nl.samenloop.disclosure.Disclosure;
import nl.samenloop.disclosure.DisclosureRefused;
import nl.samenloop.disclosure.History;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;

/**
 * Protects a release against the register, lets the caller write its package, and records it — again from
 * the start when another release of the same data was recorded in the meantime (the register's version
 * check), at most {@link #ATTEMPTS} times. So two releases finishing at the same moment both end protected
 * against each other, or the later one is refused with a clear message; the register never holds a release
 * that was protected against stale knowledge.
 */
public final class Publisher {
    public static final int ATTEMPTS = 3;

    /**
     * Writes and scans the package of a protected release, calls {@code record} once it may be released (the
     * scan passed, nothing is in place yet) and puts it in place only if that returns. When {@code record}
     * throws, the package must not be left anywhere (see {@link nl.samenloop.publish.Publication}).
     */
    public interface Writer {
        void write(Disclosure.Release release, Recorder record);
    }

    /** Records the release in the register; throws {@link ReleaseRegister.Changed} when it is out of date. */
    public interface Recorder {
        void record(ReleaseRegister.ReleaseInfo info);
    }

    /**
     * Protects the release against the history just read from the register. The default computes it
     * ({@link Disclosure#protectRelease}); a resumed run may hand back a protection it stored, but only one
     * made against a history with the same {@link History#digest()}. Called again, with the new history, when
     * the register changed before the release could be recorded.
     */
    @FunctionalInterface
    public interface Protector {
        Disclosure.Release protect(History history);
    }

    /** The recorded release: its number and what it was protected as. */
    public record Result(long id, Disclosure.Release release) {
    }

    private Publisher() {
    }

    public static Result publish(List<CellTable> tables, Profile profile, ReleaseRegister register,
                                 ReleaseRegister.Universe universe, Writer writer, Consumer<String> progress) {
        return publish(tables, h -> Disclosure.protectRelease(tables, profile, h), register, universe, writer, progress);
    }

    /** As above, protecting with {@code protector} (each attempt reads the register again first). */
    public static Result publish(List<CellTable> tables, Protector protector, ReleaseRegister register,
                                 ReleaseRegister.Universe universe, Writer writer, Consumer<String> progress) {
        Set<String> families = families(tables);
        for (int attempt = 1; ; attempt++) {
            History history = register.history(universe, families);
            progress.accept("primary rules, differencing, secondary suppression, audit — against " + history.releases()
                    + " earlier release(s) of the same data in " + register.location().display());
            Disclosure.Release release = protector.protect(history);
            long[] id = {-1};
            String[] job = {"?"};
            try {
                writer.write(release, info -> {
                    job[0] = info.job();
                    id[0] = register.record(universe, info, release, history.version());
                });
            } catch (RuntimeException e) {
                ReleaseRegister.Changed changed = changed(e);
                if (changed == null) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw new DisclosureRefused("job " + job[0] + ": " + changed.getMessage() + ", " + ATTEMPTS
                            + " times in a row; nothing was recorded and no package was left. Run the job again");
                }
                progress.accept(changed.getMessage() + ": protecting again against it (attempt " + (attempt + 1) + ")");
                continue;
            }
            if (id[0] < 0) {
                throw new IllegalStateException("the package was written but the release was never recorded");
            }
            return new Result(id[0], release);
        }
    }

    private static ReleaseRegister.Changed changed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ReleaseRegister.Changed c) {
                return c;
            }
        }
        return null;
    }

    /** The differencing families of every count of the tables: what to ask the register about other populations. */
    static Set<String> families(List<CellTable> tables) {
        Set<CountRef> keys = new HashSet<>();
        for (CellTable t : tables) {
            for (CountRef r : t.counts().keySet()) {
                keys.add(Canonical.key(t, r));
            }
        }
        return History.families(keys);
    }
}
