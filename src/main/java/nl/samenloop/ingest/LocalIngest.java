package nl.samenloop.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import nl.samenloop.engine.SparkActivity;
import nl.samenloop.ingest.ParquetRows.Kind;
import nl.samenloop.model.Codes;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.csv.CSVOptions;

/**
 * Ingest of one CSV table in this JVM, without Spark: the same records, statuses, staged rows, rejects and counts
 * as the Spark path of {@link Ingest} ({@link RawTable}, {@link Classifier}, {@link TableRules}), in one sequential
 * pass per file. A local run spends most of a Spark ingest on fixed costs (generated code compiled per query, a
 * shuffle and two windows per table); plain Java code reads the same CSV several times faster.
 *
 * <p>The records are those of {@link CsvRecords} (row numbers, blank lines, field-count shape); fields are split by
 * the very tokenizer Spark's {@code from_csv} uses (Univocity with the settings of Spark's {@code CSVOptions}), and an
 * empty field is null, as there. The rules mirror {@link TableRules} check for check (the class comments there hold
 * for every value here); {@code LocalIngestDifferentialTest} runs both engines on random, damaged input and requires
 * equal staged datasets, rejects and counts.
 *
 * <p>Used for CSV tables when Spark runs in local mode on local folders (system property {@code samenloop.ingest}:
 * {@code auto}, the default; {@code spark} or {@code local} to choose). Parquet and SPSS input and cluster runs go
 * through Spark.
 */
final class LocalIngest {
    /** The system property that chooses the ingest engine: auto (default), spark or local. */
    static final String ENGINE = "samenloop.ingest";
    private static final long BYTES_PER_PART = 16L << 20;
    private static final long PROGRESS_ROWS = 1 << 16;

    private static final Pattern NUM = Pattern.compile("^(-?\\d+)\\.0*$");
    // The anchored patterns of Expr as plain tests of s[0, end) (see find): no Matcher per value.
    static final Shape ONE_DIGIT = (s, end) -> digits(s, end, 1, 1);
    static final Shape NINE_DIGITS = (s, end) -> digits(s, end, 9, 9);
    static final Shape EIGHT_DIGITS = (s, end) -> digits(s, end, 8, 8);
    static final Shape FOUR_DIGITS = (s, end) -> digits(s, end, 4, 4);
    static final Shape ONE_OR_TWO_DIGITS = (s, end) -> digits(s, end, 1, 2);
    static final Shape UP_TO_FOUR_DIGITS = (s, end) -> digits(s, end, 1, 4);
    static final Shape DASHES = (s, end) -> all(s, end, '-');
    /** ^(0+|-+)$ */
    static final Shape MISSING_PART = (s, end) -> all(s, end, '0') || all(s, end, '-');
    /** ^(?i)GM\d{4}$ (ASCII case-insensitive, as (?i) without UNICODE_CASE) */
    static final Shape GM = (s, end) -> end == 6 && (s.charAt(0) | 0x20) == 'g' && (s.charAt(1) | 0x20) == 'm'
            && digits(s.substring(2, 6), 4, 4, 4);

    static final LinkedHashMap<String, Kind> REJECT_COLUMNS = columns("file", Kind.STRING, "row", Kind.LONG,
            "column", Kind.STRING, "reason", Kind.STRING, "detail", Kind.STRING);

    private LocalIngest() {
    }

    /** Whether {@code in} is ingested here rather than by Spark. */
    static boolean applies(String master, TableInput in, Location inputDir, Location workDir) {
        String choice = System.getProperty(ENGINE, "auto");
        boolean csv = in.files().stream().allMatch(f -> f.format() == SourceFile.Format.CSV);
        return switch (choice) {
            case "spark" -> false;
            case "local" -> csv;
            default -> csv && master.startsWith("local") && inputDir.isLocal() && workDir.isLocal();
        };
    }

