package nl.samenloop.generate;

/** File formats the generator writes; the extension is what ingest detects (spec data-layout.md). */
public enum OutputFormat {
    CSV("csv"), PARQUET("parquet"), SAV("sav");

    public final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    public static OutputFormat parse(String s) {
        for (OutputFormat f : values()) {
            if (f.extension.equalsIgnoreCase(s.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + s + "'; expected csv, parquet or sav");
    }
}
