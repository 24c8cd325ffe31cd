package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.google.zxing.BarcodeFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A 1D code counts only when two frames agree; a QR code on one frame (issue 15, DESIGN §7). */
class AgreeingReadsTest {

    private static final long MS = 1_000_000L;
    private final AgreeingReads agreement = new AgreeingReads(Duration.ofMillis(1000));

    @Test
    @DisplayName("one frame of an EAN-13 is not a scan; a second frame with the same number is")
    void aSingleEanFrameDoesNotCountASecondAgreeingOneDoes() {
        assertThat(agreement.counts("4006381333931", BarcodeFormat.EAN_13, 0)).isFalse();
        assertThat(agreement.counts("4006381333931", BarcodeFormat.EAN_13, 40 * MS)).isTrue();
    }

    @Test
    @DisplayName("a misread frame between two good ones is never taken, and does not hold the good code back")
    void aMisreadBetweenGoodFramesIsNotTaken() {
        assertThat(agreement.counts("4006381333931", BarcodeFormat.EAN_13, 0)).isFalse();
        assertThat(agreement.counts("4006381333948", BarcodeFormat.EAN_13, 40 * MS)).as("the misread").isFalse();
        assertThat(agreement.counts("4006381333931", BarcodeFormat.EAN_13, 80 * MS)).isTrue();
    }

    @Test
    void twoFramesTooFarApartDoNotAgree() {
        assertThat(agreement.counts("96385074", BarcodeFormat.EAN_8, 0)).isFalse();
        assertThat(agreement.counts("96385074", BarcodeFormat.EAN_8, 1001 * MS)).isFalse();
        assertThat(agreement.counts("96385074", BarcodeFormat.EAN_8, 1500 * MS)).as("agrees with the second").isTrue();
    }

    @Test
    void theSameDigitsInAnotherSymbologyDoNotAgree() {
        assertThat(agreement.counts("96385074", BarcodeFormat.EAN_8, 0)).isFalse();
        assertThat(agreement.counts("96385074", BarcodeFormat.CODE_128, 10 * MS)).isFalse();
    }

    @Test
    @DisplayName("a QR code, with its error correction, counts on one frame")
    void aQrCodeCountsOnOneFrame() {
        assertThat(agreement.counts("CTV1.V-000123", BarcodeFormat.QR_CODE, 0)).isTrue();
        assertThat(AgreeingReads.needsAgreement(BarcodeFormat.CODE_128)).isTrue();
        assertThat(AgreeingReads.needsAgreement(BarcodeFormat.UPC_A)).isTrue();
        assertThat(AgreeingReads.needsAgreement(BarcodeFormat.QR_CODE)).isFalse();
    }
}
