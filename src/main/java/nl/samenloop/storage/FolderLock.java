package nl.samenloop.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run at a time per working area and per output folder. A lock is a small file created atomically
 * ({@link Storage#createNew}: exactly one of two racing runs succeeds) that names its holder — job, process
 * id, host and start time — so a refused run can say who holds it, and is removed when the run ends.
 *
 * <p>A run that was killed leaves its lock behind. Such a lock is <b>stale</b>, and the next run takes it
 * over (and says so), when
 * <ul>
 * <li>it was taken on this host and its process is gone — or the process id now belongs to a process that
 * started after the lock was taken (ids are reused);</li>
 * <li>it was taken on another host (a shared file system) and has not been refreshed for
 * {@link #staleAfter()} (default 10 minutes, system property {@code samenloop.lock.staleMinutes}): a holder
 * touches its lock every minute, so a live run on another host is never taken over however long it runs,
 * while a crashed one blocks others for at most that long. Process ids of another host cannot be checked
 * from here, hence the clock.</li>
 * </ul>
 * Taking over is itself race-free between runs that find the same stale lock: only the run that creates
 * {@code <lock>.takeover} may remove it, and only while it still names the holder judged gone.
 */
public final class FolderLock implements AutoCloseable {
    private static final int MAX_LOCK_BYTES = 4096;
    private static final Duration HEARTBEAT = Duration.ofMinutes(1);
    /** A lock file with no holder written yet is being created; only after this long is it stale. */
    private static final Duration CREATING = Duration.ofMinutes(1);
    private static final Set<FolderLock> HELD = ConcurrentHashMap.newKeySet();
    /** Schemes of object stores: no atomic create-without-overwrite, no atomic folder rename. */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cos", "wasb", "wasbs");
    private static volatile ScheduledExecutorService heartbeat;

    /** Who holds a lock. */
    public record Holder(String job, long pid, String host, Instant started, String token) {
        String text() {
            return "job=" + job + "\npid=" + pid + "\nhost=" + host + "\nstarted=" + started + "\ntoken=" + token + "\n";
        }

        static Optional<Holder> parse(String text) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            try {
                return Optional.of(new Holder(m.getOrDefault("job", "?"), Long.parseLong(m.get("pid")), m.get("host"),
                        Instant.parse(m.get("started")), m.getOrDefault("token", "")));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /** "job x (process 123 on host h, started 2025-06-01T10:00:00Z)". */
        public String describe() {
            return "job " + job + " (process " + pid + " on host " + host + ", started " + started + ")";
        }
    }

    /** The folder is in use by another run. */
    public static final class Held extends RuntimeException {
        private final transient Holder holder;

        Held(String message, Holder holder) {
            super(message);
            this.holder = holder;
        }

        public Optional<Holder> holder() {
            return Optional.ofNullable(holder);
        }
    }

    private final Location file;
    private final Holder holder;
    private volatile boolean released;

    private FolderLock(Location file, Holder holder) {
        this.file = file;
        this.holder = holder;
    }

    /**
     * Takes the lock {@code file} for {@code job}, describing the locked folder as {@code what} in messages
     * ("working area /w"); takes over a stale lock, telling {@code notes}. Throws {@link Held} when a live run
     * holds it.
     */
    public static FolderLock acquire(Path file, String what, String job, Consumer<String> notes) {
        return acquire(Location.local(file), what, job, notes);
    }

    /**
     * As {@link #acquire(Path, String, String, Consumer)} on any file system: on HDFS the lock file is created with
     * {@code create(path, overwrite=false)}, which the NameNode grants to one client only. An object store (s3a)
     * cannot create a file atomically; docs/cluster.md says how to run there.
     */
    public static FolderLock acquire(Location file, String what, String job, Consumer<String> notes) {
        if (!file.isLocal() && OBJECT_STORES.contains(file.scheme())) {
            notes.accept(what + " is on an object store (" + file.scheme() + "://), which cannot create a file atomically:"
                    + " its lock keeps out runs that start later, not one that starts at the same moment; run one job at a"
                    + " time there (docs/cluster.md)");
        }
        Holder me = new Holder(job, ProcessHandle.current().pid(), host(), Instant.now(), UUID.randomUUID().toString());
        try {
            Storage.createFolders(file.parent());
            for (int attempt = 0; attempt < 5; attempt++) {
                if (Storage.createNew(file, me.text())) {
                    FolderLock lock = new FolderLock(file, me);
                    HELD.add(lock);
                    startHeartbeat();
                    return lock;
                }
                Optional<String> text = Storage.readSmall(file, MAX_LOCK_BYTES);
                Optional<Instant> touched = Storage.modified(file);
                if (text.isEmpty() || touched.isEmpty()) {
                    continue; // released just now: try again
                }
                Optional<Holder> h = Holder.parse(text.get());
                String stale = staleReason(h, touched.get());
                if (stale == null) {
                    throw new Held(what + " is in use by " + h.map(Holder::describe).orElse("a run that is starting")
                            + "; wait for it to finish (lock " + file + ")", h.orElse(null));
                }
                if (takeOver(file, text.get(), me)) {
                    notes.accept("took over the lock of " + what + " left by " + h.map(Holder::describe).orElse("an unknown run")
                            + ": " + stale);
                } else {
                    pause(attempt); // another run is taking it over: see who holds it next
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + what + " (" + file + ")", e);
        }
        throw new Held(what + " is locked and the lock keeps changing hands; try again (lock " + file + ")", null);
    }

    /**
     * Removes the stale lock {@code file} if it still holds {@code staleText}. Only one run at a time does this:
     * it first creates {@code <lock>.takeover} (atomically, like the lock itself), so two runs that judged the
     * same lock stale cannot both remove it, nor one remove the fresh lock the other made after it. A takeover
     * file left by a run killed inside these few lines is itself removed once a minute old.
     */
    private static boolean takeOver(Location file, String staleText, Holder me) throws IOException {
        Location takeover = file.sibling(file.name() + ".takeover");
        if (!Storage.createNew(takeover, me.text())) {
            Optional<Instant> since = Storage.modified(takeover);
            if (since.isPresent() && since.get().isBefore(Instant.now().minus(CREATING))) {
                Storage.deleteFile(takeover);
            }
            return false;
        }
        try {
            Optional<String> now = Storage.readSmall(file, MAX_LOCK_BYTES);
            if (now.isPresent() && now.get().equals(staleText)) {
                Storage.deleteFile(file);
                return true;
            }
            return false;
        } finally {
            Storage.deleteFile(takeover);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * (attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lock of a secure working area: {@code <work>/.samenloop.lock}. */
    public static FolderLock workArea(Path work, String job, Consumer<String> notes) {
        return workArea(Location.local(work), job, notes);
    }

    /** The lock of a secure working area on any file system. */
    public static FolderLock workArea(Location work, String job, Consumer<String> notes) {
        return acquire(work.resolve(".samenloop.lock"), "working area " + work, job, notes);
    }

    /** Why the lock is stale, or null when its holder may still be running. */
    static String staleReason(Optional<Holder> holder, Instant touched) {
        Instant now = Instant.now();
        if (holder.isEmpty()) {
            return touched.isBefore(now.minus(CREATING)) ? "its holder never wrote its name (crashed while starting)" : null;
        }
        Holder h = holder.get();
        if (host().equals(h.host())) {
            Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
            if (p.isEmpty() || !p.get().isAlive()) {
                return "process " + h.pid() + " is no longer running";
            }
            Optional<Instant> started = p.get().info().startInstant();
            // Start times are rounded (to the clock tick on Linux); a second of slack.
            if (started.isPresent() && started.get().isAfter(h.started().plusSeconds(1))) {
                return "process id " + h.pid() + " now belongs to another process";
            }
            return null;
        }
        return touched.isBefore(now.minus(staleAfter()))
                ? "not refreshed since " + touched + " (a live holder refreshes it every minute)" : null;
    }

    /** How long a lock from another host may go without refresh before it counts as left by a crashed run. */
    public static Duration staleAfter() {
        return Duration.ofMinutes(Long.getLong("samenloop.lock.staleMinutes", 10));
    }

    public Location file() {
        return file;
    }

    public Holder holder() {
        return holder;
    }

    /** Removes the lock file — only when it is still this lock (it always is, unless someone removed it by hand). */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        HELD.remove(this);
        try {
            Optional<String> now = Storage.readSmall(file, MAX_LOCK_BYTES);
            if (now.isPresent() && now.get().equals(holder.text())) {
                Storage.deleteFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the lock " + file, e);
        }
    }

    private static synchronized void startHeartbeat() {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "samenloop-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(() -> {
            for (FolderLock l : HELD) {
                try {
                    Storage.touch(l.file);
                } catch (IOException | RuntimeException e) {
                    // A lock that cannot be touched ages; others then judge it by the clock. Nothing to do here.
                }
            }
        }, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    private static volatile String host;

    /** This host's name, as a holder writes it (no DNS lookup when the environment says it). */
    static String host() {
        if (host == null) {
            String h = System.getenv("HOSTNAME");
            if (h == null || h.isBlank()) {
                try {
                    h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
                } catch (IOException | RuntimeException e) {
                    h = null;
                }
            }
            if (h == null || h.isBlank()) {
                try {
                    h = InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    h = "unknown-host";
                }
            }
            host = h.trim();
        }
        return host;
    }
}
