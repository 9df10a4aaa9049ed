package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import nl.samenloop.job.JobSpec.AgeReference;
import nl.samenloop.job.JobSpec.Chart;
import nl.samenloop.job.JobSpec.DisclosureSpec;
import nl.samenloop.job.JobSpec.GeographyBasis;
import nl.samenloop.job.JobSpec.GeographySpec;
import nl.samenloop.job.JobSpec.PeriodsSpec;
import nl.samenloop.job.JobSpec.PoolSpec;
import nl.samenloop.job.JobSpec.PopulationSpec;
import nl.samenloop.job.JobSpec.TableSpec;
import nl.samenloop.job.JobSpec.TrajectoriesSpec;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Granularity;
import nl.samenloop.storage.Location;

class JobSpecParserTest {
    static final Path BASE = Path.of("/project");
    static final IndicatorCatalog CATALOG = TestCatalog.get();

    /** The example of docs/job-files.md, plus a second table that sets options. */
    static final String EXAMPLE = """
            name: rijnmond-haaglanden-wijkteam
            title: Aandeel wijkteamtrajecten Rijnmond en Haaglanden
            input: test-data/basic
            output: out/rijnmond-haaglanden-wijkteam
            work: work/rijnmond-haaglanden-wijkteam
            classification_year: 2020
            periods: {from: 2015, to: 2020, granularity: year}
            pools: [{from: 2016, to: 2020}]
            data_horizon: 2020-12-31
            population: {age_range: [0, 22], age_reference: peildatum}
            geography: {basis: residence, levels: [municipality, region, country], regions: [JZ29, JZ24], municipalities: [GM0599]}
            trajectories: {merge_overlapping: true}
            tables:
              - indicator: wijkteam_share
                name: wijkteam-share
                chart: auto
              - indicator: concurrency
                chart: line
                options: {concurrency: overlap}
            disclosure: {profile: cbs-microdata}
            """;

    static JobSpec parse(String yaml) throws JobSpecException {
        return JobSpecParser.parse(yaml, "test.yaml", CATALOG, BASE);
    }

    @Test
    void exampleParsesToTheExpectedRecords() throws Exception {
        JobSpec expected = new JobSpec("rijnmond-haaglanden-wijkteam",
                Optional.of("Aandeel wijkteamtrajecten Rijnmond en Haaglanden"),
                Location.local(Path.of("/project/test-data/basic")),
                Location.local(Path.of("/project/out/rijnmond-haaglanden-wijkteam")),
                Location.local(Path.of("/project/work/rijnmond-haaglanden-wijkteam")), 2020,
                new PeriodsSpec(2015, 2020, Granularity.YEAR), List.of(new PoolSpec(2016, 2020)),
                Optional.of(LocalDate.of(2020, 12, 31)), new PopulationSpec(0, 22, AgeReference.PEILDATUM),
                new GeographySpec(GeographyBasis.RESIDENCE,
                        List.of(GeoLevel.MUNICIPALITY, GeoLevel.REGION, GeoLevel.COUNTRY),
                        List.of("JZ29", "JZ24"), List.of("GM0599")),
                new TrajectoriesSpec(true),
                List.of(new TableSpec("wijkteam_share", "wijkteam-share", Chart.AUTO, Map.of()),
                        new TableSpec("concurrency", "concurrency", Chart.LINE, Map.of("concurrency", "overlap"))),
                new DisclosureSpec("cbs-microdata", OptionalInt.empty()));
        assertEquals(expected, parse(EXAMPLE));
        assertEquals(6, parse(EXAMPLE).periods().periods().size());
    }

