package nl.samenloop.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Simulates one person from (seed, index) alone: birth, address history, care episodes. Pure function of
 * its inputs, so persons can be simulated on any thread in any order.
 */
final class PersonSimulator {
    /** Yearly chance of moving house; share of moves that cross a municipal border. */
    static final double MOVE_RATE = 0.08;
    static final double MOVE_BETWEEN_MUNICIPALITIES = 0.3;
    static final double IMMIGRANT = 0.06;
    static final double EMIGRANT = 0.02;
    static final double MISSING_DAY = 0.006;
    static final double MISSING_MONTH_AND_DAY = 0.002;
    static final double OVERLAP_COPY = 0.03;
    private static final String[] MISSING_PART = {"--", "0", "00", ""};

    private final GeneratorSpec spec;
    private final Geography geo;
    private final CareModel model;
    private final Pseudonyms personIds;
    final int horizon;

    PersonSimulator(GeneratorSpec spec, Geography geo) {
        this.spec = spec;
        this.geo = geo;
        this.model = new CareModel(spec);
        this.personIds = new Pseudonyms(spec.seed(), Seeds.PERSON_ID);
        this.horizon = Dates.of(spec.toYear(), 12, 31);
    }

    Person simulate(long index) {
        SplittableRandom r = Seeds.stream(spec.seed(), Seeds.PERSON, index);
        Person p = new Person(index);
        p.rinpersoon = personIds.nineDigits(index);
        p.sex = r.nextDouble() < 0.512 ? "1" : "2";
        // Born so that they are 0–22 in at least one year of the span.
        int by = spec.fromYear() - 22 + r.nextInt(spec.toYear() - spec.fromYear() + 23);
        int jan1 = Dates.of(by, 1, 1);
        p.birth = jan1 + r.nextInt(Dates.of(by + 1, 1, 1) - jan1);
        LocalDate b = LocalDate.ofEpochDay(p.birth);
        p.birthYear = Integer.toString(by);
        p.birthMonth = String.format("%02d", b.getMonthValue());
        p.birthDay = String.format("%02d", b.getDayOfMonth());
        double u = r.nextDouble();
        if (u < MISSING_MONTH_AND_DAY) {
            String token = MISSING_PART[r.nextInt(MISSING_PART.length)];
            p.birthMonth = token;
            p.birthDay = token;
        } else if (u < MISSING_MONTH_AND_DAY + MISSING_DAY) {
            p.birthDay = MISSING_PART[r.nextInt(MISSING_PART.length)];
        }
        addresses(p, r);
        care(p, r);
        return p;
    }

    private void addresses(Person p, SplittableRandom r) {
        int start = p.birth;
        if (r.nextDouble() < IMMIGRANT && horizon > p.birth) {
            start = p.birth + r.nextInt(horizon - p.birth + 1);
        }
        int leave = Dates.OPEN;
        if (r.nextDouble() < EMIGRANT && horizon > start + 30) {
            leave = start + 30 + r.nextInt(horizon - start - 30 + 1);
        }
        p.addressOpenAsEights = r.nextDouble() < 0.2;
        int m = geo.drawMunicipality(r);
        long obj = geo.drawObject(r, m, -1);
        int t = start;
        while (true) {
            int next = t + 1 + (int) (-Math.log(1 - r.nextDouble()) * 365.25 / MOVE_RATE);
            if (next > horizon || (leave != Dates.OPEN && next >= leave)) {
                p.addresses.add(new Person.Address(t, leave, obj, m));
                return;
            }
            p.addresses.add(new Person.Address(t, next - 1, obj, m));
            if (r.nextDouble() < MOVE_BETWEEN_MUNICIPALITIES) {
                m = geo.drawMunicipality(r);
                obj = geo.drawObject(r, m, -1);
            } else {
                obj = geo.drawObject(r, m, obj);
            }
            t = next;
        }
    }

