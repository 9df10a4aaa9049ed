package nl.samenloop.job;

import java.nio.file.Files;
import java.nio.file.Path;
import nl.samenloop.storage.Storage;

/**
 * A separate JVM for {@link ResumeTest}: runs a job twice as a user would, the second time to be killed while it
 * publishes. First an uninterrupted run (the reference package, on an empty register); then the register is
 * emptied again, {@code <signal>} is created, and the same job runs into another output folder, which the test
 * kills once that run's package appears beside its output folder.
 *
 * <p>Arguments: JOB INPUT WORK REFERENCE-OUT KILLED-OUT REGISTER SIGNAL. Prints {@code run1-ms N}.
 */
public final class ResumeKillChild {
    private ResumeKillChild() {
    }

    public static void main(String[] a) throws Exception {
        long t0 = System.nanoTime();
        int first = Cli.execute("run", a[0], "--input", a[1], "--work", a[2], "--output", a[3], "--register", a[5],
                "--master", "local[2]");
        System.out.println("run1-ms " + (System.nanoTime() - t0) / 1_000_000);
        if (first != Cli.OK) {
            System.exit(10);
        }
        // The killed run must see the register the reference run saw: empty.
        Storage.deleteTree(Path.of(a[5]));
        Files.writeString(Path.of(a[6]), "second run\n");
        int second = Cli.execute("run", a[0], "--input", a[1], "--work", a[2], "--output", a[4], "--register", a[5],
                "--master", "local[2]");
        System.out.println("second run was not killed: exit " + second);
        System.exit(20);
    }
}
