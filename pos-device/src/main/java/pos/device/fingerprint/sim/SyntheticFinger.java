package pos.device.fingerprint.sim;

import java.util.SplittableRandom;

/**
 * A made-up finger for tests, benchmarks and demos, generated here from a seed (never copied from real
 * prints): an orientation field from a few singular points (one or two cores and deltas, the zero-pole model),
 * a ridge frequency that varies slightly across the finger, and ridges grown from noise by repeated
 * oriented Gabor filtering, which leaves ridge endings and bifurcations (minutiae) in seed-dependent places.
 * Different seeds are different fingers. {@link #capture(long)} renders one press on a 500 dpi image sensor:
 * the master pattern shifted, slightly rotated, with sensor noise and uneven pressure, so two captures of
 * the same finger differ a little, as real ones do. Dark ridges on a light background, 8-bit grey.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class SyntheticFinger {

    /** Width of a capture in pixels (about 15 mm at 500 dpi, like a small area sensor). */
    public static final int WIDTH = 288;
    /** Height of a capture in pixels. */
    public static final int HEIGHT = 320;

    private static final int MASTER = 420;
    private static final int ORIENTATIONS = 24;
    private static final int KERNEL_RADIUS = 5;
    private static final int GROWTH_ROUNDS = 12;

    private final long seed;
    private final float[] master; // ridge pattern in [-1, 1], MASTER x MASTER

    /** Generates the finger for {@code seed} (about half a second). */
    public SyntheticFinger(long seed) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        double[] orientation = orientationField(random);
        double[] period = periodField(random);
        this.master = grow(orientation, period, random);
    }

    public long seed() {
        return seed;
    }

    /**
     * One press of this finger: {@code captureNumber} picks the placement (shift up to ±10 px, rotation up
     * to ±6°), the noise and the pressure; the same number gives the same image.
     */
    public byte[] capture(long captureNumber) {
        SplittableRandom random = new SplittableRandom(seed * 31 + captureNumber * 0x632BE59BD9B4E019L);
        double angle = Math.toRadians(random.nextDouble(-6, 6));
        double shiftX = random.nextDouble(-10, 10);
        double shiftY = random.nextDouble(-10, 10);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double pressure = random.nextDouble(0.85, 1.1);
        byte[] image = new byte[WIDTH * HEIGHT];
        double centreX = WIDTH / 2.0;
        double centreY = HEIGHT / 2.0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double dx = x - centreX;
                double dy = y - centreY;
                double mx = MASTER / 2.0 + cos * dx - sin * dy + shiftX;
                double my = MASTER / 2.0 + sin * dx + cos * dy + shiftY;
                double ridge = sample(mx, my);
                // the pad covers the whole sensor (an outline shared by every finger would give every finger
                // the same ridge endings along it, and bozorth3 would match different fingers)
                double contact = 1;
                double ink = contact * (1 + Math.max(-1, Math.min(1, ridge * pressure))); // 0 valley .. 2 ridge
                double grey = 218 - 90 * ink + random.nextGaussian() * 6;
                image[y * WIDTH + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(grey)));
            }
        }
        return image;
    }

    private double sample(double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= MASTER || y0 + 1 >= MASTER) {
            return -1; // off the finger: valley (background)
        }
        double fx = x - x0;
        double fy = y - y0;
        double top = master[y0 * MASTER + x0] * (1 - fx) + master[y0 * MASTER + x0 + 1] * fx;
        double bottom = master[(y0 + 1) * MASTER + x0] * (1 - fx) + master[(y0 + 1) * MASTER + x0 + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /**
     * Ridge direction per pixel (radians, mod π) from the zero-pole model: each core adds half its angle, each
     * delta subtracts it. The class (arch, left or right loop, whorl), the singular points' places and the
     * finger's tilt all come from the seed, so fingers differ in their ridge flow, not only in their minutiae.
     */
    private static double[] orientationField(SplittableRandom random) {
        int kind = random.nextInt(4); // 0 arch-like (core and delta far below), 1-2 loops, 3 whorl
        int cores = kind == 3 ? 2 : 1;
        double cx = MASTER / 2.0 + random.nextDouble(-70, 70);
        double cy = MASTER / 2.0 + random.nextDouble(-70, 50);
        double[][] singular = new double[2 * cores][];
        for (int i = 0; i < cores; i++) {
            singular[i] = new double[] {cx + random.nextDouble(-20, 20) + i * random.nextDouble(-40, 40),
                    cy + i * random.nextDouble(20, 50), +1};
        }
        for (int i = 0; i < cores; i++) {
            double side = kind == 1 ? -1 : kind == 2 ? 1 : (i == 0 ? -1 : 1);
            double spread = kind == 0 ? random.nextDouble(0, 30) : random.nextDouble(60, 160);
            double drop = kind == 0 ? random.nextDouble(260, 400) : random.nextDouble(90, 180);
            singular[cores + i] = new double[] {cx + side * spread, cy + drop, -1};
        }
        double tilt = random.nextDouble(-0.9, 0.9);
        double cosT = Math.cos(tilt);
        double sinT = Math.sin(tilt);
        double[] field = new double[MASTER * MASTER];
        for (int y = 0; y < MASTER; y++) {
            for (int x = 0; x < MASTER; x++) {
                // the singular points are placed on an upright finger, which is then tilted
                double ux = MASTER / 2.0 + cosT * (x - MASTER / 2.0) + sinT * (y - MASTER / 2.0);
                double uy = MASTER / 2.0 - sinT * (x - MASTER / 2.0) + cosT * (y - MASTER / 2.0);
                double angle = -tilt;
                for (double[] point : singular) {
                    angle += point[2] * 0.5 * Math.atan2(uy - point[1], ux - point[0]);
                }
                field[y * MASTER + x] = angle;
            }
        }
        return field;
    }

    /** Ridge period in pixels (8–10.5 at 500 dpi), varying smoothly across the finger. */
    private static double[] periodField(SplittableRandom random) {
        double base = random.nextDouble(8.2, 10.2);
        double waveX = random.nextDouble(0.004, 0.012);
        double waveY = random.nextDouble(0.004, 0.012);
        double phase = random.nextDouble(0, Math.PI * 2);
        double[] period = new double[MASTER * MASTER];
        for (int y = 0; y < MASTER; y++) {
            for (int x = 0; x < MASTER; x++) {
                period[y * MASTER + x] = base + 0.8 * Math.sin(x * waveX + y * waveY + phase);
            }
        }
        return period;
    }

    /** Grows ridges from random noise by repeated oriented Gabor filtering (the SFinGe idea). */
    private static float[] grow(double[] orientation, double[] period, SplittableRandom random) {
        int periods = 6;
        float[][][] kernels = new float[ORIENTATIONS][periods][];
        for (int o = 0; o < ORIENTATIONS; o++) {
            for (int p = 0; p < periods; p++) {
                kernels[o][p] = gabor(Math.PI * o / ORIENTATIONS, 8.0 + p * 0.5);
            }
        }
        int[] orientationBin = new int[MASTER * MASTER];
        int[] periodBin = new int[MASTER * MASTER];
        for (int i = 0; i < orientationBin.length; i++) {
            double angle = orientation[i] % Math.PI;
            if (angle < 0) {
                angle += Math.PI;
            }
            orientationBin[i] = (int) Math.round(angle / Math.PI * ORIENTATIONS) % ORIENTATIONS;
            periodBin[i] = (int) Math.max(0, Math.min(periods - 1, Math.round((period[i] - 8.0) / 0.5)));
        }
        float[] image = new float[MASTER * MASTER];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextInt(300) == 0 ? (random.nextBoolean() ? 1f : -1f) : 0f;
        }
        float[] next = new float[image.length];
        int size = 2 * KERNEL_RADIUS + 1;
        for (int round = 0; round < GROWTH_ROUNDS; round++) {
            for (int y = 0; y < MASTER; y++) {
                for (int x = 0; x < MASTER; x++) {
                    int i = y * MASTER + x;
                    float[] kernel = kernels[orientationBin[i]][periodBin[i]];
                    float sum = 0;
                    for (int ky = -KERNEL_RADIUS; ky <= KERNEL_RADIUS; ky++) {
                        int yy = y + ky;
                        if (yy < 0 || yy >= MASTER) {
                            continue;
                        }
                        int row = yy * MASTER;
                        int krow = (ky + KERNEL_RADIUS) * size + KERNEL_RADIUS;
                        for (int kx = -KERNEL_RADIUS; kx <= KERNEL_RADIUS; kx++) {
                            int xx = x + kx;
                            if (xx >= 0 && xx < MASTER) {
                                sum += kernel[krow + kx] * image[row + xx];
                            }
                        }
                    }
                    next[i] = Math.max(-1f, Math.min(1f, sum * 2.5f));
                }
            }
            float[] swap = image;
            image = next;
            next = swap;
        }
        return image;
    }

    /** An even Gabor kernel whose stripes run along {@code ridgeAngle}, with the given period, zero mean. */
    private static float[] gabor(double ridgeAngle, double period) {
        int size = 2 * KERNEL_RADIUS + 1;
        float[] kernel = new float[size * size];
        double sigma = 3.2;
        double normalX = -Math.sin(ridgeAngle);
        double normalY = Math.cos(ridgeAngle);
        double sum = 0;
        for (int y = -KERNEL_RADIUS; y <= KERNEL_RADIUS; y++) {
            for (int x = -KERNEL_RADIUS; x <= KERNEL_RADIUS; x++) {
                double across = x * normalX + y * normalY;
                double value = Math.exp(-(x * x + y * y) / (2 * sigma * sigma)) * Math.cos(2 * Math.PI * across / period);
                kernel[(y + KERNEL_RADIUS) * size + x + KERNEL_RADIUS] = (float) value;
                sum += value;
            }
        }
        float mean = (float) (sum / kernel.length);
        double energy = 0;
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] -= mean;
            energy += Math.abs(kernel[i]);
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) (energy / 4);
        }
        return kernel;
    }
}
