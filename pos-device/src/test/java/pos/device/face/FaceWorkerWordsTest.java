package pos.device.face;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.biometric.AmbiguousMatchException;
import pos.device.fingerprint.WorkerMessage;

/** Issue 16: the face path's errors speak of the face and its worker, never of a finger or the fingerprint worker. */
class FaceWorkerWordsTest {

    @Test
    @DisplayName("R18 issue 16: a face close to two people's templates is a face's doubt, not a finger's")
    void anAmbiguousFaceSpeaksOfTheFace() {
        FaceMatcher matcher = new FaceMatcher(80, 20);
        assertThatThrownBy(() -> matcher.pick(List.of(60.0, 75.0), List.of("ann", "bob")))
                .isInstanceOf(AmbiguousMatchException.class)
                .hasMessage("the face is as close to the enrolled face templates #0 and #1, which belong to different people")
                .hasMessageNotContaining("finger");
    }

    @Test
    @DisplayName("R18 issue 16: a garbled or cut frame from the face worker is named the face worker's")
    void aBrokenFrameOfTheFaceWorkerIsNamedSo() throws IOException {
        ByteArrayOutputStream garbled = new ByteArrayOutputStream();
        new DataOutputStream(garbled).writeInt(-1);
        assertThatThrownBy(() -> WorkerMessage.readFrom(new ByteArrayInputStream(garbled.toByteArray()), "face worker"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("face worker frame of -1 bytes")
                .hasMessageNotContaining("finger");

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WorkerMessage.of(WorkerMessage.REPLY, 3, "analyse", Map.of("verdict", "OK")).writeTo(wire);
        byte[] cut = java.util.Arrays.copyOf(wire.toByteArray(), wire.size() - 2);
        assertThatThrownBy(() -> WorkerMessage.readFrom(new ByteArrayInputStream(cut), "face worker"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("face worker frame cut off");

        WorkerMessage reply = WorkerMessage.of(WorkerMessage.REPLY, 3, "analyse", Map.of());
        assertThatThrownBy(() -> reply.field("verdict")).hasMessageNotContaining("finger");
    }
}