    /** A table's files with their CSV dialects and headers, checked before any record of any table is read. */
    record Prepared(TableInput input, TableSpec spec, List<CsvDialect> dialects, List<List<String>> headers,
            RawTable.Layout layout, long bytes) {
    }

    static Prepared prepare(TableInput in, TableSpec spec) {
        List<CsvDialect> dialects = new ArrayList<>();
        List<List<String>> headers = new ArrayList<>();
        for (SourceFile f : in.files()) {
            CsvDialect d = CsvDialect.detect(f.path());
            dialects.add(d);
            headers.add(SourceReader.uniqueHeader(f, d.header()));
        }
        long bytes = 0;
        for (SourceFile f : in.files()) {
            try {
                bytes += Storage.status(f.path()).map(org.apache.hadoop.fs.FileStatus::getLen).orElse(0L);
            } catch (IOException e) {
                throw new IngestException(f.path() + ": cannot read the file's size (" + e.getMessage() + ")");
            }
        }
        return new Prepared(in, spec, dialects, headers, RawTable.Layout.of(in, spec, headers), bytes);
    }

    /**
     * Heap a table takes while it is ingested here, generously: the duplicate check holds every record's text of a
     * file (about 150 bytes a record of some 40 bytes of CSV), the repeat merge a key per spell across files.
     */
    static long heapEstimate(Prepared p) {
        return 4 * p.bytes();
    }

    /**
     * The tables to leave to Spark so that those ingested here fit in {@code room} bytes of heap, {@code cores} at a
     * time (largest first, as they run): the largest go first. Empty with {@code -Dsamenloop.ingest=local}.
     */
    static List<String> tooBigForHeap(Map<String, Prepared> local, int cores, long room) {
        if (System.getProperty(ENGINE, "auto").equals("local")) {
            return List.of();
        }
        List<Prepared> bySize = new java.util.ArrayList<>(local.values());
        bySize.sort(java.util.Comparator.comparingLong(Prepared::bytes).reversed());
        List<String> out = new java.util.ArrayList<>();
        while (!bySize.isEmpty()) {
            long together = bySize.stream().limit(Math.max(1, cores)).mapToLong(LocalIngest::heapEstimate).sum();
            if (together <= room) {
                break;
            }
            out.add(bySize.remove(0).spec().table());
        }
        return out;
    }

