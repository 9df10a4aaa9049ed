package nl.samenloop.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import nl.samenloop.ingest.IngestReport;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;

/**
 * Re-running jobs on the same delivery should not re-read it: staged data in the working area is reused
 * when the input folder (every file's path, size and modification time — on HDFS/S3 from the file system's
 * listing) and the column mapping are unchanged since it was staged. {@code run --fresh} ingests anyway.
 */
final class IngestCache {
    /** Bump when the staged layout changes, so old staging is never read by new code. */
    private static final String STAGING_VERSION = "staging-1";
    static final String FINGERPRINT = "_ingest.fingerprint";
    private static final String REPORT = "_ingest.report";

    private IngestCache() {
    }

    static String fingerprint(Location input, Path conf) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(STAGING_VERSION.getBytes(StandardCharsets.UTF_8));
            if (input.isLocal()) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(input.local())) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String line = input.local().relativize(f) + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis() + "\n";
                    md.update(line.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                // The same lines from one recursive listing (FileSystem.listFiles): relative name, length, mtime.
                java.util.TreeMap<String, String> lines = new java.util.TreeMap<>();
                String root = input.qualified().toUri().getPath();
                org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it =
                        input.fileSystem().listFiles(input.hadoop(), true);
                while (it.hasNext()) {
                    org.apache.hadoop.fs.LocatedFileStatus f = it.next();
                    String rel = f.getPath().toUri().getPath().substring(root.length()).replaceFirst("^/", "");
                    lines.put(rel, rel + "|" + f.getLen() + "|" + f.getModificationTime() + "\n");
                }
                for (String line : lines.values()) {
                    md.update(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            Path mapping = conf.resolve("columns.yaml");
            if (Files.isRegularFile(mapping)) {
                md.update(Files.readAllBytes(mapping));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** The report of the staged data under {@code work}, when it was staged from this same input; else null. */
    static IngestReport load(Location work, String fingerprint) {
        Location staging = work.resolve("staging");
        try {
            if (fingerprint == null || !Storage.isFile(staging.resolve(FINGERPRINT))
                    || !fingerprint.equals(Storage.readString(staging.resolve(FINGERPRINT)).trim())) {
                return null;
            }
            try (InputStream in = Storage.open(staging.resolve(REPORT)); ObjectInputStream o = new ObjectInputStream(in)) {
                return (IngestReport) o.readObject();
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            return null;
        }
    }

    /** Called before ingest starts: a run that fails half-way must not leave a fingerprint for half-staged data. */
    static void invalidate(Location work) {
        try {
            Storage.deleteFile(work.resolve("staging").resolve(FINGERPRINT));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot reset the staging fingerprint in " + work, e);
        }
    }

    static void save(Location work, String fingerprint, IngestReport report) {
        if (fingerprint == null) {
            return;
        }
        Location staging = work.resolve("staging");
        try (OutputStream out = Storage.create(staging.resolve(REPORT)); ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(report);
        } catch (IOException e) {
            return;
        }
        try {
            Storage.writeString(staging.resolve(FINGERPRINT), fingerprint + "\n");
        } catch (IOException e) {
            // Without a fingerprint the next run simply ingests again.
        }
    }
}
