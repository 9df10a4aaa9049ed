package nl.samenloop.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A plain-Java reading of a generated CSV folder, independent of the generator's internals: the reference
 * the calibration and consistency tests compute on. Implements the spec rules it needs (data-layout.md:
 * latest yearly file wins, highest version; indicators.md: merge overlapping same hulpvorm + provider,
 * birth-date imputation, youth population, I3/I4 definitions).
 */
final class GeneratedData {
    /** A care spell; end null = open. kind: W (01), O (02–04), V (11–14), B, R. */
    record Spell(String person, String kind, String code, LocalDate begin, LocalDate end, String provider) {
        boolean activeIn(LocalDate from, LocalDate to) {
            return !begin.isAfter(to) && (end == null || !end.isBefore(from));
        }
    }

    record Address(LocalDate begin, LocalDate end) {
    }

    final Map<String, LocalDate> birth = new HashMap<>();
    final Map<String, List<Address>> addresses = new HashMap<>();
    final Map<String, List<Spell>> care = new TreeMap<>();
    final int fromYear;
    final int toYear;

    GeneratedData(Path dir, int fromYear, int toYear) {
        this.fromYear = fromYear;
        this.toYear = toYear;
        for (String[] r : read(dir.resolve("GBAPERSOONTAB.csv"))) {
            int m = part(r[4]) == 0 ? 7 : part(r[4]);
            int d = part(r[4]) == 0 ? 1 : part(r[5]) == 0 ? 15 : part(r[5]);
            birth.put(r[1], LocalDate.of(Integer.parseInt(r[3]), m, d));
        }
        for (String[] r : read(dir.resolve("GBAADRESOBJECTBUS.csv"))) {
            addresses.computeIfAbsent(r[1], k -> new ArrayList<>()).add(new Address(date(r[2]), date(r[3])));
        }
        Map<String, Spell> jh = new LinkedHashMap<>();
        Path folder = dir.resolve("JGDHULPBUS");
        if (Files.isDirectory(folder)) {
            // Highest version per year; later years overwrite earlier records of the same spell.
            TreeMap<Integer, Path> perYear = new TreeMap<>();
            try (Stream<Path> s = Files.list(folder)) {
                s.sorted().forEach(p -> perYear.put(Integer.parseInt(p.getFileName().toString().substring(7, 11)), p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            perYear.values().forEach(p -> readJeugdhulp(p, jh));
        } else {
            readJeugdhulp(dir.resolve("JGDHULPBUS.csv"), jh);
        }
        jh.values().forEach(this::addCare);
        for (String[] r : read(dir.resolve("JGDBESCHERMBUS.csv"))) {
            addCare(new Spell(r[1], "B", r[2], date(r[3]), date(r[4]), null));
        }
        for (String[] r : read(dir.resolve("JGDRECLASSERINGBUS.csv"))) {
            addCare(new Spell(r[1], "R", r[2], date(r[3]), date(r[4]), null));
        }
        care.replaceAll((k, v) -> merge(v));
    }

    private void readJeugdhulp(Path p, Map<String, Spell> jh) {
        for (String[] r : read(p)) {
            String code = r[2];
            String kind = code.equals("01") ? "W" : code.startsWith("0") ? "O" : "V";
            jh.put(r[1] + "|" + code + "|" + r[3] + "|" + r[8], new Spell(r[1], kind, code, date(r[3]), date(r[4]), r[8]));
        }
    }

    private void addCare(Spell s) {
        care.computeIfAbsent(s.person(), k -> new ArrayList<>()).add(s);
    }

    /** Merges spells of one person with the same code and provider that overlap by a day or more. */
    static List<Spell> merge(List<Spell> in) {
        List<Spell> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing(Spell::kind).thenComparing(Spell::code)
                .thenComparing(s -> String.valueOf(s.provider())).thenComparing(Spell::begin));
        List<Spell> out = new ArrayList<>();
        for (Spell s : sorted) {
            Spell last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.code().equals(s.code()) && last.kind().equals(s.kind())
                    && String.valueOf(last.provider()).equals(String.valueOf(s.provider()))
                    && (last.end() == null || !s.begin().isAfter(last.end()))) {
                LocalDate end = last.end() == null || s.end() == null ? null
                        : last.end().isAfter(s.end()) ? last.end() : s.end();
                out.set(out.size() - 1, new Spell(last.person(), last.kind(), last.code(), last.begin(), end, last.provider()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Youth population of year y: age 0–22 on 31 December and an address spell active in the year. */
    boolean inPopulation(String person, int y) {
        LocalDate b = birth.get(person);
        if (b == null) {
            return false;
        }
        LocalDate dec31 = LocalDate.of(y, 12, 31);
        int age = java.time.Period.between(b, dec31).getYears();
        if (b.isAfter(dec31) || age > 22) {
            return false;
        }
        LocalDate jan1 = LocalDate.of(y, 1, 1);
        for (Address a : addresses.getOrDefault(person, List.of())) {
            if (!a.begin().isAfter(dec31) && (a.end() == null || !a.end().isBefore(jan1))) {
                return true;
            }
        }
        return false;
    }

    List<String> population(int y) {
        List<String> out = new ArrayList<>();
        for (String p : birth.keySet()) {
            if (inPopulation(p, y)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Share of the year's youth population with an active spell of one of {@code kinds}. */
    double share(int y, String kinds) {
        LocalDate a = LocalDate.of(y, 1, 1);
        LocalDate b = LocalDate.of(y, 12, 31);
        List<String> pop = population(y);
        long n = pop.stream().filter(p -> care.getOrDefault(p, List.of()).stream()
                .anyMatch(s -> kinds.contains(s.kind()) && s.activeIn(a, b))).count();
        return (double) n / pop.size();
    }

    static LocalDate date(String s) {
        if (s == null || s.isEmpty() || s.startsWith("8888")) {
            return null;
        }
        return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                Integer.parseInt(s.substring(6, 8)));
    }

    private static int part(String s) {
        return s == null || s.isEmpty() || s.startsWith("-") ? 0 : Integer.parseInt(s);
    }

    static List<String[]> read(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            List<String[]> out = new ArrayList<>(lines.size());
            for (String l : lines.subList(1, lines.size())) {
                out.add(l.split(",", -1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