    private void care(Person p, SplittableRandom r) {
        Person.Address first = p.addresses.get(0);
        Person.Address last = p.addresses.get(p.addresses.size() - 1);
        int from = Math.max(first.begin(), Dates.of(spec.fromYear() - 3, 1, 1));
        int to = Math.min(horizon, Dates.birthday(p.birth, 23) - 1);
        if (last.end() != Dates.OPEN) {
            to = Math.min(to, last.end());
        }
        double[] h = new double[5];
        int t = from;
        while (t <= to) {
            Person.Address a = p.addressOn(t);
            model.hazards(Dates.age(p.birth, t), geo.lowWijkteam[a.municipality()], h);
            double total = h[0] + h[1] + h[2] + h[3] + h[4];
            double years = total <= 0 ? 2 : -Math.log(1 - r.nextDouble()) / total;
            if (years > 1) {
                t += 365; // hazards depend on age and municipality: redraw a year on (memoryless)
                continue;
            }
            t += (int) (years * 365.25);
            if (t > to) {
                break;
            }
            double x = r.nextDouble() * total;
            int kind = 0;
            while (kind < 4 && x >= h[kind]) {
                x -= h[kind];
                kind++;
            }
            int busy = episode(p, r, CareModel.Episode.values()[kind], t);
            if (busy >= horizon) {
                break;
            }
            t = busy + 1 + r.nextInt(30);
        }
    }

    /** Adds the spells of one episode starting on {@code t}; returns the last day the episode keeps the person busy. */
    private int episode(Person p, SplittableRandom r, CareModel.Episode kind, int t) {
        return switch (kind) {
            case WIJKTEAM -> wijkteam(p, r, t);
            case OVERIG -> overig(p, r, t);
            case VERBLIJF -> verblijf(p, r, t);
            case BESCHERMING -> bescherming(p, r, t);
            case RECLASSERING -> reclassering(p, r, t);
        };
    }

    private int wijkteam(Person p, SplittableRandom r, int t) {
        int len = CareModel.months(r, 1, 7, 36);
        int wEnd = t + len - 1;
        Person.Spell w = jeugdhulp(p, r, "01", t, wEnd, CareModel.VERWIJZER_WIJKTEAM, CareModel.VERWIJZER_WIJKTEAM_P);
        int busy = wEnd + 365;
        boolean concurrent = r.nextDouble() < spec.concurrentShare();
        boolean followUp = r.nextDouble() < spec.followUpShare();
        boolean windowCovered = false;
        if (concurrent) {
            int begin = t + r.nextInt(len);
            int end = begin + CareModel.months(r, 0.5, 9, 48) - 1;
            if (followUp && r.nextBoolean()) {
                // the concurrent care runs on past the wijkteam end: it is the follow-up
                end = Math.max(end, wEnd + 1 + r.nextInt(200));
                windowCovered = true;
            } else {
                end = Math.min(end, wEnd);
            }
            Person.Spell c = around(p, r, begin, end);
            busy = Math.max(busy, c.end);
        }
        if (followUp && !windowCovered) {
            int begin = wEnd + 1 + Math.min(364, (int) (-75 * Math.log(1 - r.nextDouble())));
            int end = begin + CareModel.months(r, 0.5, 9, 48) - 1;
            Person.Spell f = around(p, r, begin, end);
            busy = Math.max(busy, f.end);
        }
        return Math.max(busy, w.end);
    }

    /** Other care next to or after a wijkteam trajectory (a jeugdhulp form or a measure). */
    private Person.Spell around(Person p, SplittableRandom r, int begin, int end) {
        String k = CareModel.pick(r, CareModel.AROUND_WIJKTEAM, CareModel.AROUND_WIJKTEAM_P);
        if (k.equals("R") && Dates.age(p.birth, begin) < 12 || k.equals("B") && Dates.age(p.birth, begin) >= 18) {
            k = "02";
        }
        return switch (k) {
            case "B" -> measure(p, Person.Spell.BESCHERMING,
                    CareModel.pick(r, CareModel.BESCHERMING, CareModel.BESCHERMING_P), begin, end);
            case "R" -> measure(p, Person.Spell.RECLASSERING,
                    CareModel.pick(r, CareModel.RECLASSERING, CareModel.RECLASSERING_P), begin, end);
            default -> jeugdhulp(p, r, k, begin, end, CareModel.VERWIJZER_AFTER_WIJKTEAM, CareModel.VERWIJZER_AFTER_WIJKTEAM_P);
        };
    }

