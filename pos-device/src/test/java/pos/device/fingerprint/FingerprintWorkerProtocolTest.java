package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's frames: what is written is read back; garbled or oversized frames are refused. */
class FingerprintWorkerProtocolTest {

    @Test
    void aFrameWithFieldsAndBlobsReadsBackAsWritten() throws IOException {
        WorkerMessage sent = new WorkerMessage(WorkerMessage.REQUEST, 42, "identify",
                Map.of("driver.0", "virtual_image", "device.0", "0"), List.of(new byte[] {1, 2, 3}, new byte[0]));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sent.writeTo(wire);
        sent.writeTo(wire);
        ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());

        for (int i = 0; i < 2; i++) {
            WorkerMessage read = WorkerMessage.readFrom(in);
            assertThat(read.kind()).isEqualTo(WorkerMessage.REQUEST);
            assertThat(read.id()).isEqualTo(42);
            assertThat(read.operation()).isEqualTo("identify");
            assertThat(read.fields()).isEqualTo(sent.fields());
            assertThat(read.blobs()).hasSize(2);
            assertThat(read.blobs().get(0)).containsExactly(1, 2, 3);
            assertThat(read.blobs().get(1)).isEmpty();
        }
        assertThat(WorkerMessage.readFrom(in)).as("end of stream").isNull();
    }

    @Test
    void toStringShowsSizesNeverThePrints() {
        WorkerMessage message = new WorkerMessage(WorkerMessage.REPLY, 7, "enroll", Map.of("driver.0", "elan"),
                List.of(new byte[] {'S', 'E', 'C', 'R', 'E', 'T'}));
        assertThat(message.toString()).isEqualTo("WorkerMessage[R #7 enroll fields [driver.0], 1 blobs of 6 bytes]")
                .doesNotContain("SECRET");
    }

    @Test
    void anOversizedOrNegativeLengthIsRefused() throws IOException {
        for (int length : new int[] {-1, WorkerMessage.MAX_FRAME + 1}) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            new DataOutputStream(wire).writeInt(length);
            assertThatThrownBy(() -> WorkerMessage.readFrom(new ByteArrayInputStream(wire.toByteArray())))
                    .isInstanceOf(IOException.class).hasMessageContaining("garbled");
        }
    }

    @Test
    void aFrameCutOffIsRefused() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WorkerMessage.of(WorkerMessage.EVENT, 1, "prompt", Map.of("prompt", "PLACE_FINGER")).writeTo(wire);
        byte[] cut = java.util.Arrays.copyOf(wire.toByteArray(), wire.size() - 3);
        assertThatThrownBy(() -> WorkerMessage.readFrom(new ByteArrayInputStream(cut))).isInstanceOf(IOException.class)
                .hasMessageContaining("cut off");
    }

    @Test
    void aBlobLongerThanItsFrameIsRefused() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(payload);
        data.writeByte(WorkerMessage.REPLY);
        data.writeInt(1);
        data.writeUTF("enroll");
        data.writeShort(0);
        data.writeInt(1);
        data.writeInt(1 << 20);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataOutputStream frame = new DataOutputStream(wire);
        frame.writeInt(payload.size());
        payload.writeTo(frame);
        assertThatThrownBy(() -> WorkerMessage.readFrom(new ByteArrayInputStream(wire.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("blob of 1048576 bytes");
    }
}
