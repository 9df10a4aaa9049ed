package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import nl.samenloop.model.Reference;

/** Every job file shipped in jobs/ parses against the real indicator registry, compiles and names real codes. */
class ShippedJobsTest {

    @Test
    void everyShippedJobParsesAndCompilesToAPlan() throws Exception {
        IndicatorCatalog catalog = new RegistryCatalog();
        Reference reference = Reference.load(Path.of("conf"));
        List<Path> jobs;
        try (Stream<Path> s = Files.list(Path.of("jobs"))) {
            jobs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(jobs.isEmpty(), "no job files in jobs/");
        for (Path job : jobs) {
            JobSpec spec;
            try {
                spec = JobSpecParser.parse(job, catalog);
            } catch (JobSpecException e) {
                throw new AssertionError(String.join("\n", e.located()), e);
            }
            assertEquals(List.of(), ReferenceCheck.problems(spec, reference), job.toString());
            Plan plan = Plan.compile(spec, catalog);
            assertEquals(spec.tables().size() + 4, plan.stages().size(), job.toString());
            assertTrue(plan.describe().startsWith("Plan for job " + spec.name()), job.toString());
        }
    }
}
