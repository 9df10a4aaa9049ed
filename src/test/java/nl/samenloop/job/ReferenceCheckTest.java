package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.samenloop.model.Reference;

class ReferenceCheckTest {
    static final Reference REFERENCE = Reference.load(Path.of("conf"));

    @Test
    void theExampleCodesExistIn2020() throws Exception {
        assertEquals(List.of(), ReferenceCheck.problems(JobSpecParserTest.parse(JobSpecParserTest.EXAMPLE), REFERENCE));
    }

    @Test
    void codesMissingFromTheClassificationYearAreNamed() throws Exception {
        // conf/reference: Hoogezand-Sappemeer (GM0018) merged into Midden-Groningen (GM1952) on 2018-01-01;
        // GM9999 and JZ99 exist in no year.
        JobSpec job = JobSpecParserTest.parse(JobSpecErrorsTest.with("geography",
                "geography: {regions: [JZ29, JZ99], municipalities: [GM0599, GM0018, GM9999]}"));
        assertEquals(List.of(
                "geography.regions[1]: JZ99 is not a jeugdregio in classification year 2020",
                "geography.municipalities[1]: GM0018 is not a municipality in classification year 2020; it is part of"
                        + " GM1952 (Midden-Groningen) in that year",
                "geography.municipalities[2]: GM9999 is not a municipality in classification year 2020"),
                ReferenceCheck.problems(job, REFERENCE));
    }

    @Test
    void theSameCodeIsFineInAYearBeforeItsMerger() throws Exception {
        JobSpec job = JobSpecParserTest.parse(JobSpecErrorsTest.with("geography", "geography: {municipalities: [GM0018]}")
                .replace("classification_year: 2020", "classification_year: 2017"));
        assertEquals(List.of(), ReferenceCheck.problems(job, REFERENCE));
    }
}
