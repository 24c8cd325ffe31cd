package pos.device.fingerprint.sim;

import java.util.SplittableRandom;

/**
 * A made-up finger for tests, benchmarks and demos, generated here from a seed (never copied from real
 * prints). The ridges are the cosine of a phase field (the AM-FM view of a fingerprint): a smooth phase that
 * gives the finger its pattern class (arch, loop opening to either side, or whorl), its core's place, its
 * tilt and a slightly uneven ridge period of 9–11 px (500 dpi), bent by a gentle per-finger warp; plus one
 * spiral term per minutia, each of which ends one ridge or splits it in two at a seed-chosen point. So a
 * finger carries a set number of minutiae (about 40 under the sensor, as a real finger does) that come from
 * its ridge flow, and no growth artefacts. {@link #capture(long)} renders one press on a 500 dpi area
 * sensor: the same ridges shifted, rotated, pressed harder or lighter (thicker or thinner ridges), sometimes
 * dry (faint, patchy ridges) or not covering an edge of the sensor, with sensor noise; the minutiae stay
 * where they are on the finger. Dark ridges on a light background, 8-bit grey.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class SyntheticFinger {

    /** Width of a capture in pixels (about 15 mm at 500 dpi, like a small area sensor). */
    public static final int WIDTH = 288;
    /** Height of a capture in pixels. */
    public static final int HEIGHT = 320;

    private static final int MASTER = 460;
    /** Minutiae over the whole master; about half of the master lies under the sensor in a press. */
    private static final int MIN_MINUTIAE = 70;
    private static final int MAX_MINUTIAE = 95;
    private static final double MINUTIA_SPACING = 16;

    private final long seed;
    private final float[] master; // cosine of the phase in [-1, 1], MASTER x MASTER
    private final int minutiae;

    /** Generates the finger for {@code seed} (a few tens of milliseconds). */
    public SyntheticFinger(long seed) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(mixed(seed, 17));
        Flow flow = new Flow(random);
        double[][] points = minutiae(random, flow);
        this.minutiae = points.length;
        this.master = render(flow, points);
    }

    public long seed() {
        return seed;
    }

    /** How many minutiae (ridge endings and bifurcations) the whole finger carries, under the sensor or not. */
    public int minutiae() {
        return minutiae;
    }

    /**
     * One press of this finger: {@code captureNumber} picks the placement (shift up to ±12 px, rotation up
     * to ±7°), the pressure (ridge width), dryness, an edge of the sensor the finger may miss, and the noise;
     * the same number gives the same image.
     */
    public byte[] capture(long captureNumber) {
        SplittableRandom random = new SplittableRandom(mixed(seed, captureNumber * 2 + 1));
        double angle = Math.toRadians(random.nextDouble(-7, 7));
        double shiftX = random.nextDouble(-12, 12);
        double shiftY = random.nextDouble(-12, 12);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double pressure = random.nextDouble(-0.25, 0.25); // > 0 presses harder: wider ridges
        double contrast = random.nextDouble(0.75, 1.0);
        boolean dry = random.nextInt(4) == 0;
        double dryPhaseX = random.nextDouble(0, 2 * Math.PI);
        double dryPhaseY = random.nextDouble(0, 2 * Math.PI);
        int missedEdge = random.nextInt(6); // 0-3: that edge of the sensor is not covered; 4, 5: full contact
        double missedDepth = random.nextDouble(10, 45);
        byte[] image = new byte[WIDTH * HEIGHT];
        double centreX = WIDTH / 2.0;
        double centreY = HEIGHT / 2.0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double dx = x - centreX;
                double dy = y - centreY;
                double mx = MASTER / 2.0 + cos * dx - sin * dy + shiftX;
                double my = MASTER / 2.0 + sin * dx + cos * dy + shiftY;
                double ridge = Math.tanh(3 * (sample(mx, my) + pressure)); // -1 valley .. 1 ridge
                double contact = contrast * contact(missedEdge, missedDepth, x, y);
                if (dry) {
                    // a dry finger touches in patches: ridges faint in places (on the finger, so they move with it)
                    double patch = 0.5 + 0.25 * (Math.sin(mx * 0.05 + dryPhaseX) + Math.sin(my * 0.043 + dryPhaseY));
                    contact *= 0.55 + 0.45 * patch;
                }
                double ink = contact * (1 + ridge); // 0 valley .. 2 ridge
                double grey = 215 - 85 * ink + random.nextGaussian() * 7;
                image[y * WIDTH + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(grey)));
            }
        }
        return image;
    }

    /**
     * A well-mixed seed for one finger (and one capture): SplittableRandom's stream for s + γ is its stream for s
     * moved on by one draw, so seeds that differ by a multiple of its γ (as consecutive finger numbers times γ
     * do) would give fingers sharing all but a few of their minutiae.
     */
    private static long mixed(long seed, long salt) {
        return new SplittableRandom(seed).split().nextLong() ^ new SplittableRandom(salt).split().nextLong();
    }

    /** 1 where the finger touches the sensor, fading to 0 over a few pixels along a missed edge. */
    private static double contact(int missedEdge, double depth, int x, int y) {
        double inside = switch (missedEdge) {
            case 0 -> x - depth;
            case 1 -> WIDTH - 1 - depth - x;
            case 2 -> y - depth;
            case 3 -> HEIGHT - 1 - depth - y;
            default -> Double.MAX_VALUE;
        };
        return Math.max(0, Math.min(1, inside / 6));
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
     * The smooth part of the phase, in pixels of "distance across the ridges": arches are humped lines, a
     * loop is the distance to a ray from its core (ridges recurve round the core and run on either side of
     * the ray, which leans to one side), a whorl is an elliptic distance to its core, sometimes spiralling.
     * A low-frequency warp bends every pattern differently.
     */
    private static final class Flow {
        final int kind; // 0 arch, 1 loop, 2 whorl
        final double coreX;
        final double coreY;
        final double rayX;
        final double rayY;
        final double humpHeight;
        final double humpWidth;
        final double whorlStretch;
        final double whorlCos;
        final double whorlSin;
        final double spiral;
        final double cosTilt;
        final double sinTilt;
        final double period;
        final double[][] waves = new double[6][]; // the warp: 3 waves along x, 3 along y (amplitude, kx, ky, phase)

        Flow(SplittableRandom random) {
            int draw = random.nextInt(10);
            kind = draw < 1 ? 0 : draw < 7 ? 1 : 2; // loops are the most common class, arches the rarest
            coreX = MASTER / 2.0 + random.nextDouble(-45, 45);
            coreY = MASTER / 2.0 + random.nextDouble(-50, 40);
            double lean = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.25, 0.8);
            rayX = Math.sin(lean);
            rayY = Math.cos(lean);
            humpHeight = random.nextDouble(15, 50);
            humpWidth = random.nextDouble(50, 110);
            whorlStretch = Math.sqrt(random.nextDouble(0.7, 1.4));
            double whorlTurn = random.nextDouble(0, Math.PI);
            whorlCos = Math.cos(whorlTurn);
            whorlSin = Math.sin(whorlTurn);
            spiral = random.nextInt(3) == 0 ? (random.nextBoolean() ? 1 : -1) : 0;
            double tilt = random.nextDouble(-0.35, 0.35);
            cosTilt = Math.cos(tilt);
            sinTilt = Math.sin(tilt);
            period = random.nextDouble(9.2, 10.8);
            for (int i = 0; i < waves.length; i++) {
                double wavelength = random.nextDouble(180, 420);
                double direction = random.nextDouble(0, 2 * Math.PI);
                waves[i] = new double[] {random.nextDouble(2, 5), Math.cos(direction) * 2 * Math.PI / wavelength,
                        Math.sin(direction) * 2 * Math.PI / wavelength, random.nextDouble(0, 2 * Math.PI)};
            }
        }

        /**
         * The warp's waves split into per-column and per-row tables (sin(a + b) = sin a cos b + cos a sin b), so
         * a pixel costs no sine for them: [wave][0..MASTER) sin, [wave][MASTER..2 MASTER) cos.
         */
        double[][] columns() {
            double[][] table = new double[waves.length][2 * MASTER];
            for (int i = 0; i < waves.length; i++) {
                for (int x = 0; x < MASTER; x++) {
                    table[i][x] = Math.sin(waves[i][1] * x);
                    table[i][MASTER + x] = Math.cos(waves[i][1] * x);
                }
            }
            return table;
        }

        double[][] rows() {
            double[][] table = new double[waves.length][2 * MASTER];
            for (int i = 0; i < waves.length; i++) {
                for (int y = 0; y < MASTER; y++) {
                    table[i][y] = Math.sin(waves[i][2] * y + waves[i][3]);
                    table[i][MASTER + y] = Math.cos(waves[i][2] * y + waves[i][3]);
                }
            }
            return table;
        }

        /** The phase (radians) of the smooth flow at pixel (x, y) of the master, with the tables above. */
        double phase(int x, int y, double[][] columns, double[][] rows) {
            double wx = x;
            double wy = y;
            for (int i = 0; i < 3; i++) {
                double[] c = columns[i];
                double[] r = rows[i];
                wx += waves[i][0] * (c[x] * r[MASTER + y] + c[MASTER + x] * r[y]);
                int j = i + 3;
                double[] cj = columns[j];
                double[] rj = rows[j];
                wy += waves[j][0] * (cj[x] * rj[MASTER + y] + cj[MASTER + x] * rj[y]);
            }
            // into the finger's own upright frame, centred on the core
            double ux = cosTilt * (wx - coreX) + sinTilt * (wy - coreY);
            double uy = -sinTilt * (wx - coreX) + cosTilt * (wy - coreY);
            double distance = switch (kind) {
                case 0 -> uy + humpHeight * Math.exp(-(ux * ux) / (2 * humpWidth * humpWidth));
                case 1 -> {
                    double along = ux * rayX + uy * rayY;
                    yield along <= 0 ? Math.sqrt(ux * ux + uy * uy) : Math.abs(ux * rayY - uy * rayX);
                }
                default -> {
                    double a = (whorlCos * ux + whorlSin * uy) * whorlStretch;
                    double b = (-whorlSin * ux + whorlCos * uy) / whorlStretch;
                    yield Math.sqrt(a * a + b * b);
                }
            };
            double turn = kind == 2 ? spiral * Math.atan2(uy, ux) : 0;
            return 2 * Math.PI * distance / period + turn;
        }
    }

    /**
     * The minutiae: points at least {@value #MINUTIA_SPACING} px apart, away from the core, each a spiral term
     * of charge ±1 in the phase (one ridge more on one side of it than on the other: an ending or a fork).
     */
    private static double[][] minutiae(SplittableRandom random, Flow flow) {
        int count = random.nextInt(MIN_MINUTIAE, MAX_MINUTIAE + 1);
        double[][] points = new double[count][];
        int placed = 0;
        for (int attempt = 0; placed < count && attempt < count * 200; attempt++) {
            double x = random.nextDouble(8, MASTER - 8);
            double y = random.nextDouble(8, MASTER - 8);
            if (Math.hypot(x - flow.coreX, y - flow.coreY) < 28) {
                continue;
            }
            boolean clear = true;
            for (int i = 0; i < placed && clear; i++) {
                clear = Math.hypot(points[i][0] - x, points[i][1] - y) >= MINUTIA_SPACING;
            }
            if (clear) {
                points[placed++] = new double[] {x, y, random.nextBoolean() ? 1 : -1};
            }
        }
        return java.util.Arrays.copyOf(points, placed);
    }

    /** Side of the tiles the spiral product is worked out in (see {@link #render}). */
    private static final int TILE = 8;
    /** Minutiae nearer a tile than this are multiplied in at every pixel; farther ones are interpolated. */
    private static final double NEAR = 40;

    /**
     * cos(smooth phase + Σ charge × angle round each minutia), the spiral sum taken as a product of complex
     * numbers (z − minutia, conjugated for charge −1) normalised at the end, so no arc tangent per minutia and
     * pixel. Per {@value #TILE}-pixel tile, the minutiae within {@value #NEAR} px are multiplied in at every
     * pixel; the product of the far ones turns by well under a radian across a tile, so it is taken at the
     * tile's corners and interpolated.
     */
    private static float[] render(Flow flow, double[][] points) {
        float[] image = new float[MASTER * MASTER];
        double[][] columns = flow.columns();
        double[][] rows = flow.rows();
        int count = points.length;
        double[] px = new double[count];
        double[] py = new double[count];
        double[] charge = new double[count];
        for (int i = 0; i < count; i++) {
            px[i] = points[i][0];
            py[i] = points[i][1];
            charge[i] = points[i][2];
        }
        int[] near = new int[count];
        int[] far = new int[count];
        double[] corner = new double[8]; // re, im at (x0, y0), (x1, y0), (x0, y1), (x1, y1)
        double[] product = new double[2];
        for (int y0 = 0; y0 < MASTER; y0 += TILE) {
            int y1 = Math.min(MASTER, y0 + TILE) - 1;
            for (int x0 = 0; x0 < MASTER; x0 += TILE) {
                int x1 = Math.min(MASTER, x0 + TILE) - 1;
                int nearCount = 0;
                int farCount = 0;
                for (int i = 0; i < count; i++) {
                    double dx = Math.max(0, Math.max(x0 - px[i], px[i] - x1));
                    double dy = Math.max(0, Math.max(y0 - py[i], py[i] - y1));
                    if (dx * dx + dy * dy < NEAR * NEAR) {
                        near[nearCount++] = i;
                    } else {
                        far[farCount++] = i;
                    }
                }
                int k = 0;
                for (int cy : new int[] {y0, y1}) {
                    for (int cx : new int[] {x0, x1}) {
                        spiral(cx, cy, far, farCount, px, py, charge, product);
                        corner[k++] = product[0];
                        corner[k++] = product[1];
                    }
                }
                for (int y = y0; y <= y1; y++) {
                    double fy = y1 == y0 ? 0 : (double) (y - y0) / (y1 - y0);
                    for (int x = x0; x <= x1; x++) {
                        double fx = x1 == x0 ? 0 : (double) (x - x0) / (x1 - x0);
                        double re = (corner[0] * (1 - fx) + corner[2] * fx) * (1 - fy) + (corner[4] * (1 - fx) + corner[6] * fx) * fy;
                        double im = (corner[1] * (1 - fx) + corner[3] * fx) * (1 - fy) + (corner[5] * (1 - fx) + corner[7] * fx) * fy;
                        for (int n = 0; n < nearCount; n++) {
                            int i = near[n];
                            double dx = x - px[i];
                            double dy = charge[i] * (y - py[i]);
                            double nextRe = re * dx - im * dy;
                            im = re * dy + im * dx;
                            re = nextRe;
                        }
                        double norm = Math.sqrt(re * re + im * im);
                        double phase = flow.phase(x, y, columns, rows);
                        double value = norm == 0 ? 1 : (Math.cos(phase) * re - Math.sin(phase) * im) / norm;
                        image[y * MASTER + x] = (float) value;
                    }
                }
            }
        }
        return image;
    }

    /** The unit complex number Π (z − minutia)/|z − minutia| (conjugated for charge −1) over {@code which}, into {@code out}. */
    private static void spiral(int x, int y, int[] which, int count, double[] px, double[] py, double[] charge, double[] out) {
        double re = 1;
        double im = 0;
        for (int n = 0; n < count; n++) {
            int i = which[n];
            double dx = x - px[i];
            double dy = charge[i] * (y - py[i]);
            double norm = Math.sqrt(dx * dx + dy * dy);
            double nextRe = (re * dx - im * dy) / norm;
            im = (re * dy + im * dx) / norm;
            re = nextRe;
        }
        out[0] = re;
        out[1] = im;
    }
}
