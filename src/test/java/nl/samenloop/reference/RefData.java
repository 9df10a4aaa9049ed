package nl.samenloop.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-Java mirror of the staged datasets (ingest/Staging.java), for the reference implementation and the
 * differential harness. Field names follow the staged columns; a null end date means "open", as in staging.
 *
 * @param regions municipality code ("GM0599") → jeugdregio code ("JZ29") for the classification year
 */
public record RefData(List<Trajectory> trajectories, List<Measure> measures, List<Person> persons,
                      List<Address> addresses, List<ObjectMunicipality> objects, Map<String, String> regions) {

    public RefData {
        trajectories = List.copyOf(trajectories);
        measures = List.copyOf(measures);
        persons = List.copyOf(persons);
        addresses = List.copyOf(addresses);
        objects = List.copyOf(objects);
        regions = Map.copyOf(regions);
    }

    /** JGDHULPBUS row. verwijzer/aanbieder/gemeente are null when absent. */
    public record Trajectory(long person, boolean linkable, String hulpvorm, LocalDate begin, LocalDate end,
                             String verwijzer, String aanbieder, String gemeente) {
    }

    /** The two measure tables; kind says which: JB = JGDBESCHERMBUS, JR = JGDRECLASSERINGBUS. */
    public enum MeasureKind { JB, JR }

    public record Measure(long person, boolean linkable, MeasureKind kind, String code, LocalDate begin,
                          LocalDate end) {
    }

    /** GBAPERSOONTAB row; birthDate null when the birth year is missing (person unusable for age). */
    public record Person(long person, String sex, LocalDate birthDate) {
    }

    /** GBAADRESOBJECTBUS row; object is "soort:rinobject". */
    public record Address(long person, LocalDate begin, LocalDate end, String object) {
    }

    /** VSLGWBTAB row in long form; gemeente null = no municipality in that year. */
    public record ObjectMunicipality(String object, int year, String gemeente) {
    }

    /** Mutable builder for hand-written fixtures. */
    public static final class Builder {
        private final List<Trajectory> trajectories = new ArrayList<>();
        private final List<Measure> measures = new ArrayList<>();
        private final List<Person> persons = new ArrayList<>();
        private final List<Address> addresses = new ArrayList<>();
        private final List<ObjectMunicipality> objects = new ArrayList<>();
        private final Map<String, String> regions = new LinkedHashMap<>();

        public Builder trajectory(long person, String hulpvorm, String begin, String end) {
            return trajectory(person, true, hulpvorm, begin, end, null, null);
        }

        public Builder trajectory(long person, boolean linkable, String hulpvorm, String begin, String end,
                                  String verwijzer, String aanbieder) {
            trajectories.add(new Trajectory(person, linkable, hulpvorm, d(begin), d(end), verwijzer, aanbieder, null));
            return this;
        }

        public Builder measure(long person, MeasureKind kind, String code, String begin, String end) {
            measures.add(new Measure(person, true, kind, code, d(begin), d(end)));
            return this;
        }

        public Builder person(long person, String birthDate) {
            persons.add(new Person(person, "1", d(birthDate)));
            return this;
        }

        public Builder address(long person, String begin, String end, String object) {
            addresses.add(new Address(person, d(begin), d(end), object));
            return this;
        }

        public Builder object(String object, int year, String gemeente) {
            objects.add(new ObjectMunicipality(object, year, gemeente));
            return this;
        }

        public Builder region(String gemeente, String region) {
            regions.put(gemeente, region);
            return this;
        }

        public RefData build() {
            return new RefData(trajectories, measures, persons, addresses, objects, regions);
        }

        private static LocalDate d(String s) {
            return s == null ? null : LocalDate.parse(s);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}
