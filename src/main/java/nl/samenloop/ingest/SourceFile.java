package nl.samenloop.ingest;

import nl.samenloop.storage.Location;

/**
 * One input file (or Parquet folder) of a table, on the driver's disk or on HDFS/S3. {@code year}/{@code version}
 * come from the file name ({@code JGDHULP2019BUSV2.sav} → 2019, 2); null year for files that are not yearly.
 */
public record SourceFile(Location path, Format format, Integer year, int version) {
    public enum Format { CSV, PARQUET, SAV }

    public String name() {
        return path.name();
    }
}
