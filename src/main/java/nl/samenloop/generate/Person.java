package nl.samenloop.generate;

import java.util.ArrayList;
import java.util.List;

/** One simulated person: the truth the output tables are written from. Never logged. */
final class Person {
    /** An address spell on one address object; end {@link Dates#OPEN} = still living there. */
    record Address(int begin, int end, long object, int municipality) {
    }

    /** A care spell. table: JEUGDHULP, BESCHERMING or RECLASSERING. */
    static final class Spell {
        static final int JEUGDHULP = 0;
        static final int BESCHERMING = 1;
        static final int RECLASSERING = 2;

        final int table;
        final String code;
        int begin;
        int end;
        String verwijzer;
        String perspectief;
        String reden;
        String aanbieder;
        String gemeente;
        boolean openAsEights;
        /** A second record of the same trajectory overlapping it (to be merged downstream). */
        boolean overlapCopy;

        Spell(int table, String code, int begin, int end) {
            this.table = table;
            this.code = code;
            this.begin = begin;
            this.end = end;
        }
    }

    final long index;
    String rinpersoon;
    String sex;
    int birth;
    String birthYear;
    String birthMonth;
    String birthDay;
    boolean addressOpenAsEights;
    final List<Address> addresses = new ArrayList<>(4);
    final List<Spell> spells = new ArrayList<>(4);

    Person(long index) {
        this.index = index;
    }

    /** The address spell containing {@code day}, or null. */
    Address addressOn(int day) {
        for (Address a : addresses) {
            if (a.begin() <= day && day <= a.end()) {
                return a;
            }
        }
        return null;
    }
}
