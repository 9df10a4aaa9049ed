package nl.samenloop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The driver-side file work of stage outputs in the working area (link, indicators, disclosure): a stage
 * writes its output into a temporary sibling, and {@link #commit} puts its marker file in and renames the
 * folder into place in one step. So a folder at a stage output's name is always whole, and its marker says
 * what it was computed from; a run stopped while writing leaves only the temporary sibling, which the next
 * {@link #begin} removes. The caller holds the working area's lock.
 *
 * <p>Every file operation goes through {@link Storage} on a {@link Location}: the working area may be a local
 * folder or on a Hadoop file system (hdfs://: folder renames are atomic there too).
 */
public final class StageStore {
    /** The marker inside a stage output folder; the leading '_' keeps Spark's Parquet reader away from it. */
    public static final String MARKER = "_stage";

    private StageStore() {
    }

    /** A new, empty temporary folder beside {@code target}; what a stopped run left there is removed. */
    public static Location begin(Location target) throws IOException {
        Location temp = sibling(target, ".next");
        Storage.deleteTree(temp);
        Storage.deleteTree(sibling(target, ".old"));
        Storage.createFolders(temp);
        return temp;
    }

    /**
     * Writes {@code marker} into {@code temp} and makes {@code temp} the stage output at {@code target}; the
     * previous output is removed. A run stopped between the two renames leaves no output at {@code target}
     * (missing: computed again), never a mix.
     */
    public static void commit(Location temp, Location target, Map<String, String> marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        marker.forEach((k, v) -> sb.append(k).append(": ").append(TsvField.escape(v)).append('\n'));
        Location part = temp.resolve("." + MARKER + ".part");
        Storage.writeString(part, sb.toString());
        Storage.rename(part, temp.resolve(MARKER));
        Location old = sibling(target, ".old");
        Storage.deleteTree(old);
        if (Storage.exists(target)) {
            Storage.rename(target, old);
        }
        Storage.rename(temp, target);
        Storage.deleteTree(old);
    }

    /** Removes a stage's temporary folder (best effort: the next {@link #begin} removes it anyway). */
    public static void discard(Location temp) {
        try {
            Storage.deleteTree(temp);
        } catch (IOException | RuntimeException e) {
            // left for the next begin()
        }
    }

    /** The marker of the stage output at {@code target}, in its order; empty when there is no whole output. */
    public static Optional<Map<String, String>> marker(Location target) {
        Optional<String> text;
        try {
            text = Storage.readSmall(target.resolve(MARKER), 1 << 20);
        } catch (IOException e) {
            return Optional.empty();
        }
        return text.map(t -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : t.split("\n")) {
                int i = line.indexOf(": ");
                if (i > 0) {
                    m.put(line.substring(0, i), TsvField.unescape(line.substring(i + 2)));
                }
            }
            return m;
        });
    }

    /**
     * SHA-256 over every file under {@code root} (relative path and bytes, in path order), leaving out the
     * marker: what a later stage was computed from. Empty when the folder does not exist.
     */
    public static Optional<String> contentDigest(Location root) throws IOException {
        if (!Storage.isFolder(root)) {
            return Optional.empty();
        }
        MessageDigest md = sha256();
        List<String> files = Storage.listTree(root, false);
        for (String rel : files) {
            if (rel.equals(MARKER)) {
                continue;
            }
            md.update((rel + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Storage.open(root.resolve(rel))) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return Optional.of(HexFormat.of().formatHex(md.digest()));
    }

    /** SHA-256 of one file's bytes. */
    public static String fileDigest(Location file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Storage.open(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    // The same for a local folder (tests, tools working on a local copy of a working area).

    public static java.nio.file.Path begin(java.nio.file.Path target) throws IOException {
        return begin(Location.local(target)).local();
    }

    public static void commit(java.nio.file.Path temp, java.nio.file.Path target, Map<String, String> marker)
            throws IOException {
        commit(Location.local(temp), Location.local(target), marker);
    }

    public static Optional<Map<String, String>> marker(java.nio.file.Path target) {
        return marker(Location.local(target));
    }

    public static Optional<String> contentDigest(java.nio.file.Path root) throws IOException {
        return contentDigest(Location.local(root));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Location sibling(Location target, String suffix) {
        return target.sibling("." + target.name() + suffix);
    }
}
