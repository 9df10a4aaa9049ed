package nl.samenloop.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.samenloop.register.ReleaseRegister;
import nl.samenloop.storage.FolderLock;

/**
 * A process that publishes the fixture package again and again, as a run of {@code samenloop run} would:
 * it takes the working-area and output locks, tidies what a stopped run left, and publishes with the release
 * register as release step. Package i is created at {@link #T0} + i seconds. {@link PublishKillTest} kills it at
 * random moments. Before recording, each package that passed its scan is noted in {@code <work>/scanned.log}
 * (written through to disk), so the test can tell that the package at the output path was scanned.
 *
 * <p>Arguments: OUT WORK COUNT FIRST. Prints the lock and tidy-up notes on stdout.
 */
public final class PublishLoop {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final String JOB = "kill-test";

    private PublishLoop() {
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), System.out::println);
    }

    /** Publishes packages {@code first} .. {@code first + count - 1}; {@code say} gets the lock and tidy-up notes. */
    static void run(Path out, Path work, int count, int first, java.util.function.Consumer<String> say) throws IOException {
        try (FolderLock w = FolderLock.workArea(work, JOB, say);
             FolderLock o = PackageFolder.lock(out, JOB, say)) {
            PackageFolder.cleanLeftovers(out, say);
            ReleaseRegister ledger = TestReleases.open(work);
            for (int i = first; i < first + count; i++) {
                PackageInfo info = PublicationTest.info(JOB, T0.plusSeconds(i));
                Publication.publish(new Publication.Request(out, work, info, List.of(Fixture.table()), List.of(), true),
                        check -> TestReleases.record(ledger, JOB, info.created(), check),
                        n -> { }, step -> {
                            if (step.equals("scan clean")) {
                                append(work.resolve("scanned.log"), info.created() + "\n");
                            }
                        });
            }
        }
    }

    private static void append(Path file, String line) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            c.force(true);
        }
    }
}
