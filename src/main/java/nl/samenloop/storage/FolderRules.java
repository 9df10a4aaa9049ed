package nl.samenloop.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a job may read, work and publish, checked before anything runs (by the job-file parser, by
 * {@code samenloop plan} and {@code run} after command-line overrides, and by the runner itself):
 * <ul>
 * <li>the publication package and the secure working area are kept apart — neither is the other or lies
 * inside it (spec disclosure.md: only aggregate tables leave; the work area holds record-level data and
 * the internal audit with the true values of suppressed cells);</li>
 * <li>the package is not the input folder, does not lie inside it and does not hold it: publishing
 * replaces the package folder as a whole;</li>
 * <li>the working area is not the input folder and does not lie inside it: ingest writes record-level
 * staged data there;</li>
 * <li>neither is a system folder ({@code /etc}, {@code /usr}, …) nor a top-level folder such as
 * {@code /}, {@code /home}, {@code /tmp} or the user's home folder itself.</li>
 * </ul>
 * Paths are compared where they really point (symbolic links resolved, {@link Storage#canonical}); messages
 * show them as given. The first words of each message name the job-file key, so the parser can point at
 * its line.
 */
public final class FolderRules {
    /** System folders: neither they nor anything inside them may be an output or work folder. */
    private static final List<String> SYSTEM = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64",
            "/libx32", "/proc", "/run", "/sbin", "/sys", "/usr", "/var/lib", "/var/log", "/var/cache", "/var/spool",
            "/var/mail", "/var/run", "/System", "/Library", "/private/etc", "/private/var/db");
    /** Folders that hold other people's folders: one inside them is fine, the folder itself is not. */
    private static final Set<String> TOP_LEVEL = Set.of("/home", "/Users", "/tmp", "/var", "/var/tmp", "/opt", "/mnt",
            "/media", "/srv", "/root", "/private", "/private/tmp", "/private/var", "/Volumes");

    private FolderRules() {
    }

    /**
     * Problems with this combination of folders, one line each; empty when none. Null arguments (not
     * known yet, e.g. a key with an error of its own) are skipped.
     */
    public static List<String> problems(Path input, Path output, Path work) {
        return check(folder(input, input == null ? null : Location.local(input)),
                folder(output, output == null ? null : Location.local(output)),
                folder(work, work == null ? null : Location.local(work)));
    }

    /**
     * As {@link #problems(Path, Path, Path)} for locations on any file system: folders on different file systems
     * never contain each other; on HDFS or S3 only the root ({@code hdfs://nn/}, {@code s3a://bucket/}) counts as
     * a top-level folder (there are no system folders and no symbolic links to follow).
     */
    public static List<String> problems(Location input, Location output, Location work) {
        return check(folder(input, input), folder(output, output), folder(work, work));
    }

    /** A folder as the user gave it (a Path or a Location: messages quote it so) and where it really is. */
    private record Folder(Object given, Location real) {
        Path givenPath() {
            return given instanceof Path p ? p : ((Location) given).local();
        }

        @Override
        public String toString() {
            return given.toString();
        }
    }

    private static Folder folder(Object given, Location location) {
        return location == null ? null : new Folder(given, Storage.canonical(location));
    }

    private static List<String> check(Folder input, Folder output, Folder work) {
        List<String> out = new ArrayList<>();
        Location o = output == null ? null : output.real();
        Location w = work == null ? null : work.real();
        Location i = input == null ? null : input.real();
        if (o != null) {
            systemFolder("output", output, o).ifPresent(out::add);
        }
        if (w != null) {
            systemFolder("work", work, w).ifPresent(out::add);
        }
        if (o != null && w != null) {
            if (o.equals(w)) {
                out.add("output and work are the same folder; the publication package must be kept apart from the"
                        + " secure working area");
            } else if (w.startsWith(o)) {
                out.add("work: the secure working area must not be inside the output folder (" + output
                        + "): everything under output may be published");
            } else if (o.startsWith(w)) {
                out.add("output: the publication package must not be inside the secure working area (" + work + ")");
            }
        }
        if (o != null && i != null) {
            if (o.equals(i)) {
                out.add("output: the publication package folder is the input folder (" + input
                        + "); publishing replaces the package folder, so it must be a folder of its own");
            } else if (o.startsWith(i)) {
                out.add("output: the publication package must not be inside the input folder (" + input + ")");
            } else if (i.startsWith(o)) {
                out.add("output: the input folder (" + input + ") lies inside the output folder; publishing replaces"
                        + " the package folder, so it must be a folder of its own");
            }
        }
        if (w != null && i != null) {
            if (w.equals(i)) {
                out.add("work: the secure working area is the input folder (" + input
                        + "); ingest writes staged data there, so it must be a folder of its own");
            } else if (w.startsWith(i)) {
                out.add("work: the secure working area must not be inside the input folder (" + input
                        + "); ingest writes staged data there");
            }
        }
        return out;
    }

    private static java.util.Optional<String> systemFolder(String key, Folder given, Location real) {
        if (!real.isLocal()) {
            return real.isRoot() ? java.util.Optional.of(key + ": " + given + " is the root of its file system; give the "
                    + (key.equals("output") ? "package" : "working area") + " a folder of its own, e.g. "
                    + given.toString().replaceFirst("/$", "") + "/" + key.replace("output", "out") + "/<job name>")
                    : java.util.Optional.empty();
        }
        return systemFolder(key, given.givenPath(), real.local());
    }

    private static java.util.Optional<String> systemFolder(String key, Path given, Path real) {
        String home = System.getProperty("user.home");
        boolean top = real.getParent() == null || TOP_LEVEL.contains(real.toString())
                || home != null && real.equals(Storage.canonical(Path.of(home)));
        boolean system = SYSTEM.stream().anyMatch(s -> real.startsWith(s));
        if (!top && !system) {
            return java.util.Optional.empty();
        }
        String where = given.toAbsolutePath().normalize().equals(real) ? given.toString() : given + " (that is " + real + ")";
        return java.util.Optional.of(key + ": " + where + " is " + (system ? "a system folder" : "a top-level folder")
                + "; give the " + (key.equals("output") ? "package" : "working area") + " a folder of its own, e.g. "
                + key.replace("output", "out") + "/<job name>");
    }
}
