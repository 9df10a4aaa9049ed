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
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;

/**
 * The few folder operations the safety of a run rests on — create a file that must not exist yet, rename a
 * folder in one step, remove a tree Samenloop wrote, resolve a path through symbolic links — in one place.
 * Each has a {@link Location} form: a local location is handled by the {@code java.nio} version (as before),
 * any other ({@code hdfs://}, {@code s3a://}) through Hadoop's {@code FileSystem}, where
 * {@code create(path, overwrite=false)}, {@code rename} and {@code delete(path, recursive)} mean the same —
 * atomically on HDFS (the NameNode does each in one step); on an object store (s3a) creating without
 * overwrite and renaming a folder are not atomic (docs/cluster.md). Callers decide WHAT may be removed
 * ({@code PackageFolder} checks every file against the package's own checksums first); this class only does it.
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

    // ---- Locations: local ones as above, others through Hadoop's FileSystem ----------------------------------

    public static boolean exists(Location l) throws IOException {
        if (l.isLocal()) {
            return exists(l.local());
        }
        return status(l).isPresent();
    }

    public static boolean isFolder(Location l) throws IOException {
        if (l.isLocal()) {
            return isFolder(l.local());
        }
        return status(l).map(FileStatus::isDirectory).orElse(false);
    }

    public static boolean isFile(Location l) throws IOException {
        if (l.isLocal()) {
            return Files.isRegularFile(l.local());
        }
        return status(l).map(FileStatus::isFile).orElse(false);
    }

    /** The file's status, or empty when it does not exist (any more). */
    public static Optional<FileStatus> status(Location l) throws IOException {
        try {
            return Optional.of(l.fileSystem().getFileStatus(l.hadoop()));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    public static void createFolders(Location l) throws IOException {
        if (l.isLocal()) {
            createFolders(l.local());
        } else if (!l.fileSystem().mkdirs(l.hadoop())) {
            throw new IOException("cannot create folder " + l);
        }
    }

    /**
     * As {@link #createNew(Path, String)}: {@code FileSystem.create(path, overwrite=false)}, which the HDFS
     * NameNode grants to exactly one of two racing clients.
     */
    public static boolean createNew(Location file, String text) throws IOException {
        if (file.isLocal()) {
            return createNew(file.local(), text);
        }
        FileSystem fs = file.fileSystem();
        OutputStream out;
        try {
            out = fs.create(file.hadoop(), false);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (org.apache.hadoop.ipc.RemoteException e) {
            // Another client holds the file open (its lease: it is creating the lock this moment): taken too.
            if (e.getClassName().endsWith(".FileAlreadyExistsException")
                    || e.getClassName().endsWith(".AlreadyBeingCreatedException")) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            if (e.getClass().getName().endsWith(".AlreadyBeingCreatedException")) {
                return false;
            }
            throw e;
        }
        try (out) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    public static Optional<String> readSmall(Location file, int maxBytes) throws IOException {
        if (file.isLocal()) {
            return readSmall(file.local(), maxBytes);
        }
        try (InputStream in = file.fileSystem().open(file.hadoop())) {
            return Optional.of(new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    public static Optional<Instant> modified(Location file) throws IOException {
        if (file.isLocal()) {
            return modified(file.local());
        }
        return status(file).map(s -> Instant.ofEpochMilli(s.getModificationTime()));
    }

    public static void touch(Location file) throws IOException {
        if (file.isLocal()) {
            touch(file.local());
        } else {
            file.fileSystem().setTimes(file.hadoop(), System.currentTimeMillis(), -1);
        }
    }

    /**
     * As {@link #rename(Path, Path)}. On HDFS a rename is one NameNode operation: atomic for a folder too. Both
     * must be on one file system.
     */
    public static void rename(Location from, Location to) throws IOException {
        if (from.isLocal() && to.isLocal()) {
            rename(from.local(), to.local());
            return;
        }
        if (exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        if (!from.fileSystem().rename(from.hadoop(), to.hadoop())) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    public static boolean removeEmptyFolder(Location dir) throws IOException {
        if (dir.isLocal()) {
            return removeEmptyFolder(dir.local());
        }
        try {
            return dir.fileSystem().delete(dir.hadoop(), false);
        } catch (PathIsNotEmptyDirectoryException e) {
            return false;
        } catch (org.apache.hadoop.ipc.RemoteException e) {
            if (e.unwrapRemoteException() instanceof PathIsNotEmptyDirectoryException) {
                return false;
            }
            throw e;
        }
    }

    public static void deleteFile(Location file) throws IOException {
        if (file.isLocal()) {
            deleteFile(file.local());
        } else if (isFile(file)) {
            file.fileSystem().delete(file.hadoop(), false);
        }
    }

    /** As {@link #deleteTree(Path)}. */
    public static void deleteTree(Location root) throws IOException {
        if (root.isLocal()) {
            deleteTree(root.local());
        } else if (exists(root)) {
            root.fileSystem().delete(root.hadoop(), true);
        }
    }

    /** As {@link #listTree(Path, boolean)}. */
    public static List<String> listTree(Location root, boolean folders) throws IOException {
        if (root.isLocal()) {
            return listTree(root.local(), folders);
        }
        List<String> out = new ArrayList<>();
        walk(root.fileSystem(), root.hadoop(), "", folders, out);
        out.sort(null);
        return out;
    }

    private static void walk(FileSystem fs, org.apache.hadoop.fs.Path dir, String prefix, boolean folders,
                             List<String> out) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String rel = prefix + s.getPath().getName();
            if (s.isDirectory()) {
                if (folders) {
                    out.add(rel);
                }
                walk(fs, s.getPath(), rel + "/", folders, out);
            } else if (!folders) {
                out.add(rel);
            }
        }
    }

    /** The names in a folder (files and folders), sorted. */
    public static List<String> list(Location dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (dir.isLocal()) {
            try (Stream<Path> s = Files.list(dir.local())) {
                s.forEach(p -> out.add(p.getFileName().toString()));
            }
        } else {
            for (FileStatus s : dir.fileSystem().listStatus(dir.hadoop())) {
                out.add(s.getPath().getName());
            }
        }
        out.sort(null);
        return out;
    }

    /** As {@link #canonical(Path)}; a location on another file system is taken as written (no links there). */
    public static Location canonical(Location l) {
        return l.isLocal() ? Location.local(canonical(l.local())) : l;
    }

    public static InputStream open(Location file) throws IOException {
        return file.isLocal() ? Files.newInputStream(file.local()) : file.fileSystem().open(file.hadoop());
    }

    /** A new file, or one replacing the file there (the folders above it are made). */
    public static OutputStream create(Location file) throws IOException {
        if (file.isLocal()) {
            Files.createDirectories(file.local().getParent());
            return Files.newOutputStream(file.local());
        }
        return file.fileSystem().create(file.hadoop(), true);
    }

    public static String readString(Location file) throws IOException {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static void writeString(Location file, String text) throws IOException {
        try (OutputStream out = create(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Copies every file of the local folder {@code from} into {@code to} (made first), byte for byte, keeping the
     * relative names: how a package written on the driver reaches another file system.
     */
    public static void upload(Path from, Location to) throws IOException {
        createFolders(to);
        for (String rel : listTree(from, true)) {
            createFolders(to.resolve(rel));
        }
        for (String rel : listTree(from, false)) {
            try (InputStream in = Files.newInputStream(from.resolve(rel)); OutputStream out = create(to.resolve(rel))) {
                in.transferTo(out);
            }
        }
    }
}