    private int overig(Person p, SplittableRandom r, int t) {
        String code = CareModel.pick(r, CareModel.ZONDER_VERBLIJF, CareModel.ZONDER_VERBLIJF_P);
        int end = t + CareModel.months(r, 0.5, 9, 48) - 1;
        Person.Spell s = jeugdhulp(p, r, code, t, end, CareModel.VERWIJZER_OVERIG, CareModel.VERWIJZER_OVERIG_P);
        int busy = s.end;
        if (r.nextDouble() < 0.2) {
            // a second form: alongside the first or right after it
            String other = code.equals("02") ? (r.nextBoolean() ? "03" : "04") : "02";
            int begin = r.nextBoolean() ? t + r.nextInt(end - t + 1) : end + 1 + r.nextInt(60);
            Person.Spell s2 = jeugdhulp(p, r, other, begin, begin + CareModel.months(r, 0.5, 6, 36) - 1,
                    CareModel.VERWIJZER_OVERIG, CareModel.VERWIJZER_OVERIG_P);
            busy = Math.max(busy, s2.end);
        }
        if (r.nextDouble() < 0.04) {
            int begin = busy + 1 + r.nextInt(90);
            Person.Spell v = jeugdhulp(p, r, CareModel.pick(r, CareModel.VERBLIJF, CareModel.VERBLIJF_P), begin,
                    begin + CareModel.months(r, 1, 12, 60) - 1, CareModel.VERWIJZER_VERBLIJF, CareModel.VERWIJZER_VERBLIJF_P);
            busy = v.end;
        }
        return busy;
    }

    private int verblijf(Person p, SplittableRandom r, int t) {
        int end = t + CareModel.months(r, 1, 13, 60) - 1;
        Person.Spell v = jeugdhulp(p, r, CareModel.pick(r, CareModel.VERBLIJF, CareModel.VERBLIJF_P), t, end,
                CareModel.VERWIJZER_VERBLIJF, CareModel.VERWIJZER_VERBLIJF_P);
        int busy = v.end;
        if (r.nextDouble() < 0.35) {
            int begin = t + r.nextInt(end - t + 1);
            Person.Spell a = jeugdhulp(p, r, "02", begin, begin + CareModel.months(r, 0.5, 8, 36) - 1,
                    CareModel.VERWIJZER_VERBLIJF, CareModel.VERWIJZER_VERBLIJF_P);
            busy = Math.max(busy, a.end);
        }
        if (r.nextDouble() < 0.35 && Dates.age(p.birth, t) < 18) {
            int begin = t; // not earlier: the previous episode's follow-up window must stay clean
            Person.Spell b = measure(p, Person.Spell.BESCHERMING, r.nextDouble() < 0.8 ? "11" : "21",
                    begin, begin + CareModel.months(r, 6, 12, 60) - 1);
            busy = Math.max(busy, b.end);
        }
        return busy;
    }

    private int bescherming(Person p, SplittableRandom r, int t) {
        String code = CareModel.pick(r, CareModel.BESCHERMING, CareModel.BESCHERMING_P);
        int len = code.startsWith("2") ? CareModel.months(r, 12, 30, 120)
                : code.equals("31") ? CareModel.months(r, 2, 4, 12) : CareModel.months(r, 6, 10, 60);
        // a measure ends when the youth comes of age
        int end = Math.min(t + len - 1, Dates.birthday(p.birth, 18) - 1);
        Person.Spell m = measure(p, Person.Spell.BESCHERMING, code, t, Math.max(t, end));
        int busy = m.end;
        if (r.nextDouble() < 0.55) {
            int begin = t + r.nextInt(Math.max(1, Math.min(90, m.end - t + 1)));
            Person.Spell a = jeugdhulp(p, r, "02", begin, begin + CareModel.months(r, 1, 9, 48) - 1,
                    CareModel.VERWIJZER_VERBLIJF, CareModel.VERWIJZER_VERBLIJF_P);
            busy = Math.max(busy, a.end);
        }
        if (r.nextDouble() < 0.2) {
            int begin = t + r.nextInt(Math.max(1, Math.min(120, m.end - t + 1)));
            Person.Spell v = jeugdhulp(p, r, r.nextDouble() < 0.6 ? "11" : "14", begin,
                    begin + CareModel.months(r, 2, 14, 60) - 1, CareModel.VERWIJZER_VERBLIJF, CareModel.VERWIJZER_VERBLIJF_P);
            busy = Math.max(busy, v.end);
        }
        return busy;
    }

