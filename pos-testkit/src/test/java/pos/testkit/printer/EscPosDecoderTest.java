package pos.testkit.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EscPosDecoderTest {

    final List<EscPosEvent> events = new ArrayList<>();
    final List<Integer> statusRequests = new ArrayList<>();
    final EscPosDecoder decoder = new EscPosDecoder(events::add, statusRequests::add);

    @Test
    @DisplayName("issue 12 (9): commands cut anywhere between two reads decode the same as in one piece")
    void commandsSplitAcrossReadsDecodeTheSame() {
        byte[] job = job();
        for (byte b : job) {
            decoder.feed(new byte[] {b}, 0, 1);
        }
        decoder.end();
        List<EscPosEvent> byteByByte = List.copyOf(events);

        events.clear();
        EscPosDecoder whole = new EscPosDecoder(events::add, n -> { });
        whole.feed(job, 0, job.length);
        whole.end();

        assertThat(byteByByte).isEqualTo(events).containsExactly(
                new EscPosEvent.TextLine("Big", true, 2, 2, EscPosEvent.Align.CENTER),
                new EscPosEvent.TextLine("价格 12.50", false, 1, 1, EscPosEvent.Align.LEFT),
                new EscPosEvent.Barcode("CODE128", "No.123456", 2),
                new EscPosEvent.RasterImage(16, 2),
                new EscPosEvent.Cut(false),
                new EscPosEvent.DrawerPulse(5, 100, 200));
        assertThat(statusRequests).containsExactly(4);
    }

    private static byte[] job() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1B, '@'});
        out.writeBytes(new byte[] {0x1B, '!', 0x38, 0x1B, 'a', 1});
        out.writeBytes("Big\n".getBytes(Charset.forName("US-ASCII")));
        out.writeBytes(new byte[] {0x1B, '!', 0, 0x1B, 'a', '0', 0x1C, '&'});
        out.writeBytes("价格 12.50".getBytes(Charset.forName("GBK")));
        out.writeBytes(new byte[] {0x1C, '.', 0x0A});
        out.writeBytes(new byte[] {0x10, 0x04, 4});
        // CODE128: "No." in code set B, then 123456 as three code set C pairs
        out.writeBytes(new byte[] {0x1D, 'w', 2, 0x1D, 'k', 73, 10, '{', 'B', 'N', 'o', '.', '{', 'C', 12, 34, 56});
        out.writeBytes(new byte[] {0x1D, 'v', '0', 0, 2, 0, 2, 0, (byte) 0xFF, 0, 0, (byte) 0xFF});
        out.writeBytes(new byte[] {0x1D, 'V', 0});
        out.writeBytes(new byte[] {0x1B, 'p', 1, 50, 100});
        return out.toByteArray();
    }
}
