package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of mistake gives exactly one message, one line, naming the key path and what is allowed. */
class JobSpecErrorsTest {

    static final String VALID = """
            name: j
            input: d
            classification_year: 2020
            periods: {from: 2015, to: 2020}
            tables: [{indicator: concurrency}]
            """;

    static final String TOP_KEYS = "name, title, input, output, work, classification_year, periods, pools,"
            + " data_horizon, population, geography, trajectories, tables, disclosure";
    static final String INDICATORS = "wijkteam_share, youth_share, concurrency, follow_up, referral_source,"
            + " group_comparison";

    /** The valid job with the top-level line of {@code key} replaced by {@code line} (appended when absent). */
    static String with(String key, String line) {
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (String l : VALID.split("\n")) {
            if (l.startsWith(key + ":")) {
                if (line != null) {
                    out.add(line);
                }
                replaced = true;
            } else {
                out.add(l);
            }
        }
        if (!replaced && line != null) {
            out.add(line);
        }
        return String.join("\n", out) + "\n";
    }

    static String without(String key) {
        return with(key, null);
    }

    static String tables(String tables) {
        return with("tables", "tables: " + tables);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // unknown keys, with and without a plausible suggestion
                Arguments.of(with("titel", "titel: x"),
                        "unknown key 'titel' at top level; allowed: " + TOP_KEYS + "; did you mean 'title'?"),
                Arguments.of(with("foo", "foo: 1"), "unknown key 'foo' at top level; allowed: " + TOP_KEYS),
                Arguments.of(with("periods", "periods: {from: 2015, to: 2020, granularty: year}"),
                        "unknown key 'granularty' in periods; allowed: from, to, granularity; did you mean 'granularity'?"),
                Arguments.of(tables("[{indicator: concurrency, optons: {}}]"),
                        "unknown key 'optons' in tables[0]; allowed: indicator, name, chart, options; did you mean 'options'?"),
                // wrong types
                Arguments.of(with("periods", "periods: {from: abc, to: 2020}"),
                        "periods.from: expected a year such as 2015, got text 'abc'"),
                Arguments.of(with("periods", "periods: 2015"),
                        "periods: expected a mapping with keys from, to, granularity, got number 2015"),
                Arguments.of(with("trajectories", "trajectories: {merge_overlapping: 'yes please'}"),
                        "trajectories.merge_overlapping: expected true or false, got text 'yes please'"),
                Arguments.of(with("input", "input: [a, b]"), "input: expected a folder path, got a list"),
                Arguments.of(tables("{indicator: concurrency}"),
                        "tables: expected a list of tables, each with at least indicator:, got a mapping (key: value)"),
                Arguments.of(tables("[concurrency]"),
                        "tables[0]: expected a table such as {indicator: wijkteam_share}, got text 'concurrency'"),
                Arguments.of(tables("[{indicator: concurrency, options: [overlap]}]"),
                        "tables[0].options: expected a mapping of option: value, got a list"),
                // bad values
                Arguments.of(with("periods", "periods: {from: 2015, to: 2020, granularity: month}"),
                        "periods.granularity: 'month' is not allowed; allowed: year, halfyear, quarter"),
                Arguments.of(with("classification_year", "classification_year: 2014"),
                        "classification_year: 2014 is not allowed; allowed: 2015 to 2025"),
                Arguments.of(with("name", "name: Rijnmond_1"),
                        "name: 'Rijnmond_1' is not allowed; allowed: lowercase letters a-z, digits 0-9 and '-',"
                                + " e.g. rijnmond-wijkteam"),
                Arguments.of(with("name", "name: |\n  two\n  lines"),
                        "name: 'two lines' is not allowed; allowed: lowercase letters a-z, digits 0-9 and '-',"
                                + " e.g. rijnmond-wijkteam"),
                Arguments.of(tables("[{indicator: concurrency, chart: pie}]"),
                        "tables[0].chart: 'pie' is not allowed; allowed: auto, none, line, bar"),
                Arguments.of(tables("[{indicator: concurrency, name: Samenloop Tabel}]"),
                        "tables[0].name: 'Samenloop Tabel' is not allowed; allowed: lowercase letters a-z, digits 0-9,"
                                + " '_' and '-', starting with a letter or digit"),
                Arguments.of(with("geography", "geography: {levels: [municipality, province]}"),
                        "geography.levels[1]: 'province' is not allowed; allowed: municipality, region, country"),
                Arguments.of(with("geography", "geography: {basis: residense}"),
                        "geography.basis: 'residense' is not allowed; allowed: residence, responsible;"
                                + " did you mean 'residence'?"),
                Arguments.of(with("population", "population: {age_reference: birthday}"),
                        "population.age_reference: 'birthday' is not allowed; allowed: peildatum, period_start"),
                Arguments.of(with("population", "population: {age_range: [22, 0]}"),
                        "population.age_range: youngest age (22) is above oldest age (0)"),
                Arguments.of(with("population", "population: {age_range: [0]}"),
                        "population.age_range: expected a list of two ages [youngest, oldest] such as [0, 22],"
                                + " got a list of 1 value"),
                Arguments.of(with("population", "population: {age_range: [0, 150]}"),
                        "population.age_range[1]: 150 is not allowed; allowed: 0 to 120"),
                Arguments.of(with("data_horizon", "data_horizon: 2020-13-01"),
                        "data_horizon: expected a date YYYY-MM-DD such as 2020-12-31, got text '2020-13-01'"),
                Arguments.of(with("data_horizon", "data_horizon: 2014-12-31"),
                        "data_horizon: 2014-12-31 is before the first period starts (2015-01-01); nothing would be observed"),
                Arguments.of(with("disclosure", "disclosure: {profile: CBS}"),
                        "disclosure.profile: 'CBS' is not allowed; allowed: a profile name of lowercase letters a-z,"
                                + " digits 0-9 and '-', e.g. cbs-microdata"),
                Arguments.of(with("disclosure", "disclosure: {round_to: 0}"),
                        "disclosure.round_to: 0 is not allowed; allowed: 1 to 1000"),
                // missing keys and values
                Arguments.of(without("input"), "missing required key 'input' at top level; expected a folder path"),
                Arguments.of(without("classification_year"),
                        "missing required key 'classification_year' at top level; expected a year such as 2020"),
                Arguments.of(with("periods", "periods: {from: 2015}"),
                        "missing required key 'to' in periods; expected a year such as 2015"),
                Arguments.of(tables("[{name: x}]"), "missing required key 'indicator' in tables[0]; expected an"
                        + " indicator name: " + INDICATORS),
                Arguments.of(with("title", "title:"), "title: no value given; expected text"),
                // ranges and spans
                Arguments.of(with("periods", "periods: {from: 2020, to: 2015}"), "periods: from (2020) is after to (2015)"),
                Arguments.of(with("periods", "periods: {from: 2016, to: 2020}\npools: [{from: 2015, to: 2020}]"),
                        "pools[0]: 2015 to 2020 is outside periods 2016 to 2020; a pool can only combine periods the"
                                + " job computes"),
                Arguments.of(with("pools", "pools: [{from: 2016, to: 2020}, {from: 2019, to: 2017}]"),
                        "pools[1]: from (2019) is after to (2017)"),
                // indicators and their options
                Arguments.of(tables("[{indicator: concurency}]"), "tables[0].indicator: unknown indicator 'concurency';"
                        + " allowed: " + INDICATORS + "; did you mean 'concurrency'?"),
                Arguments.of(tables("[{indicator: concurrency, options: {concurency: period}}]"),
                        "unknown option 'concurency' for indicator 'concurrency' in tables[0].options; allowed:"
                                + " concurrency, other_kinds; did you mean 'concurrency'?"),
                Arguments.of(tables("[{indicator: wijkteam_share, options: {age_range: [0, 17]}}]"),
                        "unknown option 'age_range' for indicator 'wijkteam_share' in tables[0].options; allowed: none"
                                + " (this indicator has no options)"),
                Arguments.of(tables("[{indicator: concurrency, options: {concurrency: both}}]"),
                        "tables[0].options.concurrency: 'both' is not allowed; allowed: period, overlap"),
                Arguments.of(tables("[{indicator: concurrency, options: {other_kinds: [WIJKTEAM, JEUGDZORG]}}]"),
                        "tables[0].options.other_kinds[1]: 'JEUGDZORG' is not allowed; allowed: WIJKTEAM,"
                                + " OVERIG_ZONDER_VERBLIJF, MET_VERBLIJF, JEUGDBESCHERMING, JEUGDRECLASSERING"),
                Arguments.of(tables("[{indicator: concurrency, options: {other_kinds: MET_VERBLIJF}}]"),
                        "tables[0].options.other_kinds: expected a list such as [WIJKTEAM, OVERIG_ZONDER_VERBLIJF],"
                                + " got text 'MET_VERBLIJF'"),
                Arguments.of(tables("[{indicator: follow_up, options: {new_wijkteam_counts: 1}}]"),
                        "tables[0].options.new_wijkteam_counts: expected true or false, got number 1"),
                Arguments.of(tables("[{indicator: follow_up, options: {window_days: 0}}]"),
                        "tables[0].options.window_days: 0 is not allowed; allowed: whole numbers 1 to 730"),
                Arguments.of(tables("[{indicator: follow_up, options: {window_days: 36.5}}]"),
                        "tables[0].options.window_days: expected a whole number, got number 36.5"),
                Arguments.of(tables("[{indicator: group_comparison, options: {compare: follow_up, min_share: lots}}]"),
                        "tables[0].options.min_share: expected a number, got text 'lots'"),
                Arguments.of(tables("[{indicator: group_comparison, options: {compare: follow_up, min_share: 101}}]"),
                        "tables[0].options.min_share: 101 is not allowed; allowed: numbers 0 to 100"),
                Arguments.of(tables("[{indicator: group_comparison}]"),
                        "missing required option 'compare' for indicator 'group_comparison' in tables[0].options;"
                                + " allowed: youth_share, concurrency, follow_up"),
                Arguments.of(tables("[]"), "tables: the list is empty; a job needs at least one table; indicators: "
                        + INDICATORS),
                Arguments.of(tables("[{indicator: concurrency}, {indicator: wijkteam_share}, {indicator: concurrency}]"),
                        "tables[2].name: 'concurrency' is already used by tables[0]; table names must be unique"
                                + " (set name: to tell them apart)"),
                Arguments.of(tables("[{indicator: concurrency, name: t}, {indicator: wijkteam_share, name: t}]"),
                        "tables[1].name: 't' is already used by tables[0]; table names must be unique"
                                + " (set name: to tell them apart)"),
                // code lists
                Arguments.of(with("geography", "geography: {regions: [JZ29, JZ2]}"),
                        "geography.regions[1]: 'JZ2' is not a region code; expected JZ followed by 2 digits, e.g. JZ29"),
                Arguments.of(with("geography", "geography: {regions: [jz29]}"),
                        "geography.regions[0]: 'jz29' is not a region code; expected JZ followed by 2 digits, e.g. JZ29"),
                Arguments.of(with("geography", "geography: {municipalities: [GM599]}"),
                        "geography.municipalities[0]: 'GM599' is not a municipality code; expected GM followed by 4"
                                + " digits, e.g. GM0599"),
                Arguments.of(with("geography", "geography: {municipalities: [599]}"),
                        "geography.municipalities[0]: 599 is not a municipality code; expected GM followed by 4"
                                + " digits, e.g. GM0599"),
                Arguments.of(with("geography", "geography: {municipalities: [GM0599, GM0599]}"),
                        "geography.municipalities[1]: 'GM0599' is listed twice"),
                // the publication package and the secure working area stay apart
                Arguments.of(with("output", "output: out/x\nwork: out/x/work"),
                        "work: the secure working area must not be inside the output folder (/project/out/x):"
                                + " everything under output may be published"),
                Arguments.of(with("output", "output: w\nwork: w"),
                        "output and work are the same folder; the publication package must be kept apart from the"
                                + " secure working area"),
                // the document itself
                Arguments.of("- name: j\n", "job file must be a mapping of keys (name:, input:, periods:, tables:, ...),"
                        + " got a list"),
                Arguments.of("", "job file is empty; expected keys such as name:, input:, periods:, tables:"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeGivesOneExactOneLineMessage(String yaml, String expected) {
        JobSpecException e = assertThrows(JobSpecException.class, () -> JobSpecParserTest.parse(yaml));
        assertEquals(List.of(expected), e.errors());
        assertTrue(!expected.contains("\n"));
    }

    @Test
    void theValidBaseParses() throws Exception {
        assertEquals("j", JobSpecParserTest.parse(VALID).name());
    }

    @Test
    void yamlSyntaxErrorsNameLineAndColumn() {
        JobSpecException e = assertThrows(JobSpecException.class,
                () -> JobSpecParserTest.parse("name: j\nperiods: {from: 2015, to: 2020\ninput: d\n"));
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("job file is not valid YAML: line "), e.errors().get(0));
        assertTrue(!e.errors().get(0).contains("\n"));
    }

    @Test
    void duplicateKeysAreAnErrorNotLastOneWins() {
        JobSpecException e = assertThrows(JobSpecException.class,
                () -> JobSpecParserTest.parse(VALID + "name: k\n"));
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("job file is not valid YAML: line 6, column 1: found duplicate key name"),
                e.errors().get(0));
    }
}
