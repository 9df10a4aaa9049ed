package nl.samenloop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The few folder operations the safety of a run rests on — create a file that must not exist yet, rename a
 * folder in one step, remove a tree Samenloop wrote, resolve a path through symbolic links — in one place,
 * so that a Hadoop {@code FileSystem} version (hdfs://, s3a://) can later stand in for this local one:
 * {@code create(path, overwrite=false)}, {@code rename} and {@code delete(path, recursive)} have the same
 * meaning there. Callers decide WHAT may be removed ({@code PackageFolder} checks every file against the
 * package's own checksums first); this class only does it.
 */
public final class Storage {
    private Storage() {
    }

    public static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    public static boolean isFolder(Path p) {
        return Files.isDirectory(p);
    }

    public static void createFolders(Path p) throws IOException {
        Files.createDirectories(p);
    }

    /**
     * Creates {@code file} holding {@code text}, failing (false) when it already exists: the creation is
     * atomic against other processes doing the same (O_CREAT|O_EXCL), which is what makes it a lock.
     */
    public static boolean createNew(Path file, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** The text of a small file, or empty when it does not exist (any more). */
    public static Optional<String> readSmall(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(maxBytes);
            return Optional.of(new String(b, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** When the file was last written or touched, or empty when it does not exist. */
    public static Optional<Instant> modified(Path file) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public static void touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    }

    /**
     * Renames {@code from} to {@code to} in one step (rename(2)): a reader sees the old name or the new one,
     * never a half-moved folder. Both must be on one file system (siblings are). Fails when {@code to} exists.
     */
    public static void rename(Path from, Path to) throws IOException {
        if (exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes an empty folder; false when it is not empty (someone put a file there) or absent. */
    public static boolean removeEmptyFolder(Path dir) throws IOException {
        try {
            Files.delete(dir);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            return false;
        }
    }

    public static void deleteFile(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * Removes a tree that Samenloop wrote (a staging generation, an unfinished package under its temporary
     * name, a package already checked file by file). Symbolic links are removed, never followed.
     */
    public static void deleteTree(Path root) throws IOException {
        if (!exists(root)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    /** Every regular file and folder under {@code root}, relative, with '/' separators, sorted. */
    public static List<String> listTree(Path root, boolean folders) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root) && (folders ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                            : !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)))
                    .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(null);
        return out;
    }

    /**
     * The path with every symbolic link in its existing part resolved, the rest appended as written: where
     * the path really points, also for folders that do not exist yet ({@code out -> /etc} is /etc).
     */
    public static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        java.util.LinkedList<Path> rest = new java.util.LinkedList<>();
        while (existing != null && !Files.exists(existing)) {
            rest.addFirst(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            real = existing;
        }
        for (Path part : rest) {
            real = real.resolve(part);
        }
        return real.normalize();
    }
}