    /** Reads, classifies and writes one table into {@code work} (a staging generation); its counts. */
    static Ingest.Counts table(Prepared p, Location work, int maxParts, String codec) throws IOException {
        TableSpec spec = p.spec();
        List<SourceFile> files = p.input().files();
        Rules rules = new Rules(spec, p.layout());
        boolean merge = rules.hasSpellKey && files.size() > 1;
        int parts = (int) Math.max(1, Math.min(maxParts, (p.bytes() + BYTES_PER_PART - 1) / BYTES_PER_PART));
        SparkActivity activity = SparkActivity.current();
        Tally t = new Tally();
        try (ParquetRows staged = new ParquetRows(Staging.staged(work, spec.table()), rules.stagedColumns, parts, codec);
                ParquetRows rejects = new ParquetRows(Staging.rejects(work, spec.table()), REJECT_COLUMNS, 1, codec)) {
            // A spell repeated in an earlier yearly file is merged into the latest file's record (Classifier:
            // MERGED_REPEAT when its file ranks below the latest rank among the spell's unrejected records). Reading
            // the files latest first, the first unrejected record of a spell sets that rank: records of that file are
            // accepted, those of earlier files merged, as they stream by.
            Map<List<Object>, Integer> latestRank = merge ? new HashMap<>() : null;
            for (int rank = files.size() - 1; rank >= 0; rank--) {
                SourceFile f = files.get(rank);
                CsvDialect d = p.dialects().get(rank);
                int[] index = rules.index(p.headers().get(rank), p.layout(), rank);
                CsvParser parser = new CsvParser(settings(d.separator()));
                // Sized for the file's records (about 40 bytes each) so the map is not rehashed as it fills.
                long fileBytes = Storage.status(f.path()).map(org.apache.hadoop.fs.FileStatus::getLen).orElse(0L);
                Map<String, Long> firstRows = new HashMap<>((int) Math.min(1 << 28, Math.max(16, fileBytes / 30)));
                StringBuilder key = new StringBuilder();
                try (InputStream in = Storage.open(f.path())) {
                    Iterator<Row> records = CsvRecords.records(in, d.charset(), d.separator(), p.headers().get(rank).size(),
                            f.path().spark());
                    while (records.hasNext()) {
                        Row r = records.next();
                        long row = r.getLong(1);
                        String[] tokens = fields(r.getString(0), d.separator(), parser);
                        String[] raw = new String[index.length];
                        for (int j = 0; j < index.length; j++) {
                            int at = index[j];
                            String v = at < 0 || tokens == null || at >= tokens.length ? null : tokens[at];
                            raw[j] = v == null || v.isEmpty() ? null : v;
                        }
                        if (++t.read % PROGRESS_ROWS == 0) {
                            if (Thread.currentThread().isInterrupted()) {
                                throw new IngestException(f.path() + ": ingest stopped (another table failed)");
                            }
                            if (activity != null) {
                                long written = staged.rows() + rejects.rows();
                                activity.countLocal(PROGRESS_ROWS, written - t.reportedWritten);
                                t.reportedWritten = written;
                            }
                        }
                        Long first = firstRows.putIfAbsent(duplicateKey(raw, key), row);
                        Result res = rules.classify(raw, r.getString(2), f.year(), rank);
                        if (res.reason != null) {
                            t.reject(rejects, f.name(), row, res.reason, res.column, res.detail);
                        } else if (first != null) {
                            t.reject(rejects, f.name(), row, Reason.DUPLICATE, Classifier.DUPLICATE_COLUMN,
                                    "same as row " + first);
                        } else if (merge && latestRank.computeIfAbsent(res.spellKey, k -> res.rank) > res.rank) {
                            t.merged++;
                        } else {
                            t.accept(staged, res, rules);
                        }
                    }
                }
            }
            staged.close();
            rejects.close();
            if (activity != null) {
                activity.countLocal(t.read % PROGRESS_ROWS, staged.rows() + rejects.rows() - t.reportedWritten);
            }
            return new Ingest.Counts(t.read, t.accepted, t.merged, t.notLinkable, t.rejected, t.latest == null ? null
                    : LocalDate.ofEpochDay(t.latest), staged.rows(), rejects.rows());
        }
    }

    /** The counts of one table as its records are classified. */
    private static final class Tally {
        long read;
        long accepted;
        long merged;
        long notLinkable;
        Integer latest;
        /** Rows written as far as progress lines were told. */
        long reportedWritten;
        final Map<Reason, Long> rejected = new EnumMap<>(Reason.class);

        void reject(ParquetRows out, String file, long row, Reason reason, String column, String detail) {
            rejected.merge(reason, 1L, Long::sum);
            out.write(new Object[] {file, row, column, reason.name(), detail});
        }

        void accept(ParquetRows out, Result res, Rules rules) {
            accepted++;
            if (!res.linkable) {
                notLinkable++;
            }
            if (res.latest != null && (latest == null || res.latest > latest)) {
                latest = res.latest;
            }
            if (rules.years == null) {
                out.write(res.staged);
            } else {
                // VSLGWBTAB in long form: one row per classification year (Staging).
                for (int i = 0; i < rules.years.size(); i++) {
                    out.write(new Object[] {res.staged[0], rules.years.get(i), res.staged[1 + i]});
                }
            }
        }
    }

    /**
     * The group key of the duplicate check: the raw text of every mapped column (Classifier: "the same raw text in
     * every mapped column within one file"), each value length-prefixed so that no two different records share a key.
     */
    private static String duplicateKey(String[] raw, StringBuilder b) {
        b.setLength(0);
        for (String v : raw) {
            if (v == null) {
                b.append('-');
            } else {
                b.append(v.length()).append(':').append(v);
            }
        }
        return b.toString();
    }

