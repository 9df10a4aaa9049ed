package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Reference;

/** VSLGWBTAB follows the merger table: Voorne aan Zee (2023), Weesp (2022-03-24 → GEM2023), Haaren's split. */
class VslgwbtabMappingTest {
    static Reference ref;

    @BeforeAll
    static void load() {
        ref = Reference.load(Path.of("conf"));
    }

    @Test
    void voorneAanZeeWeespAndHaarenInGeneratedFile(@TempDir Path d) {
        GeneratorSpec spec = GeneratorSpec.defaults(3, 3_000).withYears(2015, 2024)
                .withMunicipalities(List.of("GM0501", "0530", "GM0614", "GM0457", "GM0788", "GM0599"));
        Generator.generate(spec, d, ref);
        List<String[]> rows = GeneratedData.read(d.resolve("VSLGWBTAB.csv"));
        // columns: SOORT, RINOBJECT, GEM2015 … GEM2024 → GEM<y> at index y - 2013
        Map<String, Integer> voorne = new HashMap<>();
        Map<String, Integer> haarenTo = new HashMap<>();
        int weesp = 0;
        for (String[] r : rows) {
            String g22 = r[2022 - 2013];
            String g23 = r[2023 - 2013];
            if (Set.of("0501", "0530", "0614").contains(g22)) {
                assertEquals("1992", g23, "an object in Brielle/Hellevoetsluis/Westvoorne is in Voorne aan Zee from GEM2023");
                assertEquals("1992", r[2024 - 2013]);
                voorne.merge(g22, 1, Integer::sum);
            }
            if (g22.equals("0457")) {
                assertEquals("0363", g23, "Weesp joined Amsterdam on 2022-03-24: GEM2022 Weesp, GEM2023 Amsterdam");
                weesp++;
            }
            if (r[2020 - 2013].equals("0788")) {
                haarenTo.merge(r[2021 - 2013], 1, Integer::sum);
            }
            for (int y = 2015; y <= 2024; y++) {
                String g = r[y - 2013];
                assertTrue(g.equals("----") || ref.classification(y).containsKey("GM" + g),
                        "GEM" + y + " code " + g + " exists in classification " + y);
            }
        }
        assertEquals(Set.of("0501", "0530", "0614"), voorne.keySet(), "all three merged municipalities have objects");
        assertTrue(weesp > 0);
        // Haaren's objects are shared out over its four receivers (42/34/15/9 % of addresses)
        assertEquals(Set.of("0757", "0824", "0855", "0865"), haarenTo.keySet());
        // restricted to those municipalities: nothing else appears in 2016
        for (String[] r : rows) {
            String g16 = r[2016 - 2013];
            assertTrue(g16.equals("----") || Set.of("0501", "0530", "0614", "0457", "0788", "0599").contains(g16), g16);
        }
    }

    /** Every object of every municipality, in every bucket, carries a code that exists in that year. */
    @Test
    void everyMappedCodeExistsInItsClassificationYear() {
        Geography geo = new Geography(ref, GeneratorSpec.defaults(1, 1_000));
        int checked = 0;
        for (int m = 0; m < geo.size(); m++) {
            for (int y = 2015; y <= 2025; y++) {
                for (int b = 0; b < 100; b++) {
                    double u = (b + 0.5) / 100;
                    String c = geo.code(m, y, u, u);
                    assertTrue(ref.classification(y).containsKey(c), geo.codes2016[m] + " → " + c + " in " + y);
                    checked++;
                }
            }
        }
        assertEquals(390 * 11 * 100, checked);
        // and the 2015 classification is fully covered: each 2015 municipality receives objects
        java.util.Set<String> seen2015 = new java.util.TreeSet<>();
        for (int m = 0; m < geo.size(); m++) {
            for (int b = 0; b < 100; b++) {
                seen2015.add(geo.code(m, 2015, 0.5, (b + 0.5) / 100));
            }
        }
        assertEquals(ref.classification(2015).keySet(), seen2015);
        java.util.Set<String> seen2024 = new java.util.TreeSet<>();
        for (int m = 0; m < geo.size(); m++) {
            for (int b = 0; b < 100; b++) {
                seen2024.add(geo.code(m, 2024, (b + 0.5) / 100, 0.5));
            }
        }
        assertEquals(ref.classification(2024).keySet(), seen2024);
    }

    @Test
    void unknownRestrictionCodeIsRefusedWithTheCode() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Geography(ref, GeneratorSpec.defaults(1, 100).withMunicipalities(List.of("GM9999"))));
        assertTrue(e.getMessage().contains("GM9999"), e.getMessage());
    }
}
