package nl.samenloop.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import nl.samenloop.engine.Progress;
import nl.samenloop.model.Reference;

/**
 * Synthetic CBS-style microdata (spec data-layout.md): GBAPERSOONTAB, GBAADRESOBJECTBUS, VSLGWBTAB,
 * JGDHULPBUS (one file, or a folder of yearly files as CBS delivers them), JGDBESCHERMBUS,
 * JGDRECLASSERINGBUS, plus {@code generator-manifest.json} with row and injected-fault counts.
 *
 * <p>Persons are simulated in chunks on worker threads and written in index order; only a bounded window
 * of chunks is held, so memory does not grow with the number of persons. Every person and address object
 * has its own random stream derived from (seed, index): the output is byte-identical for the same spec,
 * whatever the thread count.
 */
public final class Generator {
    static final int CHUNK = 2_000;
    static final long LATE = 0x4C41_5445L;
    /** Share of records of the V2 year missing from its V1 file (delivered late, present in V2). */
    static final double LATE_DELIVERY = 0.02;

    private Generator() {
    }

    /** One output file of the run. */
    record Sink(String path, TableSchema schema, int careTable) {
    }

    public static GenerationResult generate(GeneratorSpec spec, Path outDir, Reference ref) {
        try {
            return new Run(spec, outDir, ref).run();
        } catch (IOException e) {
            throw new UncheckedIOException("generating into " + outDir + " failed: " + e.getMessage(), e);
        }
    }

    private static final class Run {
        final GeneratorSpec spec;
        final Path outDir;
        final Geography geo;
        final PersonSimulator sim;
        final FaultInjector faults;
        final Pseudonyms objectIds;
        final Progress progress = new Progress("generate");
        final List<Sink> sinks = new ArrayList<>();
        final int years;
        final int dataStart;
        /** jh[yearOffset][version-1] → sink index (-1 none); unsplit: jh[0][0]. */
        final int[][] jh;
        static final int PERSONS = 0;
        static final int ADDRESSES = 1;
        static final int BESCHERM = 2;
        static final int RECLASS = 3;

        Run(GeneratorSpec spec, Path outDir, Reference ref) {
            this.spec = spec;
            this.outDir = outDir;
            this.geo = new Geography(ref, spec);
            this.sim = new PersonSimulator(spec, geo);
            this.faults = new FaultInjector(spec.faultRate());
            this.objectIds = new Pseudonyms(spec.seed(), Seeds.OBJECT_ID);
            this.years = spec.toYear() - spec.fromYear() + 1;
            this.dataStart = Dates.of(spec.fromYear(), 1, 1);
            String ext = "." + spec.format().extension;
            sinks.add(new Sink("GBAPERSOONTAB" + ext, TableSchema.GBAPERSOONTAB, -1));
            sinks.add(new Sink("GBAADRESOBJECTBUS" + ext, TableSchema.GBAADRESOBJECTBUS, -1));
            sinks.add(new Sink("JGDBESCHERMBUS" + ext, TableSchema.JGDBESCHERMBUS, Person.Spell.BESCHERMING));
            sinks.add(new Sink("JGDRECLASSERINGBUS" + ext, TableSchema.JGDRECLASSERINGBUS, Person.Spell.RECLASSERING));
            if (spec.splitPerYear()) {
                jh = new int[years][2];
                for (int y = spec.fromYear(); y <= spec.toYear(); y++) {
                    jh[y - spec.fromYear()][0] = sinks.size();
                    sinks.add(new Sink("JGDHULPBUS/JGDHULP" + y + "BUSV1" + ext, TableSchema.JGDHULPBUS, Person.Spell.JEUGDHULP));
                    jh[y - spec.fromYear()][1] = -1;
                    if (y == spec.v2Year()) {
                        jh[y - spec.fromYear()][1] = sinks.size();
                        sinks.add(new Sink("JGDHULPBUS/JGDHULP" + y + "BUSV2" + ext, TableSchema.JGDHULPBUS, Person.Spell.JEUGDHULP));
                    }
                }
            } else {
                jh = new int[][] {{sinks.size(), -1}};
                sinks.add(new Sink("JGDHULPBUS" + ext, TableSchema.JGDHULPBUS, Person.Spell.JEUGDHULP));
            }
        }

