package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderStatus;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.device.fingerprint.FingerprintWorkerSettings;
import pos.device.fingerprint.LibfprintReader;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * The till's fingerprint service over the real libfprint worker (virtual_image): a print enrolled through it is
 * sealed into the till's store and found again by identification; a reader unplugged mid-scan says so, and
 * {@link Fingerprints#recheck()} finds it again once it is back (hot-plug) without a till restart.
 */
@DisplayName("R18 the till's fingerprint service: enrol, identify, unplug and plug in again")
class FingerprintsTest {

    @TempDir
    Path dataDir;
    TillPeople people;
    Fingerprints fingerprints;
    VirtualSensor sensor;
    AutoCloseable pressing;

    @BeforeEach
    void setUp() throws Exception {
        Path socket = Files.createTempDirectory("fp").resolve("virtual-image.sock");
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, Clock.systemUTC(), pos.sync.auth.StreamSigner.missing("till-1"));
        fingerprints = new Fingerprints(new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(socket)),
                people);
        sensor = new VirtualSensor(socket);
        pressing = fingerprints.onPrompt(sensor.prompts());
        fingerprints.start();
        awaitReady();
    }

    @AfterEach
    void tearDown() throws Exception {
        pressing.close();
        fingerprints.close();
        sensor.close();
        people.close();
    }

    private void awaitReady() {
        await("the fingerprint reader is ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(fingerprints.isReady()).as(() -> fingerprints.status().sentence()).isTrue());
        assertThat(fingerprints.status().sentence()).startsWith("Fingerprint reader ready");
    }

    @Test
    void anEnrolledFingerIsSealedIntoTheStoreAndIdentifiedAgain() throws Exception {
        Member mia = people.addMember("Mia Member", Currency.getInstance("EUR"));
        assertThat(fingerprints.anyEnrolled(PersonKind.MEMBER)).isFalse();
        assertThatThrownBy(() -> fingerprints.identify(PersonKind.MEMBER).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NobodyEnrolledException.class)
                .hasMessageContaining("No member has a fingerprint enrolled");

        sensor.place(new SyntheticFinger(7_001));
        String printId = fingerprints.enroll(PersonKind.MEMBER, mia.id(), "left-thumb", step -> { }).get(30, TimeUnit.SECONDS);
        assertThat(fingerprints.anyEnrolled(PersonKind.MEMBER)).isTrue();
        assertThat(fingerprints.driver()).contains("libfprint/virtual_image");
        assertThat(people.store().print(printId)).hasValueSatisfying(sealed -> {
            assertThat(sealed.personId()).isEqualTo(mia.id());
            assertThat(sealed.finger()).isEqualTo("left-thumb");
            assertThat(sealed.driver()).isEqualTo("libfprint/virtual_image");
        });

        assertThat(fingerprints.identify(PersonKind.MEMBER).get(30, TimeUnit.SECONDS))
                .isEqualTo(Optional.of(new Fingerprints.Match(PersonKind.MEMBER, mia.id())));
        sensor.place(new SyntheticFinger(7_999));
        assertThat(fingerprints.identify(PersonKind.MEMBER).get(30, TimeUnit.SECONDS)).isEmpty();
        sensor.check();
    }

    @Test
    @DisplayName("R18 issue 15: a finger enrolled for two members names neither; one member's finger enrolled twice is still theirs")
    void aFingerMatchingTwoPeopleIsNotASilentPick() throws Exception {
        Member mia = people.addMember("Mia Member", Currency.getInstance("EUR"));
        Member noah = people.addMember("Noah Member", Currency.getInstance("EUR"));
        SyntheticFinger shared = new SyntheticFinger(7_101);
        sensor.place(shared);
        fingerprints.enroll(PersonKind.MEMBER, mia.id(), "left-thumb", step -> { }).get(30, TimeUnit.SECONDS);
        fingerprints.enroll(PersonKind.MEMBER, mia.id(), "right-thumb", step -> { }).get(30, TimeUnit.SECONDS);
        // Mia's thumb enrolled twice: both prints pass, both hers
        long before = sensor.presses();
        assertThat(fingerprints.identify(PersonKind.MEMBER).get(30, TimeUnit.SECONDS))
                .isEqualTo(Optional.of(new Fingerprints.Match(PersonKind.MEMBER, mia.id())));
        assertThat(sensor.presses() - before).as("presses for one identify").isEqualTo(1);

        fingerprints.enroll(PersonKind.MEMBER, noah.id(), "left-thumb", step -> { }).get(30, TimeUnit.SECONDS);
        // libfprint would answer with the first print that passes (Mia's); the till names nobody instead, on one press
        before = sensor.presses();
        assertThatThrownBy(() -> fingerprints.identify(PersonKind.MEMBER).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(pos.core.biometric.AmbiguousMatchException.class)
                .hasMessageContaining("belong to different people");
        assertThat(sensor.presses() - before).as("presses for one identify").isEqualTo(1);
        PeopleText words = new PeopleText(pos.app.i18n.Texts.forLocale(java.util.Locale.US), java.util.Locale.US);
        assertThat(words.failure(new pos.core.biometric.AmbiguousMatchException(0, 2)))
                .isEqualTo("That finger matches more than one person enrolled here, so nobody was chosen: try another finger,"
                        + " or go on without one (PIN, or pay another way)");
        sensor.check();
    }

    @Test
    void anUnpluggedReaderSaysSoAndRecheckFindsItAgain() throws Exception {
        Member mia = people.addMember("Mia Member", Currency.getInstance("EUR"));
        sensor.place(new SyntheticFinger(8_202));
        fingerprints.enroll(PersonKind.MEMBER, mia.id(), "right-index", step -> { }).get(30, TimeUnit.SECONDS);

        sensor.thenUnplug();
        assertThatThrownBy(() -> fingerprints.identify(PersonKind.MEMBER).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(NoReaderException.class).hasMessageContaining("unplugged");
        assertThat(fingerprints.status().state()).isEqualTo(ReaderStatus.State.NO_READER);
        assertThat(fingerprints.isReady()).isFalse();

        // the reader is back (the virtual device is there again): the till finds it without a restart
        sensor.reconnect();
        fingerprints.recheck();
        awaitReady();
        assertThat(fingerprints.identify(PersonKind.MEMBER).get(30, TimeUnit.SECONDS))
                .isEqualTo(Optional.of(new Fingerprints.Match(PersonKind.MEMBER, mia.id())));
        sensor.check();
    }

    @Test
    void aReaderSwitchedOffSaysSoAndScansFailWithTheReason() {
        try (Fingerprints off = Fingerprints.off(people, "switched off: pos.fingerprint=off")) {
            assertThat(off.status().sentence()).isEqualTo("No fingerprint reader (switched off: pos.fingerprint=off)");
            assertThat(off.anyEnrolled(PersonKind.CLERK)).isFalse();
            assertThatThrownBy(() -> off.identify(PersonKind.CLERK).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(NoReaderException.class).hasMessageContaining("switched off");
            off.recheck(); // nothing to look for: no exception, still off
            assertThat(off.isReady()).isFalse();
        }
    }
}
