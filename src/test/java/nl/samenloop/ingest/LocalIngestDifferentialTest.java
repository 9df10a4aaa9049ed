package nl.samenloop.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.samenloop.engine.Progress;
import nl.samenloop.engine.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ingest engines agree record for record: random, damaged CSV input (wrong field counts, quoted separators
 * and line breaks, blank lines, exact duplicates, spells repeated across yearly files, decimals, padding, bad codes
 * and dates, both separators, renamed and missing optional columns) is ingested once by Spark
 * ({@code samenloop.ingest=spark}) and once by {@link LocalIngest}; the staged datasets (schema and rows), the rejects
 * and every count of the data-quality report must be equal.
 */
class LocalIngestDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void enginesAgreeOnDamagedInput() {
        for (long seed : new long[] {1, 2, 3}) {
            Path in = tmp.resolve("in" + seed);
            new Damaged(new Random(seed)).write(in);
            IngestReport spark = ingest(in, tmp.resolve("spark" + seed), "spark");
            IngestReport local = ingest(in, tmp.resolve("local" + seed), "local");
            for (String table : ColumnMapping.TABLES) {
                assertEquals(spark.table(table), local.table(table), "seed " + seed + ": data-quality counts of " + table);
            }
            long rejected = 0;
            long merged = 0;
            for (String table : ColumnMapping.TABLES) {
                assertEquals(rows(tmp.resolve("spark" + seed), "staging", table), rows(tmp.resolve("local" + seed), "staging", table),
                        "seed " + seed + ": staged " + table);
                assertEquals(rows(tmp.resolve("spark" + seed), "rejects", table), rows(tmp.resolve("local" + seed), "rejects", table),
                        "seed " + seed + ": rejects of " + table);
                rejected += local.table(table).rejectedTotal();
                merged += local.table(table).mergedRepeats();
            }
            // The input is damaged enough to exercise every reason and the repeat merge.
            for (Reason r : Reason.values()) {
                long n = 0;
                for (String table : ColumnMapping.TABLES) {
                    n += local.table(table).rejected(r);
                }
                assertTrue(n > 0, "seed " + seed + ": no record rejected for " + r);
            }
            assertTrue(merged > 20, "seed " + seed + ": merged repeats " + merged);
            assertTrue(rejected > 100, "seed " + seed + ": rejected " + rejected);
        }
    }

    /** A local run ingests CSV without Spark by default (auto), so the speed-up cannot silently fall away. */
    @Test
    void localRunsUseLocalIngestForCsv() throws java.io.IOException {
        Path in = Fixtures.minimalInput(tmp.resolve("minimal"));
        assertTrue(ingest(in, tmp.resolve("auto"), "auto").passed());
        assertTrue(ingest(in, tmp.resolve("viaSpark"), "spark").passed());
        for (String table : ColumnMapping.TABLES) {
            assertTrue(partFiles(tmp.resolve("auto"), table).stream().allMatch(f -> f.contains("-local.")),
                    table + " staged by LocalIngest: " + partFiles(tmp.resolve("auto"), table));
            assertTrue(partFiles(tmp.resolve("viaSpark"), table).stream().noneMatch(f -> f.contains("-local.")),
                    table + " staged by Spark: " + partFiles(tmp.resolve("viaSpark"), table));
        }
    }

    /**
     * A delivery too big for the heap is not ingested here: with less room than the tables that run together need,
     * the largest go to Spark first, until the rest fit ({@code -Dsamenloop.ingest=local} keeps every table here).
     */
    @Test
    void tablesTooBigForTheHeapGoToSpark() throws java.io.IOException {
        Path in = Fixtures.minimalInput(tmp.resolve("sizes"));
        ColumnMapping mapping = ColumnMapping.load(Path.of("conf"));
        Map<String, LocalIngest.Prepared> local = new java.util.LinkedHashMap<>();
        for (String table : ColumnMapping.TABLES) {
            local.put(table, LocalIngest.prepare(InputDiscovery.discover(in, mapping.table(table)), mapping.table(table)));
        }
        List<LocalIngest.Prepared> bySize = new ArrayList<>(local.values());
        bySize.sort(java.util.Comparator.comparingLong(LocalIngest.Prepared::bytes).reversed());
        long two = LocalIngest.heapEstimate(bySize.get(0)) + LocalIngest.heapEstimate(bySize.get(1));
        long nextTwo = LocalIngest.heapEstimate(bySize.get(1)) + LocalIngest.heapEstimate(bySize.get(2));
        assertTrue(bySize.get(0).bytes() > bySize.get(2).bytes(), "the fixture's tables differ in size");
        assertEquals(List.of(), LocalIngest.tooBigForHeap(local, 2, two));
        assertEquals(List.of(bySize.get(0).spec().table()), LocalIngest.tooBigForHeap(local, 2, Math.max(nextTwo, two - 1)));
        assertEquals(List.of(), LocalIngest.tooBigForHeap(local, 1, LocalIngest.heapEstimate(bySize.get(0))));
        assertEquals(local.size(), LocalIngest.tooBigForHeap(local, 2, 0).size());
        String before = System.getProperty(LocalIngest.ENGINE);
        System.setProperty(LocalIngest.ENGINE, "local");
        try {
            assertEquals(List.of(), LocalIngest.tooBigForHeap(local, 2, 0));
        } finally {
            if (before == null) {
                System.clearProperty(LocalIngest.ENGINE);
            } else {
                System.setProperty(LocalIngest.ENGINE, before);
            }
        }
    }

    private static List<String> partFiles(Path work, String table) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(Staging.staged(work, table))) {
            List<String> out = files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("part-")).toList();
            assertTrue(!out.isEmpty(), table + ": no part file");
            return out;
        }
    }

    /** The quick split of quote-free records gives the fields Spark's tokenizer gives (empty and null alike). */
    @Test
    void quickSplitAgreesWithSparksTokenizer() {
        Random rnd = new Random(11);
        String alphabet = "ab1 ,;\t\"é\u0000";
        int quoteFree = 0;
        for (char sep : new char[] {',', ';'}) {
            com.univocity.parsers.csv.CsvParser tokenizer = new com.univocity.parsers.csv.CsvParser(LocalIngest.settings(sep));
            for (int i = 0; i < 20_000; i++) {
                StringBuilder b = new StringBuilder();
                int len = 1 + rnd.nextInt(12);
                for (int j = 0; j < len; j++) {
                    b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String record = b.toString();
                if (record.isBlank()) {
                    continue;
                }
                quoteFree += record.indexOf('"') < 0 ? 1 : 0;
                assertEquals(normalized(tokenizer.parseLine(record)), normalized(LocalIngest.fields(record, sep, tokenizer)),
                        "record [" + record + "] with separator " + sep);
            }
        }
        assertTrue(quoteFree > 10_000, "quote-free records tried: " + quoteFree);
    }

    /** The plain tests of LocalIngest answer as Spark's rlike (Java's find) with the patterns of Expr. */
    @Test
    void shapesAgreeWithTheRegexesOfExpr() {
        Map<String, LocalIngest.Shape> shapes = Map.of("^\\d$", LocalIngest.ONE_DIGIT, "^\\d{9}$", LocalIngest.NINE_DIGITS,
                "^\\d{8}$", LocalIngest.EIGHT_DIGITS, "^\\d{4}$", LocalIngest.FOUR_DIGITS, "^\\d{1,2}$",
                LocalIngest.ONE_OR_TWO_DIGITS, "^\\d{1,4}$", LocalIngest.UP_TO_FOUR_DIGITS, "^-+$", LocalIngest.DASHES,
                "^(0+|-+)$", LocalIngest.MISSING_PART, "^(?i)GM\\d{4}$", LocalIngest.GM);
        Random rnd = new Random(5);
        String alphabet = "0019-gGmM\n\r\u0085\u2028\u2029a \u0661";
        int matched = 0;
        for (Map.Entry<String, LocalIngest.Shape> e : shapes.entrySet()) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(e.getKey());
            for (int i = 0; i < 30_000; i++) {
                StringBuilder b = new StringBuilder();
                if (rnd.nextBoolean()) {
                    b.append(rnd.nextBoolean() ? "gm" : "");
                    b.append("0123456789", 0, rnd.nextInt(11));
                }
                int len = rnd.nextInt(4);
                for (int j = 0; j < len; j++) {
                    b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String s = b.toString();
                boolean expected = p.matcher(s).find();
                matched += expected ? 1 : 0;
                assertEquals(expected, LocalIngest.find(e.getValue(), s), e.getKey() + " on [" + s + "]");
            }
        }
        assertTrue(matched > 5_000, "texts that match: " + matched);
    }

    private static List<String> normalized(String[] fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            out.add(f == null || f.isEmpty() ? null : f);
        }
        return out;
    }

    private static IngestReport ingest(Path in, Path work, String engine) {
        String before = System.getProperty(LocalIngest.ENGINE);
        System.setProperty(LocalIngest.ENGINE, engine);
        try {
            return Ingest.run(SparkTest.spark(), in, work, Path.of("conf"), new Progress("test"));
        } finally {
            if (before == null) {
                System.clearProperty(LocalIngest.ENGINE);
            } else {
                System.setProperty(LocalIngest.ENGINE, before);
            }
        }
    }

    /** Schema and rows of a written dataset, rows as sorted text (order is not part of the contract). */
    private static List<String> rows(Path work, String folder, String table) {
        Dataset<Row> d = SparkTest.spark().read().parquet(work.resolve(folder).resolve(table).toString());
        List<String> out = new ArrayList<>();
        for (Row r : d.collectAsList()) {
            out.add(r.toString());
        }
        out.sort(null);
        out.add(0, d.schema().toDDL());
        return out;
    }

    /** Random input for all six tables, damaged on purpose. */
    private static final class Damaged {
        private final Random rnd;
        private final List<String> persons = new ArrayList<>();

        Damaged(Random rnd) {
            this.rnd = rnd;
            for (int i = 0; i < 60; i++) {
                persons.add(String.format("%09d", 100_000_000 + rnd.nextInt(900_000_000)));
            }
        }

        private String pick(String... options) {
            return options[rnd.nextInt(options.length)];
        }

        private boolean chance(double p) {
            return rnd.nextDouble() < p;
        }

        private String rinpersoons() {
            return chance(0.9) ? "R" : pick("", "B", " R", "r", "ü", "RR", "R ");
        }

        private String rinpersoon() {
            String p = persons.get(rnd.nextInt(persons.size()));
            return chance(0.9) ? p : pick("", "12345", p + ".0", " " + p + " ", "-12345678", p + "0", "12345678a",
                    "1,23456789", p + "\t", "12345678.5", p + "\n", p + "\r\n");
        }

        private String date() {
            return chance(0.85) ? pick("20180101", "20180615", "20190301", "20200229", "20191231", "20170704")
                    : pick("", "20190230", "2019-01-01", "20190101.0", "1899", " 20190101", "20191301", "99999999",
                            "18991231", "2018010", "201801011", "20180101 ", "20190101\n", "20190101\r\n");
        }

        private String end() {
            return chance(0.3) ? pick("", "88888888", "88881231") : date();
        }

        private String code(String... valid) {
            if (chance(0.9)) {
                return valid[rnd.nextInt(valid.length)];
            }
            return pick("", "1", "1.0", "99", "x", "ab;c", "abcdefghijklmnopq", "0", " 01", "01 ", "\"q\"");
        }

        private String gemeente() {
            return chance(0.85) ? pick("0599", "599", "GM0599", "gm0363", "363.0", "14", "")
                    : pick("----", "-", "12345", "x", "GM59", "05 99", "0599.5", "0599\n", "gm0599\u2028", "12\r");
        }

        private String part(String... valid) {
            return chance(0.85) ? valid[rnd.nextInt(valid.length)] : pick("", "0", "00", "--", "----", "-", "13", "32",
                    "1849", "2101", "2010.0", "5.0", "x");
        }

        /** One CSV file: header, then records; some records damaged at line level. */
        private void file(Path path, char sep, List<String> header, List<List<String>> records, boolean lineBreaks) {
            file(path, sep, header, records, lineBreaks, StandardCharsets.UTF_8);
        }

        private void file(Path path, char sep, List<String> header, List<List<String>> records, boolean lineBreaks,
                java.nio.charset.Charset cs) {
            StringBuilder b = new StringBuilder(String.join(String.valueOf(sep), header)).append('\n');
            List<String> written = new ArrayList<>();
            for (List<String> rec : records) {
                List<String> fields = new ArrayList<>(rec);
                if (chance(0.02) && fields.size() > 1) {
                    fields.remove(fields.size() - 1);
                } else if (chance(0.02)) {
                    fields.add("extra");
                }
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        line.append(sep);
                    }
                    String v = fields.get(i);
                    if (lineBreaks && chance(0.01)) {
                        v = v + "\nnext";
                    }
                    boolean mustQuote = v.indexOf(sep) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0;
                    if (mustQuote || chance(0.05)) {
                        line.append('"').append(v.replace("\"", "\"\"")).append('"');
                    } else {
                        line.append(v);
                    }
                }
                String l = line.toString();
                written.add(l);
                b.append(l).append(chance(0.5) ? "\n" : "\r\n");
                if (chance(0.01)) {
                    b.append(pick("", "   ", sep == ',' ? "" : " ")).append('\n');
                }
                if (chance(0.03)) {
                    b.append(written.get(rnd.nextInt(written.size()))).append('\n'); // an exact duplicate
                }
            }
            Fixtures.write(path, b.toString(), cs);
        }

        void write(Path in) {
            // JGDHULPBUS: three yearly files; spells repeat across years (merged repeats), the first file lacks the
            // optional provider column, the second has a ';' separator and another column order.
            List<List<String>> spells = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                spells.add(List.of(rinpersoons(), rinpersoon(), code("01", "02", "03", "12"), date(),
                        code("01", "02", "03", "07"), code("01", "02", "03", "04"), pick("100", "200", "", " 100")));
            }
            String[] years = {"2018", "2019", "2020"};
            for (int y = 0; y < years.length; y++) {
                List<List<String>> recs = new ArrayList<>();
                boolean provider = y > 0;
                for (List<String> s : spells) {
                    if (!chance(0.6)) {
                        continue;
                    }
                    List<String> r = new ArrayList<>(List.of(s.get(0), s.get(1), s.get(2), s.get(3), end(), s.get(4), s.get(5),
                            code("01", "02", "05")));
                    if (provider) {
                        r.add(s.get(6));
                    }
                    r.add(gemeente());
                    if (y == 1) {
                        java.util.Collections.swap(r, 0, 1);
                    }
                    recs.add(r);
                }
                List<String> header = new ArrayList<>(List.of("RINPERSOONS", "RINPERSOON", "JGDHHULPVORM",
                        "JGDHGELDIGHEIDBEGINDATUM", "jgdhgeldigheideinddatum", "JGDHVERWIJZER", "JGDHPERSPECTIEF",
                        "JGDHREDENBEEINDIGING"));
                if (provider) {
                    header.add("JGDHAANBIEDER");
                }
                header.add("JGDHGEMEENTE");
                if (y == 1) {
                    java.util.Collections.swap(header, 0, 1);
                }
                file(in.resolve("JGDHULPBUS").resolve("JGDHULP" + years[y] + "BUSV1.csv"), y == 1 ? ';' : ',', header,
                        recs, false);
            }
            List<List<String>> b = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                b.add(List.of(rinpersoons(), rinpersoon(), code("11", "12", "21"), date(), end()));
            }
            file(in.resolve("JGDBESCHERMBUS.csv"), ',', List.of("RINPERSOONS", "RINPERSOON", "JGDBMAATREGEL",
                    "JGDBGELDIGHEIDBEGINDATUM", "JGDBGELDIGHEIDEINDDATUM"), b, true);
            List<List<String>> rspells = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                rspells.add(List.of(rinpersoons(), rinpersoon(), code("41", "42", "50"), date()));
            }
            for (String year : new String[] {"2019", "2020"}) {
                List<List<String>> recs = new ArrayList<>();
                for (List<String> s : rspells) {
                    if (chance(0.7)) {
                        recs.add(List.of(s.get(0), s.get(1), s.get(2), s.get(3), end()));
                    }
                }
                // The 2020 file in Windows-1252 (CsvDialect's other charset), with a few non-ASCII values in it.
                boolean cp1252 = year.equals("2020");
                if (cp1252) {
                    recs.add(List.of("ü", persons.get(0), "é1", "20190101", ""));
                    recs.add(List.of("R", persons.get(1), "41", "20190101", "€"));
                }
                file(in.resolve("JGDRECLASSERINGBUS").resolve("JGDRECLASSERING" + year + "BUSV1.csv"), ',',
                        List.of("RINPERSOONS", "RINPERSOON", "JGDRMAATREGEL", "JGDRGELDIGHEIDBEGINDATUM",
                                "JGDRGELDIGHEIDEINDDATUM"), recs, false,
                        cp1252 ? java.nio.charset.Charset.forName("windows-1252") : StandardCharsets.UTF_8);
            }
            List<List<String>> p = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                p.add(List.of(rinpersoons(), rinpersoon(), code("1", "2", "-", "--", ""), part("2010", "2005", "2016", "1999"),
                        part("05", "5", "02", "12", "00", ""), part("20", "29", "31", "1", "0", "")));
            }
            file(in.resolve("GBAPERSOONTAB.csv"), ';', List.of("RINPERSOONS", "RINPERSOON", "GBAGESLACHT", "GBAGEBOORTEJAAR",
                    "GBAGEBOORTEMAAND", "GBAGEBOORTEDAG"), p, false);
            List<List<String>> a = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                a.add(List.of(rinpersoons(), rinpersoon(), date(), end(), pick("A", "VBO", "A", "", "1.0"),
                        chance(0.9) ? String.valueOf(100 + rnd.nextInt(20)) : pick("", "7.0", " 101")));
            }
            file(in.resolve("GBAADRESOBJECTBUS.csv"), ',', List.of("RINPERSOONS", "RINPERSOON", "GBADATUMAANVANGADRESHOUDING",
                    "GBADATUMEINDEADRESHOUDING", "SOORTOBJECTNUMMER", "RINOBJECTNUMMER"), a, true);
            List<List<String>> o = new ArrayList<>();
            TreeMap<String, Boolean> seen = new TreeMap<>();
            for (int i = 0; i < 150; i++) {
                String obj = pick("A", "VBO", "", "1.0") + "|" + (100 + rnd.nextInt(30));
                seen.put(obj, true);
                String[] k = obj.split("\\|", -1);
                o.add(List.of(k[0], chance(0.95) ? k[1] : "", gemeente(), gemeente(), gemeente()));
            }
            file(in.resolve("VSLGWBTAB.csv"), ',', List.of("SOORTOBJECTNUMMER", "RINOBJECTNUMMER", "GEM2018", "gem2019",
                    "GEM2020"), o, false);
        }
    }
}