        GenerationResult run() throws IOException {
            Files.createDirectories(outDir);
            removePreviousOutput();
            if (spec.splitPerYear()) {
                Files.createDirectories(outDir.resolve("JGDHULPBUS"));
            }
            progress.stage("setup", String.format("%,d youth, %d–%d, %s, %d municipalities (2016), %,d address objects",
                    spec.youth(), spec.fromYear(), spec.toYear(), spec.format().extension, geo.size(), geo.objectCount()));
            GenerationResult.Builder result = new GenerationResult.Builder(spec, sinks, geo);
            int threads = spec.threads() > 0 ? spec.threads() : Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "generate-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                writeObjects(result, pool, threads);
                writePersons(result, pool, threads);
            } finally {
                pool.shutdownNow();
            }
            GenerationResult r = result.build();
            Files.writeString(outDir.resolve(GenerationResult.MANIFEST), r.toJson());
            progress.stage("done", String.format("%,d rows in %d files, %.1f s", r.totalRows(), sinks.size() + 1,
                    progress.duration().toMillis() / 1000.0));
            return r;
        }

        /** Deletes only files this generator writes, so stale yearly files cannot mix into a new run. */
        private void removePreviousOutput() throws IOException {
            String tables = "(GBAPERSOONTAB|GBAADRESOBJECTBUS|VSLGWBTAB|JGDHULPBUS|JGDBESCHERMBUS|JGDRECLASSERINGBUS)"
                    + "\\.(csv|parquet|sav)";
            try (Stream<Path> s = Files.list(outDir)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (n.matches(tables) || n.equals(GenerationResult.MANIFEST)) {
                        Files.delete(p);
                    }
                }
            }
            Path folder = outDir.resolve("JGDHULPBUS");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> s = Files.list(folder)) {
                    for (Path p : s.toList()) {
                        if (p.getFileName().toString().matches("JGDHULP\\d{4}BUSV\\d+\\.(csv|parquet|sav)")) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }

        static final int OBJECT_CHUNK = 20_000;

        /** Rows of VSLGWBTAB for objects [c·OBJECT_CHUNK, …) with their counts: pure, runs on any worker. */
        private ObjectChunk objectChunk(long c) {
            ObjectChunk out = new ObjectChunk();
            long from = c * OBJECT_CHUNK;
            long to = Math.min(geo.objectCount(), from + OBJECT_CHUNK);
            int m = geo.municipalityOfObject(from);
            for (long o = from; o < to; o++) {
                while (o >= geo.firstObject(m + 1)) {
                    m++;
                }
                AddressObject a = AddressObject.of(spec.seed(), o, years);
                if (a.missing()) {
                    out.missing++;
                    continue;
                }
                String[] row = new String[2 + years];
                row[0] = a.soort();
                row[1] = objectIds.nineDigits(o);
                for (int y = 0; y < years; y++) {
                    row[2 + y] = a.unknownAllYears() || a.unknownYearOffset() == y ? "----"
                            : geo.code(m, spec.fromYear() + y, a.uForward(), a.uBack()).substring(2);
                }
                out.unknownAll += a.unknownAllYears() ? 1 : 0;
                out.unknownOne += a.unknownYearOffset() >= 0 ? 1 : 0;
                out.rows.add(row);
            }
            return out;
        }

        private void writeObjects(GenerationResult.Builder result, ExecutorService pool, int threads) throws IOException {
            TableSchema schema = TableSchema.vslgwbtab(spec.fromYear(), spec.toYear());
            String path = "VSLGWBTAB." + spec.format().extension;
            try (TableWriter w = TableWriter.open(spec, outDir.resolve(path), schema)) {
                long chunks = (geo.objectCount() + OBJECT_CHUNK - 1) / OBJECT_CHUNK;
                inOrder(pool, threads, chunks, this::objectChunk, c -> {
                    for (String[] row : c.rows) {
                        w.write(row);
                    }
                    result.objectMissing += c.missing;
                    result.objectUnknownAll += c.unknownAll;
                    result.objectUnknownOne += c.unknownOne;
                });
                result.rows(path, w.rows());
                progress.rows("objects", path, w.rows());
            }
        }

        interface ChunkConsumer<T> {
            void accept(T chunk) throws IOException;
        }

        /**
         * Computes chunks 0..n-1 on the pool and hands them to {@code consumer} in index order, with at most
         * 3 × threads chunks in flight: parallel work, fixed output order, bounded memory.
         */
        private <T> void inOrder(ExecutorService pool, int threads, long n, java.util.function.LongFunction<T> work,
                                 ChunkConsumer<T> consumer) throws IOException {
            Deque<Future<T>> window = new ArrayDeque<>();
            long next = 0;
            try {
                for (long done = 0; done < n; done++) {
                    while (next < n && window.size() < threads * 3) {
                        long c = next++;
                        window.add(pool.submit(() -> work.apply(c)));
                    }
                    consumer.accept(window.poll().get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("generation interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException("generation failed: " + c, c);
            } finally {
                window.forEach(f -> f.cancel(true));
            }
        }

        private void writePersons(GenerationResult.Builder result, ExecutorService pool, int threads) throws IOException {
            List<TableWriter> writers = new ArrayList<>();
            try {
                for (Sink s : sinks) {
                    writers.add(TableWriter.open(spec, outDir.resolve(s.path()), s.schema()));
                }
                long chunks = (spec.youth() + CHUNK - 1) / CHUNK;
                long reportEvery = Math.max(1, chunks / 10);
                long phaseStart = System.nanoTime();
                long[] written = new long[2]; // rows, chunks
                inOrder(pool, threads, chunks, this::chunk, c -> {
                    for (int s = 0; s < sinks.size(); s++) {
                        TableWriter w = writers.get(s);
                        for (String[] row : c.rows.get(s)) {
                            w.write(row);
                        }
                        written[0] += c.rows.get(s).size();
                    }
                    result.add(c);
                    long done = ++written[1];
                    if (done % reportEvery == 0 || done == chunks) {
                        double sec = Math.max(1e-3, (System.nanoTime() - phaseStart) / 1e9);
                        progress.stage("persons", String.format("%,d of %,d youth, %,d rows, %,.0f rows/s",
                                Math.min(spec.youth(), done * CHUNK), spec.youth(), written[0], written[0] / sec));
                    }
                });
            } finally {
                for (int s = 0; s < writers.size(); s++) {
                    writers.get(s).close();
                    result.rows(sinks.get(s).path(), writers.get(s).rows());
                }
            }
        }

        /** Simulates and renders persons [c·CHUNK, (c+1)·CHUNK): pure, runs on any worker. */
        private Chunk chunk(long c) {
            Chunk out = new Chunk(sinks.size());
            long from = c * CHUNK;
            long to = Math.min(spec.youth(), from + CHUNK);
            for (long i = from; i < to; i++) {
                Person p = sim.simulate(i);
                emit(p, out);
            }
            return out;
        }

        private void emit(Person p, Chunk out) {
            out.persons++;
            out.rows.get(PERSONS).add(new String[] {"R", p.rinpersoon, p.sex, p.birthYear, p.birthMonth, p.birthDay});
            for (Person.Address a : p.addresses) {
                AddressObject o = AddressObject.of(spec.seed(), a.object(), years);
                String end = a.end() == Dates.OPEN ? (p.addressOpenAsEights ? "88888888" : "") : Dates.text(a.end());
                out.rows.get(ADDRESSES).add(new String[] {"R", p.rinpersoon, Dates.text(a.begin()), end, o.soort(),
                        objectIds.nineDigits(a.object())});
            }
            SplittableRandom f = Seeds.stream(spec.seed(), Seeds.FAULT, p.index);
            SplittableRandom late = Seeds.stream(spec.seed(), LATE, p.index);
            for (Person.Spell s : p.spells) {
                if (s.begin > sim.horizon || (s.end != Dates.OPEN && s.end < dataStart)) {
                    continue; // outside the data: before the first year or after the horizon
                }
                if (s.table == Person.Spell.JEUGDHULP && spec.splitPerYear()) {
                    for (int y = spec.fromYear(); y <= spec.toYear(); y++) {
                        int jan1 = Dates.of(y, 1, 1);
                        int dec31 = Dates.of(y, 12, 31);
                        if (s.begin > dec31 || s.end < jan1) {
                            continue;
                        }
                        // A yearly file knows the end only if it fell within that year.
                        String[] row = row(p, s, dec31);
                        int v2 = jh[y - spec.fromYear()][1];
                        if (v2 >= 0) {
                            put(out, v2, row.clone(), s, f);
                            if (late.nextDouble() < LATE_DELIVERY) {
                                out.late[jh[y - spec.fromYear()][0]]++;
                                continue;
                            }
                        }
                        put(out, jh[y - spec.fromYear()][0], row, s, f);
                    }
                } else {
                    int sink = s.table == Person.Spell.JEUGDHULP ? jh[0][0]
                            : s.table == Person.Spell.BESCHERMING ? BESCHERM : RECLASS;
                    put(out, sink, row(p, s, sim.horizon), s, f);
                }
            }
        }

        /** The record of spell {@code s} as known on {@code asOf}: a later end is not known yet (open). */
        private String[] row(Person p, Person.Spell s, int asOf) {
            boolean ended = s.end != Dates.OPEN && s.end <= asOf;
            String end = ended ? Dates.text(s.end) : s.openAsEights ? "88888888" : "";
            if (s.table == Person.Spell.JEUGDHULP) {
                return new String[] {"R", p.rinpersoon, s.code, Dates.text(s.begin), end, s.verwijzer, s.perspectief,
                        ended ? s.reden : null, s.aanbieder, s.gemeente};
            }
            return new String[] {"R", p.rinpersoon, s.code, Dates.text(s.begin), end};
        }

        private void put(Chunk out, int sink, String[] row, Person.Spell s, SplittableRandom f) {
            FaultType t = faults.apply(f, row, s.table);
            out.rows.get(sink).add(row);
            if (s.overlapCopy) {
                out.overlapCopies[sink]++;
            }
            if (t != null) {
                out.faults[sink][t.ordinal()]++;
                if (t == FaultType.DUPLICATE) {
                    out.rows.get(sink).add(row.clone());
                }
            }
        }
    }

    /** Rendered VSLGWBTAB rows of one chunk of address objects, with counts. */
    static final class ObjectChunk {
        final List<String[]> rows = new ArrayList<>(OBJECT_CHUNK_CAPACITY);
        long missing;
        long unknownAll;
        long unknownOne;
    }

    private static final int OBJECT_CHUNK_CAPACITY = 20_000;

    /** Rendered rows of one chunk of persons, per sink, with counts. */
    static final class Chunk {
        final List<List<String[]>> rows = new ArrayList<>();
        final long[][] faults;
        final long[] late;
        final long[] overlapCopies;
        long persons;

        Chunk(int sinks) {
            for (int i = 0; i < sinks; i++) {
                rows.add(new ArrayList<>());
            }
            faults = new long[sinks][FaultType.values().length];
            late = new long[sinks];
            overlapCopies = new long[sinks];
        }
    }
}