    /**
     * The fields of one record as Spark's from_csv splits them. A record without a quote (almost every delivered one)
     * is split at every separator, which is what the tokenizer does with such a line under Spark's settings (no
     * trimming, empty fields kept); any other record goes through the tokenizer itself.
     */
    static String[] fields(String record, char sep, CsvParser tokenizer) {
        if (record.indexOf('"') >= 0 || record.indexOf('\0') >= 0) {
            return tokenizer.parseLine(record);
        }
        int n = 1;
        for (int i = 0; i < record.length(); i++) {
            if (record.charAt(i) == sep) {
                n++;
            }
        }
        String[] out = new String[n];
        int start = 0;
        int f = 0;
        for (int i = 0; i < record.length(); i++) {
            if (record.charAt(i) == sep) {
                out[f++] = record.substring(start, i);
                start = i + 1;
            }
        }
        out[f] = record.substring(start);
        return out;
    }

    /** Univocity's settings exactly as Spark's from_csv makes them for SourceReader's options. */
    static CsvParserSettings settings(char sep) {
        scala.collection.immutable.Map<String, String> opts = scala.collection.immutable.Map$.MODULE$.from(
                scala.jdk.javaapi.CollectionConverters.asScala(SourceReader.csvOptions(sep)));
        return new CSVOptions(opts, true, "UTC").asParserSettings();
    }

    private static LinkedHashMap<String, Kind> columns(Object... nameKind) {
        LinkedHashMap<String, Kind> m = new LinkedHashMap<>();
        for (int i = 0; i < nameKind.length; i += 2) {
            m.put((String) nameKind[i], (Kind) nameKind[i + 1]);
        }
        return m;
    }

    /** One record's outcome: a failed check (reason, column, detail), or the staged values. */
    private static final class Result {
        Reason reason;
        String column;
        String detail;
        Object[] staged;
        List<Object> spellKey;
        boolean linkable = true;
        Integer latest;
        int rank;

        Result fail(Reason r, String c, String d) {
            reason = r;
            column = c;
            detail = d;
            return this;
        }
    }

    /** The rules of {@link TableRules} as plain Java over one record's raw text. */
    private static final class Rules {
        final TableSpec spec;
        final String table;
        final Map<String, Integer> at = new HashMap<>();
        final List<Integer> years;
        final boolean hasSpellKey;
        final boolean aanbiederInKey;
        final LinkedHashMap<String, Kind> stagedColumns;

        Rules(TableSpec spec, RawTable.Layout layout) {
            this.spec = spec;
            this.table = spec.table();
            int i = 0;
            for (String canonical : spec.all().keySet()) {
                at.put(canonical, i++);
            }
            this.years = Staging.OBJECTS.equals(table) ? layout.years() : null;
            this.aanbiederInKey = layout.presentOptional().contains("aanbieder");
            switch (table) {
                case Staging.JEUGDHULP -> {
                    hasSpellKey = true;
                    stagedColumns = columns("person", Kind.LONG, "linkable", Kind.BOOLEAN, "hulpvorm", Kind.STRING,
                            "begin", Kind.DATE, "end", Kind.DATE, "verwijzer", Kind.STRING, "perspectief", Kind.STRING,
                            "reden", Kind.STRING, "aanbieder", Kind.STRING, "gemeente", Kind.STRING, "source_year", Kind.INT);
                }
                case Staging.BESCHERMING, Staging.RECLASSERING -> {
                    hasSpellKey = true;
                    stagedColumns = columns("person", Kind.LONG, "linkable", Kind.BOOLEAN, "maatregel", Kind.STRING,
                            "begin", Kind.DATE, "end", Kind.DATE, "source_year", Kind.INT);
                }
                case Staging.PERSONS -> {
                    hasSpellKey = false;
                    stagedColumns = columns("person", Kind.LONG, "sex", Kind.STRING, "birth_date", Kind.DATE,
                            "birth_imputed", Kind.STRING);
                }
                case Staging.ADDRESSES -> {
                    hasSpellKey = true;
                    stagedColumns = columns("person", Kind.LONG, "begin", Kind.DATE, "end", Kind.DATE, "object", Kind.STRING);
                }
                case Staging.OBJECTS -> {
                    hasSpellKey = false;
                    stagedColumns = columns("object", Kind.STRING, "year", Kind.INT, "gemeente", Kind.STRING);
                }
                default -> throw new IllegalArgumentException("no rules for table " + table);
            }
        }

