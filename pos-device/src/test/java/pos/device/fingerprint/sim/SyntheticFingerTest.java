package pos.device.fingerprint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The generator's own properties; that libfprint's bozorth3 accepts same-finger and rejects different-finger
 * pairs is checked end to end in {@code LibfprintReaderTest} (verify, identify).
 */
class SyntheticFingerTest {

    static final SyntheticFinger ONE = new SyntheticFinger(1);
    static final SyntheticFinger TWO = new SyntheticFinger(2);

    @Test
    void theSameSeedAndCaptureGiveTheSameImage() {
        assertThat(new SyntheticFinger(1).capture(5)).isEqualTo(ONE.capture(5));
    }

    @Test
    void capturesOfOneFingerDifferALittleAndDifferentFingersALot() {
        double sameFinger = difference(ONE.capture(1), ONE.capture(2));
        double otherFinger = difference(ONE.capture(1), TWO.capture(1));
        assertThat(sameFinger).as("another press of the same finger").isGreaterThan(3);
        assertThat(otherFinger).as("another finger").isGreaterThan(sameFinger);
    }

    @Test
    void anImageIsSensorSizedAndHasDarkRidgesOnALightBackground() {
        byte[] image = ONE.capture(1);
        assertThat(image).hasSize(SyntheticFinger.WIDTH * SyntheticFinger.HEIGHT);
        int dark = 0;
        int light = 0;
        for (byte pixel : image) {
            int grey = pixel & 0xff;
            if (grey < 90) {
                dark++;
            } else if (grey > 170) {
                light++;
            }
        }
        assertThat(dark).as("ridge pixels").isGreaterThan(image.length / 5);
        assertThat(light).as("valley pixels").isGreaterThan(image.length / 5);
    }

    /** Mean absolute grey difference. */
    private static double difference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }
}
