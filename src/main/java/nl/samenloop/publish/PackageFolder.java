package nl.samenloop.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.samenloop.storage.FolderLock;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;

/**
 * The output folder of a job, and the rules for replacing it. A package is written to a hidden sibling
 * ({@code .<name>.samenloop-new}) and renamed into place only when it is complete, scanned and recorded
 * ({@link Publication}), so the output path holds either nothing, the previous package or the new one —
 * never a part of one.
 *
 * <p>What a folder holds is judged from the package's own {@code output-check.md}, which names the job and
 * lists every file with its SHA-256: a file it lists with that checksum is Samenloop's; any other file, a
 * listed file that was changed, or a folder no listed file lies in, is not — and Samenloop never removes
 * such a file. So:
 * <ul>
 * <li>a new or empty folder takes the package;</li>
 * <li>a folder holding this job's package (every file its own) is replaced;</li>
 * <li>a folder holding another job's package is replaced only when asked ({@code run --replace});</li>
 * <li>a folder holding anything Samenloop did not write is refused, with or without {@code --replace}.</li>
 * </ul>
 * <p>The output folder may be on HDFS or S3 ({@link Location}): the same steps run through Hadoop's
 * {@code FileSystem} — on HDFS each rename is atomic, as locally; on S3 a folder rename is a copy
 * (docs/cluster.md).
 *
 * <p>Beside the output folder also live its lock ({@code .<name>.samenloop-lock}) and, only while a package
 * is being swapped in, the previous package ({@code .<name>.samenloop-old}).
 */
public final class PackageFolder {
    /** The folders a package has; they may be empty in a folder that is otherwise Samenloop's. */
    private static final Set<String> PACKAGE_FOLDERS = Set.of("tables", "charts", "audit");
    private static final Pattern MARKER = Pattern.compile(Pattern.quote(OutputCheck.MARKER_PREFIX) + "(.*) created=(\\S+) -->");
    private static final Pattern CHECKSUM = Pattern.compile("([0-9a-f]{64})  (.+)");

    /** What a folder holds. */
    public enum Kind { ABSENT, EMPTY, PACKAGE, NOT_A_PACKAGE }

    /**
     * @param job     the job whose package it is (PACKAGE only)
     * @param created the package's creation stamp as its output check gives it (PACKAGE only)
     * @param foreign files and folders Samenloop did not write (or that changed since), relative, sorted
     */
    public record Contents(Kind kind, String job, String created, List<String> foreign) {
    }

    /** Why a folder cannot take the package: exit code 2, nothing has run yet. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /** A step of swapping a package into place, named for tests that stop a run at each point. */
    public interface Steps {
        Steps NONE = step -> { };

        void reached(String step) throws IOException;
    }

    private PackageFolder() {
    }

    static Path temporary(Path out) {
        return temporary(Location.local(out)).local();
    }

    static Location temporary(Location out) {
        return sibling(out, ".samenloop-new");
    }

    static Location aside(Location out) {
        return sibling(out, ".samenloop-old");
    }

    static Location lockFile(Location out) {
        return sibling(out, ".samenloop-lock");
    }

    private static Location sibling(Location out, String suffix) {
        Location real = Storage.canonical(out);
        return real.sibling("." + real.name() + suffix);
    }

    /** Locks the output folder for {@code job} (see {@link FolderLock}). */
    public static FolderLock lock(Path out, String job, Consumer<String> notes) {
        return lock(Location.local(out), job, notes);
    }

    /** As {@link #lock(Path, String, Consumer)} for an output folder on any file system. */
    public static FolderLock lock(Location out, String job, Consumer<String> notes) {
        return FolderLock.acquire(lockFile(out), "output folder " + out, job, notes);
    }

    /** What {@code dir} holds, each file checked against the checksums of the package's output check. */
    public static Contents inspect(Path dir) {
        return inspect(Location.local(dir));
    }