        /** For one file: the position in its header of each raw value (canonical columns, then GEM years); -1 = absent. */
        int[] index(List<String> header, RawTable.Layout layout, int file) {
            int n = spec.all().size() + layout.years().size();
            int[] out = new int[n];
            int i = 0;
            for (String canonical : spec.all().keySet()) {
                String actual = layout.found().get(file).get(canonical);
                out[i++] = actual == null ? -1 : header.indexOf(actual);
            }
            for (int y : layout.years()) {
                String actual = layout.yearColumns().get(file).get(y);
                out[i++] = actual == null ? -1 : header.indexOf(actual);
            }
            return out;
        }

        private String raw(String[] raw, String canonical) {
            return raw[at.get(canonical)];
        }

        Result classify(String[] raw, String shape, Integer year, int rank) {
            Result r = new Result();
            r.rank = rank;
            if (shape != null) {
                return r.fail(Reason.WRONG_FIELD_COUNT, Classifier.DUPLICATE_COLUMN, shape);
            }
            return switch (table) {
                case Staging.JEUGDHULP -> jeugdhulp(raw, year, r);
                case Staging.BESCHERMING -> measure(raw, year, r, Codes.JEUGDBESCHERMING);
                case Staging.RECLASSERING -> measure(raw, year, r, Codes.JEUGDRECLASSERING);
                case Staging.PERSONS -> persons(raw, r);
                case Staging.ADDRESSES -> addresses(raw, r);
                default -> objects(raw, r);
            };
        }

        /** The person key (TableRules#personKey): null when a check failed (r holds the failure). */
        private Long person(String[] raw, Result r, boolean rejectNotLinkable, boolean checkLinkableNow) {
            String rs = text(raw(raw, "rinpersoons"));
            String rin = num(text(raw(raw, "rinpersoon")));
            boolean linkable = "R".equals(rs);
            if (!find(NINE_DIGITS, rin)) {
                String src = spec.source("rinpersoon");
                r.fail(Reason.MISSING_KEY, src, rin == null ? src + " empty" : src + " not 9 digits");
                return null;
            }
            long rinLong = castLong(rin);
            r.linkable = rejectNotLinkable || linkable;
            if (rejectNotLinkable && !linkable && checkLinkableNow) {
                r.fail(Reason.NOT_LINKABLE, spec.source("rinpersoons"), spec.source("rinpersoons") + " is not R");
                return null;
            }
            return linkable ? rinLong : 1_000_000_000L * (1 + (long) (rs == null ? '?' : rs.codePointAt(0))) + rinLong;
        }

        /** begin and end (TableRules#spellDates) as {begin, end} epoch days (end null = open), or null after a failure. */
        private Integer[] spell(String[] raw, Result r) {
            String bs = num(text(raw(raw, "begin")));
            Integer begin = date(bs);
            String es = num(text(raw(raw, "end")));
            boolean open = es == null || es.equals("88888888") || es.equals("88881231");
            Integer end = open ? null : date(es);
            String b = spec.source("begin");
            String e = spec.source("end");
            if (begin == null) {
                r.fail(Reason.BAD_DATE, b, bs == null ? b + " empty" : b + " not a valid YYYYMMDD date");
                return null;
            }
            if (!open && end == null) {
                r.fail(Reason.BAD_DATE, e, e + " not a valid YYYYMMDD date");
                return null;
            }
            if (end != null && end < begin) {
                r.fail(Reason.END_BEFORE_BEGIN, e, e + " before " + b);
                return null;
            }
            r.latest = end == null ? begin : Math.max(begin, end);
            return new Integer[] {begin, end};
        }

