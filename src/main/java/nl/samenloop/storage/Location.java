package nl.samenloop.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A folder or file Samenloop reads or writes: on the driver's own disk ({@code /data/x}, {@code file:/data/x}) or
 * on a cluster file system that Hadoop reaches ({@code hdfs://namenode:8020/x}, {@code hdfs:///x} on the default
 * file system, {@code s3a://bucket/x}). Spark gets {@link #spark()}: the path as today for a local location, the
 * full URI for any other, so every executor opens the same data.
 *
 * <p>A local location keeps its {@link java.nio.file.Path} ({@link #local()}) and everything Samenloop does
 * there is done exactly as before through {@code java.nio} ({@link Storage}); only other schemes go through
 * Hadoop's {@link FileSystem}. Equal when they name the same URI.
 */
public final class Location {
    /** A URI scheme (two letters at least: a Windows drive letter "C:" is a local path). */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):.*");
    private static volatile Configuration conf;

    private final java.nio.file.Path local;
    private final URI uri;

    private Location(java.nio.file.Path local, URI uri) {
        this.local = local;
        this.uri = uri;
    }

    /** A folder on the driver's own disk, absolute and normalised. */
    public static Location local(java.nio.file.Path p) {
        java.nio.file.Path abs = p.toAbsolutePath().normalize();
        return new Location(abs, abs.toUri());
    }

    /**
     * A location as a user writes it (job file, command line): a URI with a scheme ({@code hdfs://host:port/x},
     * {@code hdfs:///x}, {@code s3a://bucket/x}, {@code file:/x}), or a plain path resolved against {@code base}.
     *
     * @throws IllegalArgumentException naming the text, when it is neither
     */
    public static Location parse(String text, java.nio.file.Path base) {
        String t = text.trim();
        java.util.regex.Matcher m = SCHEME.matcher(t);
        if (!m.matches()) {
            try {
                return local(base.resolve(t));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + text + "' is not a usable folder path");
            }
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        URI u;
        try {
            u = new URI(t).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a usable folder URI (" + e.getReason() + ")");
        }
        if (scheme.equals("file")) {
            if (u.getPath() == null || !u.getPath().startsWith("/")) {
                throw new IllegalArgumentException("'" + text + "': a file: URI needs an absolute path, e.g. file:/data/x");
            }
            return local(java.nio.file.Path.of(u.getPath()));
        }
        if (u.isOpaque() || u.getPath() == null || !u.getPath().startsWith("/")) {
            throw new IllegalArgumentException("'" + text + "' is not a usable folder URI; write it as " + scheme
                    + "://host/folder" + (scheme.equals("hdfs") ? " or hdfs:///folder (the default file system)" : ""));
        }
        if (u.getQuery() != null || u.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "': a folder URI has no ?query or #fragment");
        }
        String path = u.getPath().length() > 1 && u.getPath().endsWith("/")
                ? u.getPath().substring(0, u.getPath().length() - 1) : u.getPath();
        try {
            return new Location(null, new URI(scheme, u.getAuthority(), path, null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a usable folder URI (" + e.getReason() + ")");
        }
    }

    /** On the driver's own disk ({@code file:}): handled through {@code java.nio} exactly as before. */
    public boolean isLocal() {
        return local != null;
    }

    /** The local path; only for {@link #isLocal()} locations. */
    public java.nio.file.Path local() {
        if (local == null) {
            throw new IllegalStateException(this + " is not on the local file system");
        }
        return local;
    }

    public URI uri() {
        return uri;
    }

    public String scheme() {
        return uri.getScheme();
    }

    /** The Hadoop path (full URI). */
    public org.apache.hadoop.fs.Path hadoop() {
        return new org.apache.hadoop.fs.Path(uri);
    }

    /**
     * The Hadoop path with {@code hdfs:///x} made whole with the default file system's authority, so that
     * Spark, which opens the path on every executor, and messages name one cluster.
     */
    public org.apache.hadoop.fs.Path qualified() throws IOException {
        return fileSystem().makeQualified(hadoop());
    }

    /** The file system this location lives on (Hadoop caches instances per scheme, authority and user). */
    public FileSystem fileSystem() throws IOException {
        return FileSystem.get(uri, hadoopConf());
    }

    /**
     * The path string Spark reads and writes: for a local location exactly the path as before (no scheme), for
     * any other the full URI ({@code hdfs:///x} stays as written: every executor resolves it against the same
     * {@code fs.defaultFS} of the cluster's Hadoop configuration).
     */
    public String spark() {
        return toString();
    }

    /** {@code child} (one or more '/'-separated names) inside this folder. */
    public Location resolve(String child) {
        if (local != null) {
            return local(local.resolve(child));
        }
        String base = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
        return withPath(base + child);
    }

    /** The folder that holds this one; null at the root. */
    public Location parent() {
        if (local != null) {
            return local.getParent() == null ? null : local(local.getParent());
        }
        String p = uri.getPath();
        int at = p.lastIndexOf('/');
        if (p.equals("/") || at < 0) {
            return null;
        }
        return withPath(at == 0 ? "/" : p.substring(0, at));
    }

    /** The last name of the path ("" at the root). */
    public String name() {
        if (local != null) {
            return local.getFileName() == null ? "" : local.getFileName().toString();
        }
        String p = uri.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** A sibling: {@code name} in the same parent folder. */
    public Location sibling(String name) {
        Location parent = parent();
        if (parent == null) {
            throw new IllegalStateException(this + " has no parent folder");
        }
        return parent.resolve(name);
    }

    /** Whether this is {@code other} or lies inside it (same file system, path prefix by whole names). */
    public boolean startsWith(Location other) {
        if (local != null || other.local != null) {
            return local != null && other.local != null && local.startsWith(other.local);
        }
        if (!Objects.equals(scheme(), other.scheme()) || !Objects.equals(uri.getAuthority(), other.uri.getAuthority())) {
            return false;
        }
        String p = uri.getPath();
        String o = other.uri.getPath();
        return p.equals(o) || o.equals("/") || p.startsWith(o.endsWith("/") ? o : o + "/");
    }

    /** Whether this is the root of its file system ({@code /}, {@code hdfs://nn/}, {@code s3a://bucket/}). */
    public boolean isRoot() {
        return parent() == null;
    }

    private Location withPath(String path) {
        try {
            return new Location(null, new URI(uri.getScheme(), uri.getAuthority(), path, null, null).normalize());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path + ": " + e.getReason());
        }
    }

    /**
     * The Hadoop configuration Samenloop's own driver-side file access uses: Spark's session configuration when
     * a session is running (it holds {@code spark.hadoop.*} settings and the cluster's {@code fs.defaultFS}),
     * else the one found on the classpath ({@code core-site.xml}, {@code hdfs-site.xml}, {@code HADOOP_CONF_DIR}).
     */
    public static Configuration hadoopConf() {
        Configuration c = conf;
        if (c != null) {
            return c;
        }
        scala.Option<org.apache.spark.sql.SparkSession> active = org.apache.spark.sql.SparkSession.getActiveSession();
        if (active.isEmpty()) {
            active = org.apache.spark.sql.SparkSession.getDefaultSession();
        }
        return active.isDefined() ? active.get().sparkContext().hadoopConfiguration() : new Configuration();
    }

    /** Fixes the configuration (tests; null: back to {@link #hadoopConf()}'s search). */
    public static void useConfiguration(Configuration c) {
        conf = c;
    }

    /** As the user wrote it, normalised: the plain path for a local location, else the URI. */
    @Override
    public String toString() {
        if (local != null) {
            return local.toString();
        }
        // java.net.URI writes hdfs:///x as hdfs:/x; Hadoop reads both, users write the first.
        return uri.getAuthority() == null ? uri.getScheme() + "://" + uri.getRawPath() : uri.toString();
    }

    @Override
    public boolean equals(Object o) {
        // Local ones by path: Path.toUri() ends an existing folder with '/', a folder yet to be made without.
        return o instanceof Location l && (local != null ? local.equals(l.local) : l.local == null && uri.equals(l.uri));
    }

    @Override
    public int hashCode() {
        return local != null ? local.hashCode() : uri.hashCode();
    }
}
