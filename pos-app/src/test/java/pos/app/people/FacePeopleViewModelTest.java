package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.contract.people.SealedPrint;
import pos.core.people.Clerk;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * The people window's face part (issue 16 point 2, R18) without a window: "Enrol face" with its progress ("Picture 3
 * of 8" and the reader's prompt), Esc, "Remove face", the list's Face column, and the one line saying why face is
 * unavailable when it is switched on. Templates sealed in the real SQLite people store; the face reader is
 * {@link ScriptedFaceReader}.
 */
@DisplayName("R18 issue 16: enrolling and removing faces in the people window")
class FacePeopleViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final Duration WAIT = Duration.ofSeconds(10);
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    TillPeople people;
    FaceDesk desk;
    PeopleViewModel model;
    Clerk sam;
    Member mia;
    final List<String> stages = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-1"));
        sam = people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246802".toCharArray());
        mia = people.addMember("Mia Member", Currency.getInstance("EUR"));
        desk = new FaceDesk(people, "libfprint-2 is not installed");
        model = onUi(() -> {
            PeopleViewModel window = new PeopleViewModel(people, desk.fingerprints, null,
                    new SignedIn(sam, "till-3", SignedIn.Method.PIN, clock.instant()), clock, new MoneyFormat(Locale.US), TEXT,
                    TaskExecutor.sameThread(), desk.ui(), Currency.getInstance("EUR"));
            window.stageTextProperty().addListener((obs, old, now) -> stages.add(now));
            return window;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        desk.close();
        people.close();
    }

    <T> T onUi(Callable<T> call) throws Exception {
        return desk.onUi(call);
    }

    void select(String name) throws Exception {
        onUi(() -> {
            model.select(model.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
            return null;
        });
    }

    PersonRow row(String name) throws Exception {
        return onUi(() -> model.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    List<SealedPrint> facesOf(PersonKind kind, String personId) {
        return people.store().prints(kind, personId).stream().filter(p -> p.driver().startsWith("face/")).toList();
    }

    @Test
    @DisplayName("R18 issue 16: Enrol face takes 8 pictures with progress, and stores one sealed template, never a photo")
    void enrollingAFaceShowsEachPictureAndStoresASealedTemplate() throws Exception {
        onUi(() -> {
            model.useFace(desk.faces);
            return null;
        });
        assertThat(onUi(() -> model.faceReadyProperty().get())).isTrue();
        assertThat(onUi(() -> model.faceBlockedTextProperty().get())).isEmpty();
        assertThat(row("Mia Member").face()).isFalse();
        select("Mia Member");

        onUi(() -> {
            model.enrollFaceSelected();
            return null;
        });
        assertThat(onUi(() -> model.enrollingProperty().get())).isTrue();
        assertThat(onUi(() -> model.messageProperty().get())).isEqualTo(
                "Enrolling the face of Mia Member: look at the camera, turn your head a little each time it asks. Esc stops.");
        desk.camera.show("Mia Member", ScriptedFaceReader.STAGES);

        await("the face is enrolled").atMost(WAIT).until(() -> !onUi(() -> model.enrollingProperty().get()));
        assertThat(stages).contains("Picture 1 of 8", "Picture 3 of 8", "Picture 8 of 8", "Last picture taken: saving the face template",
                "Mia Member: enrolled");
        assertThat(onUi(() -> model.messageProperty().get()))
                .isEqualTo("Mia Member: face enrolled, sealed and shared with the store's tills (no photo is kept)");
        assertThat(onUi(() -> model.progressProperty().get())).isEqualTo(1.0);
        assertThat(row("Mia Member").face()).as("the list shows who has a face").isTrue();
        assertThat(row("Sam Supervisor").face()).isFalse();
        assertThat(facesOf(PersonKind.MEMBER, mia.id())).singleElement().satisfies(sealed -> {
            assertThat(sealed.driver()).isEqualTo("face/opencv-lbph");
            assertThat(sealed.finger()).isEqualTo("face");
        });
        assertThat(people.prints(PersonKind.MEMBER, mia.id(), "face/opencv-lbph").usable()).singleElement()
                .satisfies(e -> assertThat(e.print().template()).isEqualTo(ScriptedFaceReader.template("Mia Member")));
        // sealed with the print keys: the template is nowhere in the data directory in the clear
        String template = new String(ScriptedFaceReader.template("Mia Member"), StandardCharsets.ISO_8859_1);
        StringBuilder files = new StringBuilder();
        try (var walk = Files.walk(dataDir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(files.toString()).as("the scan reads the people store").contains("face/opencv-lbph")
                .doesNotContain(template);
    }

    @Test
    @DisplayName("issue 16: Esc stops a face enrolment and nothing is stored")
    void escStopsAFaceEnrolmentAndNothingIsStored() throws Exception {
        onUi(() -> {
            model.useFace(desk.faces);
            return null;
        });
        select("Sam Supervisor");
        onUi(() -> {
            model.enrollFaceSelected();
            return null;
        });
        desk.camera.show("Sam Supervisor", 3);
        await("three pictures taken").atMost(WAIT).until(() -> stages.contains("Picture 4 of 8"));

        onUi(() -> {
            model.cancelEnroll();
            return null;
        });

        await("the enrolment stopped").atMost(WAIT).until(() -> !onUi(() -> model.enrollingProperty().get()));
        assertThat(onUi(() -> model.messageProperty().get())).isEqualTo("Enrolment stopped: nothing was stored");
        assertThat(facesOf(PersonKind.CLERK, sam.id())).isEmpty();
        assertThat(row("Sam Supervisor").face()).isFalse();
    }

    @Test
    @DisplayName("R18 issue 16: Remove face deletes the person's face templates (tombstones that sync), and says so")
    void removeFaceDeletesThePersonsFaceTemplates() throws Exception {
        desk.camera.show("Sam Supervisor", ScriptedFaceReader.STAGES * 2);
        desk.faces.enroll(PersonKind.CLERK, sam.id(), Fingerprints.FACE, step -> { }).get(10, TimeUnit.SECONDS);
        desk.faces.enroll(PersonKind.CLERK, sam.id(), Fingerprints.FACE, step -> { }).get(10, TimeUnit.SECONDS);
        people.storePrint(new pos.core.people.StoredPrint(sam.id(), PersonKind.CLERK, "right-index", "libfprint/virtual_image",
                new byte[] {1, 2, 3}));
        onUi(() -> {
            model.useFace(desk.faces);
            return null;
        });
        assertThat(row("Sam Supervisor").face()).isTrue();
        select("Sam Supervisor");

        onUi(() -> {
            model.removeFaceSelected();
            return null;
        });

        await("the face is removed").atMost(WAIT).until(() -> onUi(() -> model.messageProperty().get())
                .equals("Sam Supervisor: face removed from the store's tills"));
        assertThat(facesOf(PersonKind.CLERK, sam.id())).isEmpty();
        assertThat(people.store().allPrints().stream().filter(p -> p.driver().startsWith("face/") && p.deleted()))
                .as("two tombstones to sync").hasSize(2);
        assertThat(people.store().prints(PersonKind.CLERK, sam.id())).as("the fingerprint stays")
                .singleElement().satisfies(p -> assertThat(p.driver()).isEqualTo("libfprint/virtual_image"));
        assertThat(row("Sam Supervisor").face()).isFalse();

        onUi(() -> {
            model.removeFaceSelected();
            return null;
        });
        await("nothing more to remove").atMost(WAIT).until(() -> onUi(() -> model.messageProperty().get())
                .equals("Sam Supervisor has no face enrolled"));
    }

    @Test
    @DisplayName("issue 16: face switched on but unavailable shows one line saying why; switched off, nothing at all")
    void unavailableFaceShowsOneLineAndFaceOffNothing() throws Exception {
        assertThat(onUi(() -> model.faceReadyProperty().get())).as("face off").isFalse();
        assertThat(onUi(() -> model.faceBlockedTextProperty().get())).as("face off").isEmpty();
        onUi(() -> {
            model.useFace(Fingerprints.faceOff(people));
            return null;
        });
        assertThat(onUi(() -> model.faceBlockedTextProperty().get())).as("face off").isEmpty();

        try (Fingerprints noCamera = Fingerprints.face(ScriptedFaceReader.unavailable("no camera found"), people);
                Fingerprints notHandedIn = Fingerprints.faceUnavailable(people, "no face reader in this till")) {
            onUi(() -> {
                model.useFace(noCamera);
                return null;
            });
            assertThat(onUi(() -> model.faceReadyProperty().get())).isFalse();
            assertThat(onUi(() -> model.faceBlockedTextProperty().get()))
                    .isEqualTo("Face recognition is switched on but unavailable: No face recognition (no camera found)");
            onUi(() -> {
                model.useFace(notHandedIn);
                return null;
            });
            assertThat(onUi(() -> model.faceBlockedTextProperty().get()))
                    .isEqualTo("Face recognition is switched on but unavailable: No face recognition (no face reader in this till)");
            select("Mia Member");
            onUi(() -> {
                model.enrollFaceSelected();
                return null;
            });
            assertThat(onUi(() -> model.enrollingProperty().get())).isFalse();
            assertThat(onUi(() -> model.messageProperty().get()))
                    .isEqualTo("Face recognition is switched on but unavailable: No face recognition (no face reader in this till)");
        }
    }
}