        /** A code (TableRules#codeCheck); r fails when it is not in the list (or empty when required). */
        private String code(String[] raw, String canonical, Map<String, String> list, boolean required, Result r) {
            String c = code2(num(text(raw(raw, canonical))));
            boolean bad = c == null ? required : !list.containsKey(c);
            if (bad) {
                r.fail(Reason.UNKNOWN_CODE, spec.source(canonical), codeDetail(c, spec.source(canonical)));
            }
            return c;
        }

        /** A care spell's person and dates: the first checks of the JGD tables. */
        private record CareSpell(Long person, Integer begin, Integer end) {
        }

        /** The person key, then begin and end (TableRules#personKey, #spellDates), or null after a failure. */
        private CareSpell careSpell(String[] raw, Result r) {
            Long person = person(raw, r, false, false);
            if (r.reason != null) {
                return null;
            }
            Integer[] spell = spell(raw, r);
            return spell == null ? null : new CareSpell(person, spell[0], spell[1]);
        }

        private Result jeugdhulp(String[] raw, Integer year, Result r) {
            CareSpell c = careSpell(raw, r);
            if (c == null) {
                return r;
            }
            String hulpvorm = code(raw, "hulpvorm", Codes.HULPVORM, true, r);
            String verwijzer = r.reason == null ? code(raw, "verwijzer", Codes.VERWIJZER, false, r) : null;
            String perspectief = r.reason == null ? code(raw, "perspectief", Codes.PERSPECTIEF, false, r) : null;
            String reden = r.reason == null ? code(raw, "reden", Codes.REDEN_BEEINDIGING, false, r) : null;
            if (r.reason != null) {
                return r;
            }
            String gemeente = gemeente(num(text(raw(raw, "gemeente"))));
            if (BAD.equals(gemeente)) {
                String src = spec.source("gemeente");
                return r.fail(Reason.UNKNOWN_CODE, src, src + " not a 4-digit municipality code");
            }
            String aanbieder = text(raw(raw, "aanbieder"));
            r.spellKey = aanbiederInKey ? Arrays.asList(c.person(), hulpvorm, c.begin(), aanbieder)
                    : Arrays.asList(c.person(), hulpvorm, c.begin());
            r.staged = new Object[] {c.person(), r.linkable, hulpvorm, c.begin(), c.end(), verwijzer, perspectief, reden,
                    aanbieder, gemeente, year};
            return r;
        }

        private Result measure(String[] raw, Integer year, Result r, Map<String, String> list) {
            CareSpell c = careSpell(raw, r);
            if (c == null) {
                return r;
            }
            String maatregel = code(raw, "maatregel", list, true, r);
            if (r.reason != null) {
                return r;
            }
            r.spellKey = Arrays.asList(c.person(), maatregel, c.begin());
            r.staged = new Object[] {c.person(), r.linkable, maatregel, c.begin(), c.end(), year};
            return r;
        }