    /** As {@link #inspect(Path)} for a folder on any file system. */
    public static Contents inspect(Location dir) {
        try {
            if (!Storage.exists(dir)) {
                return new Contents(Kind.ABSENT, null, null, List.of());
            }
            if (!Storage.isFolder(dir)) {
                return new Contents(Kind.NOT_A_PACKAGE, null, null, List.of(dir.name() + " (a file)"));
            }
            List<String> files = Storage.listTree(dir, false);
            List<String> folders = Storage.listTree(dir, true);
            if (files.isEmpty() && folders.isEmpty()) {
                return new Contents(Kind.EMPTY, null, null, List.of());
            }
            Location check = dir.resolve(OutputCheck.FILE);
            String text = !Storage.isFile(check) ? ""
                    : check.isLocal() ? Files.readString(check.local(), StandardCharsets.UTF_8) : Storage.readString(check);
            Matcher m = MARKER.matcher(text.lines().findFirst().orElse(""));
            if (!m.matches()) {
                List<String> all = new ArrayList<>(files);
                folders.stream().map(f -> f + "/").forEach(all::add);
                all.sort(null);
                return new Contents(Kind.NOT_A_PACKAGE, null, null, all);
            }
            Map<String, String> listed = checksums(text);
            List<String> foreign = new ArrayList<>();
            for (String f : files) {
                if (f.equals(OutputCheck.FILE)) {
                    continue;
                }
                String sum = listed.get(f);
                if (sum == null) {
                    foreign.add(f);
                } else if (!sum.equals(OutputCheck.sha256(dir.resolve(f)))) {
                    foreign.add(f + " (changed after it was written)");
                }
            }
            for (String d : folders) {
                boolean holdsListed = listed.keySet().stream().anyMatch(f -> f.startsWith(d + "/"));
                if (!holdsListed && !PACKAGE_FOLDERS.contains(d)) {
                    foreign.add(d + "/");
                }
            }
            foreign.sort(null);
            return new Contents(Kind.PACKAGE, m.group(1), m.group(2), List.copyOf(foreign));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output folder " + dir, e);
        }
    }

    /** The checksum block of an output check: relative path → SHA-256 (also read by {@code samenloop audit}). */
    public static Map<String, String> checksums(String outputCheck) {
        Map<String, String> out = new LinkedHashMap<>();
        int at = outputCheck.indexOf("## Checksums");
        if (at < 0) {
            return out;
        }
        boolean in = false;
        for (String line : outputCheck.substring(at).lines().toList()) {
            if (line.startsWith("```")) {
                if (in) {
                    break;
                }
                in = true;
                continue;
            }
            Matcher m = CHECKSUM.matcher(line);
            if (in && m.matches()) {
                out.put(m.group(2), m.group(1));
            }
        }
        return out;
    }

    /**
     * Refuses (before any work, and again just before the swap) an output folder this job may not fill: one
     * holding files Samenloop did not write, or another job's package without {@code replace}.
     */
    public static void checkReplaceable(Path out, String job, boolean replace) {
        checkReplaceable(Location.local(out), job, replace);
    }

    /** As {@link #checkReplaceable(Path, String, boolean)} for an output folder on any file system. */
    public static void checkReplaceable(Location out, String job, boolean replace) {
        Contents c = inspect(out);
        switch (c.kind()) {
            case ABSENT, EMPTY -> {
            }
            case NOT_A_PACKAGE -> throw new Refused("output folder " + out + " is not empty and holds no Samenloop package"
                    + " (it holds " + list(c.foreign()) + "); Samenloop never deletes files it did not write: choose a new"
                    + " or empty folder");
            case PACKAGE -> {
                if (!c.foreign().isEmpty()) {
                    throw new Refused("output folder " + out + " holds the package of job " + c.job() + " and also files"
                            + " Samenloop did not write (" + list(c.foreign()) + "); Samenloop never deletes them: move"
                            + " them out of the folder or choose another folder");
                }
                if (!job.equals(c.job()) && !replace) {
                    throw new Refused("output folder " + out + " holds the package of another job (" + c.job()
                            + ", created " + c.created() + "); add --replace to replace it, or choose another folder");
                }
            }
            default -> throw new IllegalStateException(c.kind().toString());
        }
    }

