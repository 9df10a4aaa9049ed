package nl.samenloop.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import nl.samenloop.disclosure.Disclosure;
import nl.samenloop.disclosure.History;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.TinyWorld;
import nl.samenloop.register.Publisher;
import nl.samenloop.register.RegisterLocation;
import nl.samenloop.register.ReleaseRegister;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of releases of one dataset — areas that overlap, region-only next to municipality-only,
 * other half-years, pools, I2 and I3 sharing their base — each protected against the register of the ones
 * before, then attacked all together by an intruder who knows what every count means ({@link AtomAttack}):
 * no suppressed count of any release may be narrower than T, and none may be recovered exactly.
 */
class ReleaseSequenceProperties {
    static final int T = 10;
    final Profile profile = Profile.cbsMicrodata();

    @Property(tries = 12)
    void releasesOfOneDatasetStaySafeTogether(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
        Map<String, List<ProtectedTable>> releases = releaseSequence(seed, true);
        AtomAttack attack = new AtomAttack(releases);
        for (AtomAttack.Finding f : attack.attack()) {
            assertTrue(f.width() >= T, "seed " + seed + ": " + f + " narrower than " + T + " (releases "
                    + releases.keySet() + ")");
        }
    }

    /**
     * The same sequences, each release protected on its own as before the register existed: the intruder does
     * narrow suppressed counts, so the property above can fail.
     */
    @Test
    void withoutTheRegisterTheSameSequencesLeak() throws Exception {
        int leaks = 0;
        List<String> seen = new ArrayList<>();
        for (long seed = 1; seed <= 6 && leaks == 0; seed++) {
            Map<String, List<ProtectedTable>> releases = releaseSequence(seed * 7919, false);
            for (AtomAttack.Finding f : new AtomAttack(releases).attack()) {
                if (f.width() < T) {
                    leaks++;
                    seen.add(f.toString());
                }
            }
        }
        assertTrue(leaks > 0, "no leak found without the register: the attack is too weak to prove anything");
    }

    /** 2–4 random requests on one tiny world; with the register each is protected against the ones before. */
    Map<String, List<ProtectedTable>> releaseSequence(long seed, boolean register) throws Exception {
        TinyWorld world = new TinyWorld(seed, 600);
        Random r = new Random(seed);
        int n = 2 + r.nextInt(3);
        Map<String, List<ProtectedTable>> out = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("register");
        try (ReleaseRegister reg = ReleaseRegister.open(RegisterLocation.parse(dir.toString(), Path.of("")))) {
            ReleaseRegister.Universe u = ReleaseRegister.Universe.of("tiny world " + seed);
            for (int i = 1; i <= n; i++) {
                TinyWorld.Request q = TinyWorld.randomRequest(r, "release" + i);
                List<CellTable> tables = world.tables(q);
                String name = "release " + i + " " + q;
                if (register) {
                    Publisher.Result res = Publisher.publish(tables, profile, reg, u, (release, record) -> record.record(
                            new ReleaseRegister.ReleaseInfo(q.name(), null, "test", "localhost", Instant.EPOCH,
                                    profile.name(), null, null)), line -> { });
                    out.put(name, res.release().tables());
                } else {
                    out.put(name, Disclosure.protect(tables, profile, History.none()));
                }
            }
        }
        return out;
    }
}