        private Result persons(String[] raw, Result r) {
            Long person = person(raw, r, true, true);
            if (r.reason != null) {
                return r;
            }
            String py = num(text(raw(raw, "geboortejaar")));
            String pm = num(text(raw(raw, "geboortemaand")));
            String pd = num(text(raw(raw, "geboortedag")));
            boolean yMiss = missingPart(py);
            boolean mMiss = missingPart(pm);
            boolean dMiss = missingPart(pd);
            Integer y = find(FOUR_DIGITS, py) ? castInt(py) : null;
            Integer m = find(ONE_OR_TWO_DIGITS, pm) ? castInt(pm) : null;
            Integer d = find(ONE_OR_TWO_DIGITS, pd) ? castInt(pd) : null;
            boolean yOk = y != null && y >= 1850 && y <= 2100;
            boolean mOk = m != null && m >= 1 && m <= 12;
            int maxDay = yOk && mOk ? YearMonth.of(y, m).lengthOfMonth() : 31;
            boolean dOk = d != null && d >= 1 && d <= maxDay;
            String jaar = spec.source("geboortejaar");
            String maand = spec.source("geboortemaand");
            String dag = spec.source("geboortedag");
            if (!yMiss && !yOk) {
                return r.fail(Reason.BAD_DATE, jaar, jaar + " not a year");
            }
            if (!mMiss && !mOk) {
                return r.fail(Reason.BAD_DATE, maand, maand + " not a month 1-12");
            }
            if (!dMiss && !dOk) {
                return r.fail(Reason.BAD_DATE, dag, dag + " not a day of that month");
            }
            String sex = num(text(raw(raw, "geslacht")));
            boolean known = sex != null && Codes.GESLACHT.containsKey(sex);
            if (sex != null && !find(DASHES, sex) && !known) {
                String g = spec.source("geslacht");
                return r.fail(Reason.UNKNOWN_CODE, g, codeDetail(sex, g));
            }
            boolean ok = yOk && (mMiss || mOk) && (dMiss || dOk);
            Integer birth = yMiss || !ok ? null
                    : mMiss ? epochDay(y, 7, 1)
                    : dMiss ? epochDay(y, m, 15)
                    : epochDay(y, m, d);
            String imputed = yMiss ? "NO_YEAR" : mMiss ? "MONTH_DAY" : dMiss ? "DAY" : "NONE";
            r.staged = new Object[] {person, known ? sex : null, birth, imputed};
            return r;
        }

        /** "soort:rinobject" (TableRules#objectKey), or null after a failure. */
        private String object(String[] raw, Result r) {
            String soort = num(text(raw(raw, "soortobject")));
            String rinobject = num(text(raw(raw, "rinobject")));
            if (soort == null) {
                String s = spec.source("soortobject");
                r.fail(Reason.MISSING_KEY, s, s + " empty");
                return null;
            }
            if (rinobject == null) {
                String o = spec.source("rinobject");
                r.fail(Reason.MISSING_KEY, o, o + " empty");
                return null;
            }
            return soort + ":" + rinobject;
        }

        private Result addresses(String[] raw, Result r) {
            // Checks in Reason order: MISSING_KEY (person, then object key) before NOT_LINKABLE.
            Long person = person(raw, r, true, false);
            if (r.reason != null) {
                return r;
            }
            String object = object(raw, r);
            if (object == null) {
                return r;
            }
            if (!"R".equals(text(raw(raw, "rinpersoons")))) {
                return r.fail(Reason.NOT_LINKABLE, spec.source("rinpersoons"), spec.source("rinpersoons") + " is not R");
            }
            Integer[] spell = spell(raw, r);
            if (spell == null) {
                return r;
            }
            r.spellKey = Arrays.asList(person, object, spell[0]);
            r.staged = new Object[] {person, spell[0], spell[1], object};
            return r;
        }

        private Result objects(String[] raw, Result r) {
            String object = object(raw, r);
            if (object == null) {
                return r;
            }
            int base = spec.all().size();
            Object[] staged = new Object[1 + years.size()];
            staged[0] = object;
            for (int i = 0; i < years.size(); i++) {
                String g = gemeente(num(text(raw[base + i])));
                if (BAD.equals(g)) {
                    String src = spec.yearColumnPrefix() + years.get(i);
                    return r.fail(Reason.UNKNOWN_CODE, src, src + " not a 4-digit municipality code");
                }
                staged[1 + i] = g;
            }
            r.staged = staged;
            return r;
        }
    }

    // ---- the value functions of Expr, for one value (null in, null out) ----

