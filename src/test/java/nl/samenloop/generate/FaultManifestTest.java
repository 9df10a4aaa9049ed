package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Codes;
import nl.samenloop.model.Reference;

/**
 * The fault counts in the manifest are what is in the files: each care file is scanned independently for
 * the six fault kinds and the counts compared per file; the faulty run equals the clean run of the same seed
 * apart from the injected records.
 */
class FaultManifestTest {
    static Path faulty;
    static Path clean;
    static GenerationResult result;

    @BeforeAll
    static void generate(@TempDir Path d) {
        Reference ref = Reference.load(Path.of("conf"));
        GeneratorSpec spec = GeneratorSpec.defaults(77, 3_000).withSplit(true, 2019);
        faulty = d.resolve("faulty");
        clean = d.resolve("clean");
        result = Generator.generate(spec.withFaultRate(0.05), faulty, ref);
        Generator.generate(spec, clean, ref);
    }

    static Map<FaultType, Long> scan(Path file, Set<String> validCodes) throws Exception {
        Map<FaultType, Long> n = new EnumMap<>(FaultType.class);
        for (FaultType t : FaultType.values()) {
            n.put(t, 0L);
        }
        Set<String> seen = new HashSet<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (!seen.add(line)) {
                n.merge(FaultType.DUPLICATE, 1L, Long::sum);
                continue;
            }
            String[] r = line.split(",", -1);
            String begin = r[3];
            String end = r[4];
            if (impossible(begin) || impossible(end)) {
                n.merge(FaultType.IMPOSSIBLE_DATE, 1L, Long::sum);
            } else if (!end.isEmpty() && !end.startsWith("8888") && end.compareTo(begin) < 0) {
                n.merge(FaultType.END_BEFORE_BEGIN, 1L, Long::sum);
            } else if (!validCodes.contains(r[2])) {
                n.merge(FaultType.UNKNOWN_CODE, 1L, Long::sum);
            } else if (r[1].isEmpty()) {
                n.merge(FaultType.MISSING_KEY, 1L, Long::sum);
            } else if (!r[0].equals("R")) {
                n.merge(FaultType.NOT_LINKABLE, 1L, Long::sum);
            }
        }
        return n;
    }

    private static boolean impossible(String d) {
        return d.length() == 8 && !d.startsWith("8888") && (d.substring(4, 6).equals("13") || d.substring(4).equals("0230"));
    }

    @Test
    void manifestCountsMatchTheFiles() throws Exception {
        Map<String, Set<String>> codes = Map.of("JGDHULPBUS", Codes.HULPVORM.keySet(),
                "JGDBESCHERMBUS", Codes.JEUGDBESCHERMING.keySet(), "JGDRECLASSERINGBUS", Codes.JEUGDRECLASSERING.keySet());
        Map<String, Long> perTableTotal = new HashMap<>();
        long records = 0;
        long faults = 0;
        for (Map.Entry<String, Map<FaultType, Long>> e : result.faultsPerFile().entrySet()) {
            String table = e.getKey().startsWith("JGDHULPBUS") ? "JGDHULPBUS" : e.getKey().replaceAll("\\..*", "");
            Map<FaultType, Long> found = scan(faulty.resolve(e.getKey()), codes.get(table));
            assertEquals(e.getValue(), found, e.getKey());
            for (FaultType t : FaultType.values()) {
                perTableTotal.merge(table + t, found.get(t), Long::sum);
                faults += found.get(t);
            }
            records += result.rowsPerFile().get(e.getKey()) - found.get(FaultType.DUPLICATE);
        }
        for (String table : codes.keySet()) {
            for (FaultType t : FaultType.values()) {
                assertEquals(result.faults(table, t), perTableTotal.get(table + t), table + " " + t);
            }
        }
        // every kind occurs, at about the rate asked
        for (FaultType t : FaultType.values()) {
            assertTrue(result.faults("JGDHULPBUS", t) > 0, t + " injected");
        }
        double rate = (double) faults / records;
        assertEquals(0.05, rate, 0.01, "fault rate " + rate);
        String json = Files.readString(faulty.resolve(GenerationResult.MANIFEST));
        assertTrue(json.contains("\"JGDHULPBUS\": {\"IMPOSSIBLE_DATE\": " + result.faults("JGDHULPBUS", FaultType.IMPOSSIBLE_DATE)
                + ", \"END_BEFORE_BEGIN\": " + result.faults("JGDHULPBUS", FaultType.END_BEFORE_BEGIN)), json);
    }

    /** Apart from the injected records, the faulty files hold exactly the clean records. */
    @Test
    void faultyRunIsTheCleanRunPlusInjectedFaults() throws Exception {
        for (Map.Entry<String, Map<FaultType, Long>> e : result.faultsPerFile().entrySet()) {
            List<String> bad = Files.readAllLines(faulty.resolve(e.getKey()));
            List<String> good = Files.readAllLines(clean.resolve(e.getKey()));
            long dups = e.getValue().get(FaultType.DUPLICATE);
            long changed = e.getValue().values().stream().mapToLong(Long::longValue).sum() - dups;
            assertEquals(good.size() + dups, bad.size(), e.getKey());
            Set<String> goodSet = new HashSet<>(good);
            long notInClean = bad.stream().filter(l -> !goodSet.contains(l)).count();
            assertEquals(changed, notInClean, e.getKey());
        }
        // the person and address tables carry no injected faults
        assertEquals(Files.readString(clean.resolve("GBAPERSOONTAB.csv")), Files.readString(faulty.resolve("GBAPERSOONTAB.csv")));
        assertEquals(Files.readString(clean.resolve("VSLGWBTAB.csv")), Files.readString(faulty.resolve("VSLGWBTAB.csv")));
    }
}
