package nl.samenloop.ingest;

import java.util.List;

/**
 * The files that make up one table after discovery: in reading order (year, then name), with the
 * version choices made for years delivered more than once.
 */
public record TableInput(String table, List<SourceFile> files, List<String> versionChoices) {
    public TableInput {
        files = List.copyOf(files);
        versionChoices = List.copyOf(versionChoices);
    }

    /** Latest year of a yearly file, or null when no file is yearly (spec indicators.md "data horizon"). */
    public Integer latestYear() {
        return files.stream().map(SourceFile::year).filter(y -> y != null).max(Integer::compare).orElse(null);
    }
}
