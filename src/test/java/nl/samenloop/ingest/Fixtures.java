package nl.samenloop.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.samenloop.engine.Progress;
import nl.samenloop.engine.SparkTest;
import org.apache.spark.sql.Row;

/** Tiny hand-made input folders: one valid record per table, so a test replaces only the table it is about. */
final class Fixtures {
    private Fixtures() {
    }

    static final String JGDH_HEADER = "RINPERSOONS,RINPERSOON,JGDHHULPVORM,JGDHGELDIGHEIDBEGINDATUM,JGDHGELDIGHEIDEINDDATUM";

    static Path write(Path file, String content) {
        return write(file, content, StandardCharsets.UTF_8);
    }

    static Path write(Path file, String content, Charset cs) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content.getBytes(cs));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    /** All six tables with one valid record each (CSV). */
    static Path minimalInput(Path dir) {
        write(dir.resolve("JGDHULPBUS.csv"), lines(JGDH_HEADER, "R,000000001,01,20190101,20190630"));
        write(dir.resolve("JGDBESCHERMBUS.csv"), lines(
                "RINPERSOONS,RINPERSOON,JGDBMAATREGEL,JGDBGELDIGHEIDBEGINDATUM,JGDBGELDIGHEIDEINDDATUM",
                "R,000000001,11,20190101,"));
        write(dir.resolve("JGDRECLASSERINGBUS.csv"), lines(
                "RINPERSOONS,RINPERSOON,JGDRMAATREGEL,JGDRGELDIGHEIDBEGINDATUM,JGDRGELDIGHEIDEINDDATUM",
                "R,000000001,41,20190101,20191231"));
        write(dir.resolve("GBAPERSOONTAB.csv"), lines(
                "RINPERSOONS,RINPERSOON,GBAGESLACHT,GBAGEBOORTEJAAR,GBAGEBOORTEMAAND,GBAGEBOORTEDAG",
                "R,000000001,1,2010,05,20"));
        write(dir.resolve("GBAADRESOBJECTBUS.csv"), lines(
                "RINPERSOONS,RINPERSOON,GBADATUMAANVANGADRESHOUDING,GBADATUMEINDEADRESHOUDING,SOORTOBJECTNUMMER,RINOBJECTNUMMER",
                "R,000000001,20100520,,A,100"));
        write(dir.resolve("VSLGWBTAB.csv"), lines("SOORTOBJECTNUMMER,RINOBJECTNUMMER,GEM2019", "A,100,0599"));
        return dir;
    }

    static IngestReport ingest(Path input, Path work) {
        return ingest(input, work, Path.of("conf"));
    }

    static IngestReport ingest(Path input, Path work, Path conf) {
        return Ingest.run(SparkTest.spark(), input, work, conf, new Progress("test"));
    }

    /** Rejects as "row|column|reason" strings, sorted. */
    static Set<String> rejects(Path work, String table) {
        Set<String> out = new TreeSet<>();
        for (Row r : SparkTest.spark().read().parquet(Staging.rejects(work, table).toString()).collectAsList()) {
            out.add(r.getAs("row") + "|" + r.getAs("column") + "|" + r.getAs("reason"));
        }
        return out;
    }

    static List<Row> staged(Path work, String table, String orderBy) {
        return new ArrayList<>(SparkTest.spark().read().parquet(Staging.staged(work, table).toString())
                .orderBy(orderBy).collectAsList());
    }
}