    @Test
    void aMinimalJobGetsEveryDefault() throws Exception {
        JobSpec spec = parse("""
                name: minimal
                input: data
                classification_year: 2019
                periods: {from: 2018, to: 2019}
                tables: [{indicator: follow_up}]
                """);
        assertEquals(Optional.empty(), spec.title());
        assertEquals(Location.local(Path.of("/project/data")), spec.input());
        assertEquals(Location.local(Path.of("/project/out/minimal")), spec.output());
        assertEquals(Location.local(Path.of("/project/work/minimal")), spec.work());
        assertEquals(new PeriodsSpec(2018, 2019, Granularity.YEAR), spec.periods());
        assertEquals(List.of(), spec.pools());
        assertEquals(Optional.empty(), spec.dataHorizon());
        assertEquals(new PopulationSpec(0, 22, AgeReference.PEILDATUM), spec.population());
        assertEquals(new GeographySpec(GeographyBasis.RESIDENCE,
                List.of(GeoLevel.MUNICIPALITY, GeoLevel.REGION, GeoLevel.COUNTRY), List.of(), List.of()),
                spec.geography());
        assertEquals(new TrajectoriesSpec(true), spec.trajectories());
        assertEquals(List.of(new TableSpec("follow_up", "follow_up", Chart.AUTO, Map.of())), spec.tables());
        assertEquals(new DisclosureSpec("cbs-microdata", OptionalInt.empty()), spec.disclosure());
    }

    @Test
    void settingsOtherThanTheDefaultsAreKept() throws Exception {
        JobSpec spec = parse("""
                name: alt-2
                input: /data/microdata
                output: ../published
                work: ./secure/w
                classification_year: 2025
                periods: {from: 2019, to: 2020, granularity: quarter}
                population: {age_range: [0, 17], age_reference: period_start}
                geography: {basis: responsible, levels: [country, municipality]}
                trajectories: {merge_overlapping: false}
                tables:
                  - {indicator: referral_source, name: verwijzers-2, chart: none,
                     options: {exclude_wijkteam: true, verwijzers: [01, 2, '08']}}
                  - {indicator: follow_up, options: {window_days: 180}}
                  - {indicator: group_comparison, options: {compare: concurrency, min_share: 12.5}}
                disclosure: {profile: strict-local, round_to: 5}
                """);
        assertEquals(Location.local(Path.of("/data/microdata")), spec.input());
        assertEquals(Location.local(Path.of("/published")), spec.output());
        assertEquals(Location.local(Path.of("/project/secure/w")), spec.work());
        assertEquals(Granularity.QUARTER, spec.periods().granularity());
        assertEquals(8, spec.periods().periods().size());
        assertEquals(new PopulationSpec(0, 17, AgeReference.PERIOD_START), spec.population());
        assertEquals(GeographyBasis.RESPONSIBLE, spec.geography().basis());
        assertEquals(List.of(GeoLevel.COUNTRY, GeoLevel.MUNICIPALITY), spec.geography().levels());
        assertFalse(spec.trajectories().mergeOverlapping());
        Map<String, Object> referral = new LinkedHashMap<>();
        referral.put("exclude_wijkteam", true);
        // Unquoted 01 and 2 are YAML numbers; they match the two-digit codes "01" and "02".
        referral.put("verwijzers", List.of("01", "02", "08"));
        assertEquals(new TableSpec("referral_source", "verwijzers-2", Chart.NONE, referral), spec.tables().get(0));
        assertEquals(Map.of("window_days", 180L), spec.tables().get(1).options());
        assertEquals(Map.of("compare", "concurrency", "min_share", 12.5), spec.tables().get(2).options());
        assertEquals(new DisclosureSpec("strict-local", OptionalInt.of(5)), spec.disclosure());
    }

    @Test
    void geographyShorthandSetsOnlyTheBasis() throws Exception {
        JobSpec spec = parse("""
                name: g
                input: d
                classification_year: 2020
                periods: {from: 2020, to: 2020}
                geography: responsible
                tables: [{indicator: wijkteam_share}]
                """);
        assertEquals(GeographyBasis.RESPONSIBLE, spec.geography().basis());
        assertEquals(3, spec.geography().levels().size());
    }

    @Test
    void aWholeNumberWhereTextIsExpectedIsThatText() throws Exception {
        JobSpec spec = parse(JobSpecErrorsTest.VALID + "title: 2020\n");
        assertEquals(Optional.of("2020"), spec.title());
    }

