package nl.samenloop.register;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where the release register of a secure environment lives. One register per environment, shared by every
 * job: protection across releases only holds against the releases it knows, so deleting it, or pointing a
 * job at another one, removes that protection.
 *
 * <p>Resolved, first match wins: the command line ({@code --register}), the environment variable
 * {@code SAMENLOOP_REGISTER}, the system property {@code samenloop.register}, key {@code register} of
 * {@code <conf>/environment.yaml}, and else the folder {@code environment} beside the conf folder. A value is
 * <ul>
 *   <li>a folder: the embedded register {@code <folder>/register.db} (SQLite; several processes may share it on
 *       a local disk, not on a network share);</li>
 *   <li>a file ending in {@code .db}: that SQLite file;</li>
 *   <li>{@code jdbc:postgresql://host:port/database?user=…}: a PostgreSQL database for a team; the password comes
 *       from {@code SAMENLOOP_REGISTER_PASSWORD} (or the URL, or {@code ~/.pgpass}).</li>
 * </ul>
 * Relative paths in {@code environment.yaml} are resolved against the folder that holds the conf folder, so
 * every job of the environment finds the same register whatever its working directory.
 *
 * @param jdbcUrl the JDBC URL
 * @param display how reports name it (never a password)
 * @param file    the SQLite file, or null for a server
 */
public record RegisterLocation(String jdbcUrl, String display, Path file) {
    public static final String FILE_NAME = "register.db";

    public boolean isServer() {
        return file == null;
    }

    /** Resolves the register for a run (see the class comment); {@code commandLine} may be null. */
    public static RegisterLocation resolve(String commandLine, Path confDir) {
        if (commandLine != null && !commandLine.isBlank()) {
            return parse(commandLine, Path.of(""));
        }
        String env = System.getenv("SAMENLOOP_REGISTER");
        if (env != null && !env.isBlank()) {
            return parse(env, Path.of(""));
        }
        String prop = System.getProperty("samenloop.register");
        if (prop != null && !prop.isBlank()) {
            return parse(prop, Path.of(""));
        }
        Path root = confDir.toAbsolutePath().normalize().getParent();
        Path file = confDir.resolve("environment.yaml");
        if (Files.isRegularFile(file)) {
            Object v = read(file).get("register");
            if (v != null && !String.valueOf(v).isBlank()) {
                return parse(String.valueOf(v), root);
            }
        }
        return parse("environment", root);
    }

    /** A location as written by a user: a folder, a {@code .db} file or a JDBC URL. */
    public static RegisterLocation parse(String spec, Path base) {
        String s = spec.trim();
        if (s.startsWith("jdbc:postgresql:")) {
            return new RegisterLocation(s, "postgresql " + withoutSecrets(s.substring("jdbc:postgresql:".length())), null);
        }
        if (s.startsWith("jdbc:")) {
            throw new IllegalArgumentException("register '" + withoutSecrets(s) + "': only jdbc:postgresql: URLs, an .db file"
                    + " or a folder are supported");
        }
        if (s.matches("(?i)^(hdfs|s3a|s3|s3n|gs|abfss?|wasbs?|viewfs|webhdfs|file):.*")) {
            throw new IllegalArgumentException("register '" + s + "': the release register is a SQLite file on the driver's"
                    + " local disk (a folder or an .db file) or a jdbc:postgresql: URL; it cannot live on HDFS or an object"
                    + " store (SQLite needs local file locking)" + (s.regionMatches(true, 0, "file:", 0, 5)
                    ? "; write the local path without file:" : ""));
        }
        Path p = base.resolve(s.startsWith("sqlite:") ? s.substring("sqlite:".length()) : s).toAbsolutePath().normalize();
        Path db = p.getFileName() != null && p.getFileName().toString().endsWith(".db") ? p : p.resolve(FILE_NAME);
        return new RegisterLocation("jdbc:sqlite:" + db, "sqlite " + db, db);
    }

    private static String withoutSecrets(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static Map<?, ?> read(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (doc == null) {
                return Map.of();
            }
            if (!(doc instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(file + ": expected a mapping with key 'register'");
            }
            for (Object k : m.keySet()) {
                if (!"register".equals(k)) {
                    throw new IllegalArgumentException(file + ": unknown key '" + k + "'; allowed: register");
                }
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
