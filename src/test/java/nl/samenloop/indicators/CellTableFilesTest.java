package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.model.GeoLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellTableFilesTest {
    @TempDir
    Path dir;

    @Test
    void aTableRoundTripsExactlyIncludingAwkwardText() {
        Count pop = new Count("POPULATION", 1200, 1200);
        Count wijk = new Count("WIJKTEAM", 7, 7);
        Count nlNum = new Count("WIJKTEAM@NL01@2019HJ01", 700, 690);
        Cell plain = Cell.share("WIJKTEAM", GeoLevel.MUNICIPALITY, "GM0599", "Rotterdam", "2019HJ01", wijk, pop, true);
        Cell awkward = new Cell("WIJKTEAM_AFWIJKING_PUNTEN", GeoLevel.MUNICIPALITY, "GM0599", "Name\twith tab\\and\nnewline",
                "2019HJ01", wijk, pop, -0.25, List.of(nlNum), false, "NOT_OBSERVABLE");
        Cell noValue = new Cell("X", GeoLevel.COUNTRY, "NL01", "Nederland", "2016HJ01-2020HJ02", new Count("X", 0, 0),
                new Count("Y", 0, 0), null, List.of(), true, null);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Definitie", "een\tlange\nnotitie");
        CellTable t = new CellTable("care-share", "I2", "Titel — met streepje", List.of(plain, awkward, noValue),
                List.of(Relation.sum(new CountRef("WIJKTEAM", "NL01", "2019HJ01"),
                        List.of(new CountRef("WIJKTEAM", "GM0599", "2019HJ01"), new CountRef("WIJKTEAM", "REST-NL01", "2019HJ01"))),
                        Relation.atMost(new CountRef("POPULATION", "GM0599", "2019HJ01"), new CountRef("WIJKTEAM", "GM0599", "2019HJ01"))),
                notes).withIdentity(Map.of("WIJKTEAM", "youth:WIJKTEAM", "POPULATION", "youth:POPULATION"),
                Map.of("GM0599", List.of("GM0599"), "REST-NL01", List.of("GM0014", "GM0363", "GM----"),
                        "at_least@2016HJ01-2020HJ02", List.of()));
        CellTableFiles.write(dir.resolve("t"), t);
        CellTable back = CellTableFiles.read(dir.resolve("t"));
        assertEquals(t, back);
    }
}