    private static String list(List<String> names) {
        int shown = Math.min(5, names.size());
        String s = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? s + " and " + (names.size() - shown) + " more" : s;
    }

    /**
     * Puts right what a run that was stopped (killed, power cut) left beside the output folder; call while
     * holding the output lock. An unfinished package under the temporary name is removed. A previous package
     * moved aside is put back when the output path is empty (the run stopped between the two renames of
     * {@link #commit}), else removed if every file in it is Samenloop's, else left where it is and named.
     */
    public static void cleanLeftovers(Path out, Consumer<String> notes) {
        cleanLeftovers(Location.local(out), notes);
    }

    /** As {@link #cleanLeftovers(Path, Consumer)} for an output folder on any file system. */
    public static void cleanLeftovers(Location out, Consumer<String> notes) {
        Location temp = temporary(out);
        Location aside = aside(out);
        try {
            if (Storage.exists(temp)) {
                Storage.deleteTree(temp);
                notes.accept("removed an unfinished package left by a run that stopped (" + temp + ")");
            }
            if (Storage.exists(aside)) {
                Contents old = inspect(aside);
                Kind now = inspect(out).kind();
                if (old.kind() == Kind.PACKAGE && (now == Kind.ABSENT || now == Kind.EMPTY)) {
                    if (now == Kind.EMPTY) {
                        Storage.removeEmptyFolder(Storage.canonical(out));
                    }
                    Storage.rename(aside, Storage.canonical(out));
                    notes.accept("put back the previous package (job " + old.job() + "), which a run that stopped had moved"
                            + " aside");
                } else {
                    removeIfOwn(aside, notes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy up beside the output folder " + out, e);
        }
    }

    /** A new, empty folder to write the package in: the hidden sibling of {@code out}. */
    static Location newTemporary(Location out) throws IOException {
        Location temp = temporary(out);
        Storage.deleteTree(temp); // only an unfinished package of ours can be here: we hold the output lock
        Storage.createFolders(temp);
        return temp;
    }

    /** Removes the temporary folder of a package that is not published. */
    static void discard(Location temp) throws IOException {
        Storage.deleteTree(temp);
    }

    /**
     * Renames the finished package {@code temp} into place at {@code out}. A package already there (this
     * job's, or another's with {@code replace}) is first renamed aside and removed after the new one is in
     * place; if the new one cannot be put in place, the old one is put back.
     */
    static void commit(Location temp, Location out, String job, boolean replace, Steps steps, Consumer<String> notes)
            throws IOException {
        checkReplaceable(out, job, replace);
        Location target = Storage.canonical(out);
        Contents c = inspect(target);
        if (c.kind() == Kind.EMPTY && !Storage.removeEmptyFolder(target)) {
            throw new Refused("output folder " + out + " received files while the package was being written; nothing was"
                    + " published");
        }
        Location aside = aside(out);
        boolean movedAside = false;
        if (c.kind() == Kind.PACKAGE) {
            steps.reached("move previous package aside");
            Storage.rename(target, aside);
            movedAside = true;
        }
        steps.reached("rename into place");
        try {
            Storage.rename(temp, target);
        } catch (IOException e) {
            if (movedAside) {
                Storage.rename(aside, target);
            }
            throw e;
        }
        if (movedAside) {
            steps.reached("remove previous package");
            removeIfOwn(aside, notes);
        }
    }

    private static void removeIfOwn(Location dir, Consumer<String> notes) throws IOException {
        Contents c = inspect(dir);
        if (c.kind() == Kind.PACKAGE && c.foreign().isEmpty()) {
            Storage.deleteTree(dir);
        } else {
            notes.accept("kept " + dir + ": it holds files Samenloop did not write (" + list(c.foreign())
                    + "); remove it yourself when you no longer need them");
        }
    }
}