    private int reclassering(Person p, SplittableRandom r, int t) {
        String code = CareModel.pick(r, CareModel.RECLASSERING, CareModel.RECLASSERING_P);
        Person.Spell m = measure(p, Person.Spell.RECLASSERING, code, t, t + CareModel.months(r, 3, 6, 36) - 1);
        int busy = m.end;
        if (r.nextDouble() < 0.3) {
            int begin = t + r.nextInt(Math.max(1, m.end - t + 1));
            Person.Spell a = jeugdhulp(p, r, "02", begin, begin + CareModel.months(r, 1, 6, 24) - 1,
                    CareModel.VERWIJZER_OVERIG, CareModel.VERWIJZER_OVERIG_P);
            busy = Math.max(busy, a.end);
        }
        return busy;
    }

    private Person.Spell jeugdhulp(Person p, SplittableRandom r, String code, int begin, int end,
                                   String[] verwijzers, double[] verwijzerP) {
        Person.Address a = p.addressOn(begin);
        if (a == null) {
            a = p.addresses.get(p.addresses.size() - 1);
        }
        int m = a.municipality();
        Person.Spell s = new Person.Spell(Person.Spell.JEUGDHULP, code, begin, end);
        s.verwijzer = CareModel.pick(r, verwijzers, verwijzerP);
        boolean wijkteam = code.equals("01");
        s.perspectief = wijkteam ? CareModel.pick(r, CareModel.PERSPECTIEF_WIJKTEAM, CareModel.PERSPECTIEF_WIJKTEAM_P)
                : CareModel.pick(r, CareModel.PERSPECTIEF_OVERIG, CareModel.PERSPECTIEF_OVERIG_P);
        s.reden = CareModel.pick(r, CareModel.REDEN, CareModel.REDEN_P);
        // Pseudonymous provider numbers: one wijkteam organisation per municipality; a dozen providers per
        // jeugdregio for care without stay, five for care with stay.
        int region = geo.regionNumber[m];
        long provider = wijkteam ? 10_000_000L + m
                : code.startsWith("0") ? 20_000_000L + region * 100L + r.nextInt(12)
                : 30_000_000L + region * 100L + r.nextInt(5);
        s.aanbieder = Long.toString(provider);
        // Responsible municipality: residence at the start, in the classification of the start year.
        AddressObject o = AddressObject.of(spec.seed(), a.object(), spec.toYear() - spec.fromYear() + 1);
        int year = Math.max(spec.fromYear(), Math.min(spec.toYear(), Dates.year(begin)));
        s.gemeente = geo.code(m, year, o.uForward(), o.uBack()).substring(2);
        s.openAsEights = r.nextDouble() < 0.15;
        add(p, s);
        if (r.nextDouble() < OVERLAP_COPY && s.end - s.begin >= 20) {
            int cb = s.begin + 1 + r.nextInt((s.end - s.begin) / 2);
            Person.Spell c = new Person.Spell(Person.Spell.JEUGDHULP, code, cb, cb + r.nextInt(s.end - cb + 1));
            c.verwijzer = s.verwijzer;
            c.perspectief = s.perspectief;
            c.reden = s.reden;
            c.aanbieder = s.aanbieder;
            c.gemeente = s.gemeente;
            c.openAsEights = s.openAsEights;
            c.overlapCopy = true;
            add(p, c);
        }
        return s;
    }

    private Person.Spell measure(Person p, int table, String code, int begin, int end) {
        Person.Spell s = new Person.Spell(table, code, begin, end);
        s.openAsEights = false;
        add(p, s);
        return s;
    }

    /**
     * Adds a spell, keeping (table, code, begin, provider) unique per person: the spec treats records with
     * the same person, code and begin (and provider) as one spell, so two distinct spells must differ there.
     * Only a duplicate the fault injector writes on purpose may repeat a record.
     */
    private static void add(Person p, Person.Spell s) {
        boolean clash = true;
        while (clash) {
            clash = false;
            for (Person.Spell o : p.spells) {
                if (o.table == s.table && o.code.equals(s.code) && o.begin == s.begin
                        && java.util.Objects.equals(o.aanbieder, s.aanbieder)) {
                    s.begin++;
                    if (s.end < s.begin) {
                        s.end = s.begin;
                    }
                    clash = true;
                }
            }
        }
        p.spells.add(s);
    }
}