    @Test
    void relativePathsOfAJobFileResolveAgainstTheWorkingDirectory(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("jobs").resolve("j.yaml");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, EXAMPLE);
        JobSpec spec = JobSpecParser.parse(file, CATALOG);
        Path cwd = Path.of("").toAbsolutePath();
        assertEquals(Location.local(cwd.resolve("test-data/basic").normalize()), spec.input());
        assertEquals(Location.local(cwd.resolve("out/rijnmond-haaglanden-wijkteam").normalize()), spec.output());
    }

    @Test
    void aMissingFileIsOneMessage() {
        Path missing = Path.of("/nonexistent-samenloop/job.yaml");
        JobSpecException e = assertThrows(JobSpecException.class, () -> JobSpecParser.parse(missing, CATALOG));
        assertEquals(List.of("cannot read job file /nonexistent-samenloop/job.yaml: no such file"), e.errors());
        assertEquals(missing.toString(), e.source());
    }

    @Test
    void allProblemsAreReportedTogetherInFileOrder() {
        JobSpecException e = assertThrows(JobSpecException.class, () -> parse("""
                name: Bad Name
                input: d
                classification_year: 2030
                periods: {from: 2020, to: 2018, granularity: month}
                tabels: []
                """));
        assertEquals(List.of(
                "name: 'Bad Name' is not allowed; allowed: lowercase letters a-z, digits 0-9 and '-',"
                        + " e.g. rijnmond-wijkteam",
                "classification_year: 2030 is not allowed; allowed: 2015 to 2025",
                "periods.granularity: 'month' is not allowed; allowed: year, halfyear, quarter",
                "periods: from (2020) is after to (2018)",
                "unknown key 'tabels' at top level; allowed: name, title, input, output, work, classification_year,"
                        + " periods, pools, data_horizon, population, geography, trajectories, tables, disclosure;"
                        + " did you mean 'tables'?",
                "missing required key 'tables' at top level; expected a list of tables, each with at least indicator:"),
                e.errors());
        assertTrue(e.getMessage().startsWith("job file test.yaml has 6 problems:"));
        assertEquals(List.of(1, 3, 4, 4, 5, 0), e.lines());
        assertEquals("line 4: periods.granularity: 'month' is not allowed; allowed: year, halfyear, quarter",
                e.located().get(2));
        assertEquals(e.errors().get(5), e.located().get(5), "a missing top-level key is on no line");
    }

    @Test
    void messagesPointAtTheLineToFix() {
        JobSpecException e = assertThrows(JobSpecException.class, () -> parse("""
                name: j
                input: d
                classification_year: 2020
                periods: {from: 2015, to: 2020}
                tables:
                  - indicator: concurrency
                    options:
                      concurency: period
                  - indicator: wijkteam_share
                    chart: pie
                  - name: x
                geography:
                  municipalities: [GM0599,
                     GM599]
                output: w
                work: w
                """));
        assertEquals(List.of(
                "line 8: unknown option 'concurency' for indicator 'concurrency' in tables[0].options; allowed:"
                        + " concurrency, other_kinds; did you mean 'concurrency'?",
                "line 10: tables[1].chart: 'pie' is not allowed; allowed: auto, none, line, bar",
                "line 11: missing required key 'indicator' in tables[2]; expected an indicator name: wijkteam_share,"
                        + " youth_share, concurrency, follow_up, referral_source, group_comparison",
                "line 14: geography.municipalities[1]: 'GM599' is not a municipality code; expected GM followed by 4"
                        + " digits, e.g. GM0599",
                "line 15: output and work are the same folder; the publication package must be kept apart from the"
                        + " secure working area"), e.located());
    }

    @Test
    void anExampleWithAProblemThrowsAndReturnsNoSpec() {
        assertThrows(JobSpecException.class, () -> parse(EXAMPLE.replace("JZ24", "JZ2")));
    }
}
