package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.samenloop.job.JobSpec;
import nl.samenloop.job.JobSpecException;
import nl.samenloop.job.JobSpecParser;
import nl.samenloop.job.Plan;
import nl.samenloop.job.RegistryCatalog;
import org.junit.jupiter.api.Test;

/** I6/I7 through the job layer with the real registry: map options, the job file, and no 'group' geography level. */
class GroupJobFileTest {
    static final RegistryCatalog CATALOG = new RegistryCatalog();

    static Plan.ResolvedTable only(String yaml) throws JobSpecException {
        JobSpec spec = JobSpecParser.parse(yaml, "test.yaml", CATALOG, Path.of("/project"));
        return Plan.compile(spec, CATALOG).tables().get(0);
    }

    @Test
    void theJobFileParsesWithDerivedGroups() throws Exception {
        JobSpec spec = JobSpecParser.parse(Path.of("jobs/group-comparison.yaml"), CATALOG);
        Plan.ResolvedTable t = Plan.compile(spec, CATALOG).tables().get(0);
        assertEquals("group_comparison", t.table().indicator());
        assertEquals("care_share:WIJKTEAM", t.options().get("measure"));
        assertEquals(1.0, ((Number) t.options().get("min_share")).doubleValue());
        assertEquals(Map.of(), t.options().get("groups"));
    }

    @Test
    void listedGroupsAreAMapOfCodeLists() throws Exception {
        Plan.ResolvedTable t = only("""
                name: t
                input: in
                classification_year: 2020
                periods: {from: 2016, to: 2020}
                tables:
                  - indicator: group_comparison
                    options:
                      measure: 'concurrency:ONLY_WIJKTEAM'
                      groups: {rijnmond: [GM0599, GM0606], haaglanden: [GM0518]}
                """);
        assertEquals(Map.of("rijnmond", List.of("GM0599", "GM0606"), "haaglanden", List.of("GM0518")), t.options().get("groups"));
        assertEquals(List.of("rijnmond", "haaglanden"), List.copyOf(((Map<?, ?>) t.options().get("groups")).keySet()));
    }

    @Test
    void qualityOptionsHaveDefaults() throws Exception {
        Plan.ResolvedTable t = only("""
                name: t
                input: in
                classification_year: 2020
                periods: {from: 2016, to: 2020}
                tables: [{indicator: quality, options: {break_z: 4}}]
                """);
        assertEquals(4.0, ((Number) t.options().get("break_z")).doubleValue());
        assertEquals(4L, ((Number) t.options().get("break_history")).longValue());
    }

    @Test
    void groupIsNoGeographyLevelOfAJob() {
        // GROUP rows exist only inside I6 tables; a job cannot ask for the level.
        JobSpecException e = assertThrows(JobSpecException.class, () -> JobSpecParser.parse("""
                name: t
                input: in
                classification_year: 2020
                periods: {from: 2016, to: 2020}
                geography: {levels: [municipality, group]}
                tables: [{indicator: wijkteam_share}]
                """, "test.yaml", CATALOG, Path.of("/project")));
        assertTrue(e.errors().stream().anyMatch(m -> m.startsWith("geography.levels[1]") && m.contains("allowed: municipality, region, country")),
                e.errors().toString());
    }
}
