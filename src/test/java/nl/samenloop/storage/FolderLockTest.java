package nl.samenloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder at a time, a message naming it, and a lock left by a run that is gone taken over. */
class FolderLockTest {
    @TempDir
    Path tmp;

    @Test
    void aHeldLockRefusesASecondRunAndNamesItsHolder() {
        Path file = tmp.resolve("w/.samenloop.lock");
        List<String> notes = new ArrayList<>();
        try (FolderLock first = FolderLock.acquire(file, "working area w", "job-a", notes::add)) {
            FolderLock.Held e = assertThrows(FolderLock.Held.class,
                    () -> FolderLock.acquire(file, "working area w", "job-b", notes::add));
            long pid = ProcessHandle.current().pid();
            assertTrue(e.getMessage().startsWith("working area w is in use by job job-a (process " + pid + " on host "
                    + FolderLock.host() + ", started " + first.holder().started() + ")"), e.getMessage());
            assertEquals("job-a", e.holder().orElseThrow().job());
        }
        assertFalse(Files.exists(file), "released on close");
        try (FolderLock again = FolderLock.acquire(file, "working area w", "job-b", notes::add)) {
            assertEquals("job-b", again.holder().job());
        }
        assertEquals(List.of(), notes, "nothing was stale");
    }

    @Test
    void theLockOfAProcessThatIsGoneIsTakenOver() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long dead = p.pid();
        Path file = tmp.resolve(".lock");
        Files.writeString(file, "job=crashed\npid=" + dead + "\nhost=" + FolderLock.host() + "\nstarted="
                + Instant.now().minusSeconds(5) + "\ntoken=t\n");
        List<String> notes = new ArrayList<>();
        try (FolderLock l = FolderLock.acquire(file, "output folder o", "job-b", notes::add)) {
            assertEquals("job-b", FolderLock.Holder.parse(Files.readString(file)).orElseThrow().job());
        }
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("left by job crashed (process " + dead) && notes.get(0).contains("is no longer running"),
                notes.get(0));
    }

    @Test
    void aProcessIdNowUsedByALaterProcessDoesNotHoldTheLock() throws Exception {
        // This test's own JVM is alive, but it started after this (old) lock was taken: the id was reused.
        Path file = tmp.resolve(".lock");
        Instant before = ProcessHandle.current().info().startInstant().orElseThrow().minus(Duration.ofHours(1));
        Files.writeString(file, "job=old\npid=" + ProcessHandle.current().pid() + "\nhost=" + FolderLock.host()
                + "\nstarted=" + before + "\ntoken=t\n");
        List<String> notes = new ArrayList<>();
        FolderLock.acquire(file, "w", "job-b", notes::add).close();
        assertTrue(notes.get(0).contains("now belongs to another process"), notes.toString());
    }

    @Test
    void aLockFromAnotherHostIsStaleOnlyWhenItWasNotRefreshed() throws Exception {
        Path file = tmp.resolve(".lock");
        Files.writeString(file, "job=far\npid=1\nhost=some-other-host\nstarted=" + Instant.now().minusSeconds(7200)
                + "\ntoken=t\n");
        // Touched a minute ago: a live holder on the other host (it refreshes every minute), however old the run.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        FolderLock.Held e = assertThrows(FolderLock.Held.class, () -> FolderLock.acquire(file, "w", "job-b", n -> { }));
        assertTrue(e.getMessage().contains("job far (process 1 on host some-other-host"), e.getMessage());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(FolderLock.staleAfter()).minusSeconds(5)));
        List<String> notes = new ArrayList<>();
        FolderLock.acquire(file, "w", "job-b", notes::add).close();
        assertTrue(notes.get(0).contains("not refreshed since"), notes.toString());
    }

    @Test
    void aLockWithoutHolderIsBeingCreatedUntilItIsOld() throws Exception {
        Path file = tmp.resolve(".lock");
        Files.writeString(file, "");
        FolderLock.Held e = assertThrows(FolderLock.Held.class, () -> FolderLock.acquire(file, "w", "job-b", n -> { }));
        assertTrue(e.getMessage().contains("in use by a run that is starting"), e.getMessage());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));
        FolderLock.acquire(file, "w", "job-b", n -> { }).close();
    }

    @Test
    void manyRunsRacingForAStaleLockLeaveExactlyOneHolder() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = tmp.resolve("race-" + round + ".lock");
            Files.writeString(file, "job=crashed\npid=" + Long.MAX_VALUE / 2 + "\nhost=" + FolderLock.host()
                    + "\nstarted=" + Instant.now().minusSeconds(60) + "\ntoken=t\n");
            int runs = 6;
            ExecutorService pool = Executors.newFixedThreadPool(runs);
            CountDownLatch go = new CountDownLatch(1);
            List<FolderLock> won = new CopyOnWriteArrayList<>();
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String job = "job-" + i;
                all.add(pool.submit(() -> {
                    go.await();
                    try {
                        won.add(FolderLock.acquire(file, "w", job, n -> { }));
                    } catch (FolderLock.Held e) {
                        // refused: another run holds it
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(1, won.size(), "round " + round);
            assertEquals(won.get(0).holder().token(), FolderLock.Holder.parse(Files.readString(file)).orElseThrow().token());
            won.get(0).close();
            String prefix = "race-" + round + ".lock";
            try (var s = Files.list(tmp)) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(prefix))
                        .map(Path::toString).toList(), "no lock or stale copy left");
            }
        }
    }
}
