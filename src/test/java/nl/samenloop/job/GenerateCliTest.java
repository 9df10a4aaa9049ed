package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.generate.GenerateCommand;

/** {@code samenloop generate} on picocli like the other commands: help, one clear line per bad value. */
class GenerateCliTest {

    @Test
    void helpListsTheOptions() {
        CliRun r = CliRun.run("generate", "--help");
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: samenloop generate"), r.out());
        for (String option : List.of("--out=DIR", "--youth=N", "--years=FROM-TO", "--format=csv|parquet|sav", "--[no-]split",
                "--faults=RATE", "--seed=N")) {
            assertTrue(r.out().contains(option), option);
        }
        assertTrue(r.out().replaceAll("\\s+", " ").contains("number of persons, e.g. 25000 or 25_000 (default: 10000)"), "defaults shown");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("run", "plan", "ingest", "audit", "indicators")) {
            CliRun r = CliRun.run(command, "--help");
            assertEquals(Cli.OK, r.code(), command + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: samenloop " + command), command + ": " + r.out());
        }
    }

    @Test
    void aBadValueGivesOneLineNamingTheOptionAndExitTwo() {
        Map<List<String>, String> cases = Map.of(
                List.of("--youth", "ten"), "samenloop: Invalid value for option '--youth': 'ten' is not a whole number",
                List.of("--years", "2015"), "samenloop: Invalid value for option '--years': '2015' is not a span of years"
                        + " FROM-TO, e.g. 2015-2020",
                List.of("--format", "xlsx"), "samenloop: Invalid value for option '--format': 'xlsx' is not a format;"
                        + " expected csv, parquet or sav",
                List.of("--faults", "0.9"), "samenloop: --faults must be within [0, 0.5], got 0.9",
                List.of("--years", "2015-2030"), "samenloop: --years must lie within 2015–2024 with from <= to, got 2015–2030",
                List.of("--youht", "5"), "samenloop: Unknown options: '--youht', '5'");
        cases.forEach((args, expected) -> {
            List<String> all = new java.util.ArrayList<>(List.of("generate", "--out", "/nonexistent/never-written"));
            all.addAll(args);
            CliRun r = CliRun.run(all.toArray(String[]::new));
            assertEquals(Cli.USAGE, r.code(), args.toString());
            assertEquals(expected, r.err().lines().findFirst().orElse(""), args.toString());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            assertFalse(Files.exists(Path.of("/nonexistent/never-written")));
        });
    }

    @Test
    void theCliAndTheStandaloneCommandWriteTheSameFiles(@TempDir Path d) throws Exception {
        Path viaCli = d.resolve("cli");
        Path standalone = d.resolve("standalone");
        List<String> args = List.of("--youth", "1_200", "--years", "2019-2020", "--seed", "7", "--no-split", "--sep", ";");
        List<String> cli = new java.util.ArrayList<>(List.of("generate", "--out", viaCli.toString()));
        cli.addAll(args);
        CliRun r = CliRun.run(cli.toArray(String[]::new));
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("generated: " + viaCli + " (1,200 persons, "), r.out());

        List<String> own = new java.util.ArrayList<>(List.of("--out", standalone.toString()));
        own.addAll(args);
        GenerateCommand.run(own.toArray(String[]::new));

        Map<String, byte[]> a = contents(viaCli);
        Map<String, byte[]> b = contents(standalone);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        // --no-split: one JGDHULPBUS file, not a folder of years; --sep ;: the header is split on ';'.
        assertTrue(Files.isRegularFile(viaCli.resolve("JGDHULPBUS.csv")), a.keySet().toString());
        assertTrue(Files.readAllLines(viaCli.resolve("JGDHULPBUS.csv")).get(0).startsWith("RINPERSOONS;RINPERSOON;"));
        assertTrue(Files.readString(viaCli.resolve("generator-manifest.json")).contains("\"persons\": 1200"));
    }

    static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
