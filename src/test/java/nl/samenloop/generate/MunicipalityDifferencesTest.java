package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Reference;

/** Low-wijkteam municipalities report almost no hulpvorm 01; CSV options are honoured. */
class MunicipalityDifferencesTest {
    @Test
    void lowWijkteamMunicipalitiesReportAlmostNoWijkteamHelp(@TempDir Path d) {
        Reference ref = Reference.load(Path.of("conf"));
        // Gouda, Zoetermeer, Eindhoven (low) next to Rotterdam (normal); all four unchanged 2015–2020.
        GeneratorSpec spec = GeneratorSpec.defaults(31, 6_000).withSplit(false, 0)
                .withMunicipalities(List.of("GM0513", "GM0637", "GM0772", "GM0599"))
                .withLowWijkteam(List.of("GM0513", "GM0637", "GM0772"), 0);
        GenerationResult r = Generator.generate(spec, d, ref);
        assertEquals(List.of("GM0513", "GM0637", "GM0772"), r.lowWijkteamMunicipalities2016());
        long[] low = new long[2];
        long[] normal = new long[2];
        for (String[] row : GeneratedData.read(d.resolve("JGDHULPBUS.csv"))) {
            long[] c = Set.of("0513", "0637", "0772").contains(row[9]) ? low : row[9].equals("0599") ? normal : null;
            if (c != null) {
                c[0]++;
                c[1] += row[2].equals("01") ? 1 : 0;
            }
        }
        double lowShare = (double) low[1] / low[0];
        double normalShare = (double) normal[1] / normal[0];
        System.out.printf("wijkteam share of trajectories: low %.4f (%d), Rotterdam %.4f (%d)%n",
                lowShare, low[0], normalShare, normal[0]);
        assertTrue(low[0] > 500 && normal[0] > 500, "enough trajectories on both sides");
        assertTrue(lowShare < 0.02, "low-wijkteam municipalities: " + lowShare);
        assertTrue(normalShare > 0.15, "normal municipality: " + normalShare);
    }

    @Test
    void semicolonAndWindows1252(@TempDir Path d) throws Exception {
        Reference ref = Reference.load(Path.of("conf"));
        Charset cp1252 = Charset.forName("windows-1252");
        Generator.generate(GeneratorSpec.defaults(4, 300).withCsv(';', cp1252), d, ref);
        List<String> lines = Files.readAllLines(d.resolve("GBAPERSOONTAB.csv"), cp1252);
        assertEquals("RINPERSOONS;RINPERSOON;GBAGESLACHT;GBAGEBOORTEJAAR;GBAGEBOORTEMAAND;GBAGEBOORTEDAG", lines.get(0));
        assertEquals(6, lines.get(1).split(";", -1).length);
        assertTrue(Files.readString(d.resolve(GenerationResult.MANIFEST)).contains("\"csvCharset\": \"windows-1252\""));
    }
}
