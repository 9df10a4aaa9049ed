package nl.samenloop.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.samenloop.disclosure.Disclosure;
import nl.samenloop.disclosure.History;
import nl.samenloop.register.RegisterLocation;
import nl.samenloop.register.ReleaseRegister;

/**
 * The release step of the publish tests: the real release register (SQLite in {@code <work>/register/}),
 * recording the fixture package as one release.
 */
final class TestReleases {
    static final ReleaseRegister.Universe UNIVERSE = ReleaseRegister.Universe.of("publish tests");
    static final String FOLDER = "register";

    private TestReleases() {
    }

    static ReleaseRegister open(Path work) {
        return ReleaseRegister.open(RegisterLocation.parse(work.resolve(FOLDER).toAbsolutePath().toString(), Path.of("")));
    }

    /** Records one release of the fixture table for {@code job}, with the output check's hash as its manifest. */
    static void record(ReleaseRegister reg, String job, Instant created, String outputCheck) {
        long version;
        try {
            version = reg.version(UNIVERSE);
        } catch (SQLException e) {
            throw new IllegalStateException("register unreadable: " + e.getMessage(), e);
        }
        Disclosure.Release release = new Disclosure.Release(List.of(), List.of(), Map.of(),
                Map.of(), List.of(), Map.of(), History.none(), Map.of(), 0, 0);
        reg.record(UNIVERSE, new ReleaseRegister.ReleaseInfo(job, "test", "test", "localhost", created, "cbs-microdata",
                "out", nl.samenloop.disclosure.Canonical.sha256(outputCheck)), release, version);
    }

    /** How many releases a register holds whose files (relative to {@code work/register/}) are given. */
    static int count(Map<String, byte[]> registerFiles) {
        try {
            Path dir = Files.createTempDirectory("register-copy");
            try {
                for (Map.Entry<String, byte[]> e : registerFiles.entrySet()) {
                    Files.write(dir.resolve(e.getKey()), e.getValue());
                }
                if (!Files.exists(dir.resolve(RegisterLocation.FILE_NAME))) {
                    return 0;
                }
                try (ReleaseRegister reg = ReleaseRegister.open(RegisterLocation.parse(dir.toString(), Path.of("")))) {
                    return reg.releases().size();
                }
            } finally {
                try (var s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