    private static final String BAD = Expr.BAD_CODE;

    /** A test of whether s[0, end) has a shape. */
    @FunctionalInterface
    interface Shape {
        boolean test(String s, int end);
    }

    /**
     * Spark's rlike of an anchored pattern "^X$" (Expr): {@code find}, where '$' matches at the end of the text and
     * also before one final line terminator (\n, \r\n, \r, U+0085, U+2028, U+2029), so "123456789\n" has nine digits.
     */
    static boolean find(Shape shape, String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        if (shape.test(s, n)) {
            return true;
        }
        if (n >= 2 && s.charAt(n - 2) == '\r' && s.charAt(n - 1) == '\n') {
            return shape.test(s, n - 2);
        }
        if (n >= 1) {
            char c = s.charAt(n - 1);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return shape.test(s, n - 1);
            }
        }
        return false;
    }

    /** s[0, end) is min to max ASCII digits. */
    private static boolean digits(String s, int end, int min, int max) {
        if (end < min || end > max) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** s[0, end) is one or more of c. */
    private static boolean all(String s, int end, char c) {
        if (end < 1) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** Expr#text: trimmed of spaces (ASCII 32 only, as Spark's trim); empty → null. */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == ' ') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == ' ') {
            e--;
        }
        return b == e ? null : s.substring(b, e);
    }

    /** Expr#num. */
    static String num(String t) {
        return t != null && t.indexOf('.') >= 0 ? NUM.matcher(t).replaceAll("$1") : t;
    }

    /** Expr#code2. */
    static String code2(String n) {
        return find(ONE_DIGIT, n) ? "0" + n : n;
    }

    static boolean missingPart(String n) {
        return n == null || find(MISSING_PART, n);
    }

    /** Expr#gemeente. */
    static String gemeente(String s) {
        if (s == null || find(DASHES, s)) {
            return null;
        }
        if (find(UP_TO_FOUR_DIGITS, s)) {
            return "GM" + lpad4(s);
        }
        if (find(GM, s)) {
            return s.toUpperCase(Locale.ROOT);
        }
        return BAD;
    }

    /** Spark's lpad(s, 4, "0"): padded on the left to 4 characters, or cut to the first 4. */
    private static String lpad4(String s) {
        int n = s.codePointCount(0, s.length());
        if (n >= 4) {
            return s.substring(0, s.offsetByCodePoints(0, 4));
        }
        return "0".repeat(4 - n) + s;
    }

    /** Expr#codeDetail: the code cut to 12 characters. */
    static String codeDetail(String code, String column) {
        if (code == null) {
            return column + " empty";
        }
        String cut = code.codePointCount(0, code.length()) > 12 ? code.substring(0, code.offsetByCodePoints(0, 12)) : code;
        return column + " code '" + cut + "' not in code list";
    }

    /** A YYYYMMDD date (Expr#date over the parts of an 8-digit text) as epoch day, or null. */
    static Integer date(String s) {
        if (!find(EIGHT_DIGITS, s)) {
            return null;
        }
        int y = Integer.parseInt(s.substring(0, 4));
        int m = Integer.parseInt(s.substring(4, 6));
        int d = Integer.parseInt(s.substring(6, 8));
        if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > YearMonth.of(y, m).lengthOfMonth()) {
            return null;
        }
        return epochDay(y, m, d);
    }

    private static Integer epochDay(int y, int m, int d) {
        return (int) LocalDate.of(y, m, d).toEpochDay();
    }

    /** Spark's cast of digit text (behind a digits regex) to a number: surrounding whitespace and controls ignored. */
    private static String digits(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) <= ' ') {
            b++;
        }
        while (e > b && s.charAt(e - 1) <= ' ') {
            e--;
        }
        return s.substring(b, e);
    }

    static long castLong(String s) {
        return Long.parseLong(digits(s));
    }

    static Integer castInt(String s) {
        try {
            return Integer.parseInt(digits(s));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
