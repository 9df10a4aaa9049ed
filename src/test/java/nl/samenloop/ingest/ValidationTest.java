package nl.samenloop.ingest;

import static nl.samenloop.ingest.Fixtures.lines;
import static nl.samenloop.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.samenloop.engine.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad-input kind with its reason and column, one fixture per table, counts worked out by hand. */
class ValidationTest {
    @TempDir
    static Path tmp;
    static Path work;
    static IngestReport report;

    @BeforeAll
    static void ingest() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        write(in.resolve("JGDHULPBUS.csv"), lines(
                Fixtures.JGDH_HEADER + ",JGDHVERWIJZER",
                "R,000000001,01,20190101,20190630,",   // 1 accepted
                "R,,01,20190101,,",                     // 2 MISSING_KEY (empty)
                "R,12345,01,20190101,,",                // 3 MISSING_KEY (not 9 digits)
                "X,000000004,02,20190301,88888888,01",  // 4 accepted, not linkable, open end
                "R,000000005,03,20191301,,",            // 5 BAD_DATE begin (month 13)
                "R,000000006,03,20190101,20190230,",    // 6 BAD_DATE end (30 February)
                "R,000000007,11,20190501,20190401,",    // 7 END_BEFORE_BEGIN
                "R,000000008,05,20190101,,",            // 8 UNKNOWN_CODE hulpvorm 05
                "R,000000009,1,20190215.0,88881231,2",  // 9 accepted: 1 → 01, numeric date, open end, verwijzer 02
                "R,000000001,01,20190101,20190630,",   // 10 DUPLICATE of row 1
                "R,,99,2019,,",                         // 11 MISSING_KEY wins over BAD_DATE and UNKNOWN_CODE
                "X,12,01,20190101,,",                   // 12 MISSING_KEY wins (not linkable is no reject here)
                "R,000000013,02,20190101,,09"));        // 13 UNKNOWN_CODE verwijzer 09
        write(in.resolve("GBAPERSOONTAB.csv"), lines(
                "RINPERSOONS,RINPERSOON,GBAGESLACHT,GBAGEBOORTEJAAR,GBAGEBOORTEMAAND,GBAGEBOORTEDAG",
                "R,000000001,1,2010,5,20",          // 1 2010-05-20 NONE
                "R,000000004,2,2011,03,--",         // 2 day missing → 2011-03-15 DAY
                "R,000000009,1,2012,00,7",          // 3 month missing → 2012-07-01 MONTH_DAY
                "R,000000010,2,----,3,4",           // 4 year missing → null NO_YEAR
                "R,000000011,1,2013,13,1",          // 5 BAD_DATE month
                "R,000000012,1,2015,2,30",          // 6 BAD_DATE day
                "X,000000013,1,2010,1,1",           // 7 NOT_LINKABLE (rejected in GBA tables)
                "R,000000014,3,2010,1,1",           // 8 UNKNOWN_CODE sex
                "R,000000015,1.0,2016.0,2.0,29.0")); // 9 2016-02-29 NONE (SPSS-style numbers)
        write(in.resolve("GBAADRESOBJECTBUS.csv"), lines(
                "RINPERSOONS,RINPERSOON,GBADATUMAANVANGADRESHOUDING,GBADATUMEINDEADRESHOUDING,SOORTOBJECTNUMMER,RINOBJECTNUMMER",
                "R,000000001,20100520,,A,100",       // 1 accepted
                "R,000000004,20110301,20100101,A,101", // 2 END_BEFORE_BEGIN
                "S,000000005,20110301,,A,101",       // 3 NOT_LINKABLE
                "S,000000006,20110301,,A,"));        // 4 MISSING_KEY object (before NOT_LINKABLE)
        write(in.resolve("VSLGWBTAB.csv"), lines(
                "SOORTOBJECTNUMMER,RINOBJECTNUMMER,GEM2019,gem2020",
                "A,100,599,0599",      // 1 → (2019 GM0599), (2020 GM0599)
                "A,101,----,363",      // 2 → (2019 null), (2020 GM0363)
                "A,,599,599",          // 3 MISSING_KEY
                "A,102,59x,599"));     // 4 UNKNOWN_CODE GEM2019
        work = tmp.resolve("work");
        report = Fixtures.ingest(in, work);
    }

    @Test
    void jeugdhulpRejectsEachKindWithItsReasonAndColumn() {
        assertEquals(Set.of(
                "2|RINPERSOON|MISSING_KEY", "3|RINPERSOON|MISSING_KEY",
                "5|JGDHGELDIGHEIDBEGINDATUM|BAD_DATE", "6|JGDHGELDIGHEIDEINDDATUM|BAD_DATE",
                "7|JGDHGELDIGHEIDEINDDATUM|END_BEFORE_BEGIN", "8|JGDHHULPVORM|UNKNOWN_CODE",
                "10|(whole record)|DUPLICATE", "11|RINPERSOON|MISSING_KEY", "12|RINPERSOON|MISSING_KEY",
                "13|JGDHVERWIJZER|UNKNOWN_CODE"), Fixtures.rejects(work, Staging.JEUGDHULP));
        TableReport t = report.table(Staging.JEUGDHULP);
        assertEquals(13, t.read());
        assertEquals(3, t.accepted());
        assertEquals(4, t.rejected(Reason.MISSING_KEY));
        assertEquals(0, t.rejected(Reason.NOT_LINKABLE));
        assertEquals(2, t.rejected(Reason.BAD_DATE));
        assertEquals(1, t.rejected(Reason.END_BEFORE_BEGIN));
        assertEquals(2, t.rejected(Reason.UNKNOWN_CODE));
        assertEquals(1, t.rejected(Reason.DUPLICATE));
        assertEquals(1, t.notLinkable());
        assertEquals(0, t.mergedRepeats());
        assertTrue(t.reconciles(), t.identity());
        assertEquals(List.of("verwijzer"), List.copyOf(t.presentOptional().keySet()));
        assertTrue(t.absentOptional().containsValue("JGDHAANBIEDER"));
        assertEquals(LocalDate.of(2019, 6, 30), t.latestDate());
    }

    @Test
    void rejectDetailsNeverHoldTheKey() {
        List<Row> rows = SparkTest.spark().read().parquet(Staging.rejects(work, Staging.JEUGDHULP).toString())
                .collectAsList();
        for (Row r : rows) {
            String d = r.getAs("detail");
            assertFalse(d.contains("000000") || d.contains("12345"), d);
        }
        assertTrue(rows.stream().anyMatch(r -> "same as row 1".equals(r.getAs("detail"))));
        assertTrue(rows.stream().anyMatch(r -> "JGDHHULPVORM code '05' not in code list".equals(r.getAs("detail"))));
    }

    @Test
    void acceptedJeugdhulpValues() {
        List<Row> s = Fixtures.staged(work, Staging.JEUGDHULP, "begin");
        assertEquals(3, s.size());
        Row first = s.get(0);
        assertEquals(1L, (long) first.getAs("person"));
        assertEquals(LocalDate.of(2019, 6, 30), ((java.sql.Date) first.getAs("end")).toLocalDate());
        Row numeric = s.get(1); // begin 2019-02-15
        assertEquals("01", numeric.getAs("hulpvorm"));
        assertEquals(LocalDate.of(2019, 2, 15), ((java.sql.Date) numeric.getAs("begin")).toLocalDate());
        assertNull(numeric.getAs("end"));
        assertEquals("02", numeric.getAs("verwijzer"));
        Row nonLinkable = s.get(2); // begin 2019-03-01
        assertFalse((boolean) nonLinkable.getAs("linkable"));
        assertEquals(Staging.nonLinkableKey("X", 4), (long) nonLinkable.getAs("person"));
        assertNull(nonLinkable.getAs("end"));
        assertNull(nonLinkable.getAs("aanbieder"));
        assertNull(nonLinkable.getAs("source_year"));
    }

    @Test
    void personsImputeBirthDateParts() {
        assertEquals(Set.of("5|GBAGEBOORTEMAAND|BAD_DATE", "6|GBAGEBOORTEDAG|BAD_DATE", "7|RINPERSOONS|NOT_LINKABLE",
                "8|GBAGESLACHT|UNKNOWN_CODE"), Fixtures.rejects(work, Staging.PERSONS));
        List<Row> s = Fixtures.staged(work, Staging.PERSONS, "person");
        assertEquals(List.of(
                "1|1|2010-05-20|NONE", "4|2|2011-03-15|DAY", "9|1|2012-07-01|MONTH_DAY", "10|2|null|NO_YEAR",
                "15|1|2016-02-29|NONE"),
                s.stream().map(r -> r.getAs("person") + "|" + r.getAs("sex") + "|" + r.getAs("birth_date") + "|"
                        + r.getAs("birth_imputed")).toList());
        TableReport t = report.table(Staging.PERSONS);
        assertEquals(1, t.notLinkable());
        assertTrue(t.reconciles(), t.identity());
    }

    @Test
    void addressesCheckObjectKeyBeforeLinkability() {
        assertEquals(Set.of("2|GBADATUMEINDEADRESHOUDING|END_BEFORE_BEGIN", "3|RINPERSOONS|NOT_LINKABLE",
                "4|RINOBJECTNUMMER|MISSING_KEY"), Fixtures.rejects(work, Staging.ADDRESSES));
        List<Row> s = Fixtures.staged(work, Staging.ADDRESSES, "person");
        assertEquals(1, s.size());
        assertEquals("A:100", s.get(0).getAs("object"));
    }

    @Test
    void objectsGoToLongFormWithGmCodes() {
        assertEquals(Set.of("3|RINOBJECTNUMMER|MISSING_KEY", "4|GEM2019|UNKNOWN_CODE"),
                Fixtures.rejects(work, Staging.OBJECTS));
        List<Row> s = SparkTest.spark().read().parquet(Staging.staged(work, Staging.OBJECTS).toString())
                .orderBy("object", "year").collectAsList();
        assertEquals(List.of("A:100|2019|GM0599", "A:100|2020|GM0599", "A:101|2019|null", "A:101|2020|GM0363"),
                s.stream().map(r -> r.getAs("object") + "|" + r.getAs("year") + "|" + r.getAs("gemeente")).toList());
        TableReport t = report.table(Staging.OBJECTS);
        assertEquals(2, t.accepted());
        assertEquals(4, t.stagedRows());
        assertTrue(t.reconciles(), t.identity());
    }

    @Test
    void qualityReportSaysPassPerTable() throws Exception {
        assertTrue(report.passed());
        String md = Files.readString(Staging.quality(work).resolve("report.md"));
        String csv = Files.readString(Staging.quality(work).resolve("report.csv"));
        assertTrue(md.contains("read 13 = accepted 3 + rejected 10 + merged repeats 0"), md);
        assertTrue(csv.contains("JGDHULPBUS,rejected_MISSING_KEY,4\n"), csv);
        assertTrue(csv.contains("JGDHULPBUS,reconciliation,PASS\n"), csv);
        assertTrue(csv.contains("GBAPERSOONTAB,not_linkable,1\n"), csv);
        assertFalse(md.contains("000000001"), "no keys in the report");
    }
}
