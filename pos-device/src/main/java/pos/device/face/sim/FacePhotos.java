package pos.device.face.sim;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * Webcam frames (640 x 480 RGB, all one size for {@code FrameFeedDriver}) of real people photographed in the photos
 * Debian's packages install (issue 16): Lionel Messi ({@code messi5.jpg}, opencv-doc) and astronaut Eileen Collins
 * ({@code astronaut.png}, python3-skimage), placed as a person standing at the counter would appear (face 130-200 px
 * wide), with the variants a real counter produces: turned a few degrees, nearer or farther, darker, noisier, partly
 * covered; and frames without a face (a cat, a coffee cup, a cameraman seen from the side, an empty counter), with
 * two faces, and of a stranger (the man in opencv-doc's {@code basketball1.png}). Deterministic: the noise is seeded.
 * Thread-safe (the photos are loaded once and never changed).
 */
public final class FacePhotos {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;

    static final Path OPENCV_DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    static final Path SKIMAGE_DATA = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    /** The people in the photos, with where the face is in each photo (the cascade's box: x, y, width). */
    public enum Person {
        // his face is the 44 px box at (225, 91); the cascade's larger box at (247, 66) is his hair and a shoulder
        MESSI(OPENCV_DATA.resolve("messi5.jpg"), "opencv-doc", 225, 91, 44),
        ASTRONAUT(SKIMAGE_DATA.resolve("astronaut.png"), "python3-skimage", 175, 65, 99),
        /** The stranger: nobody enrols him (his face is 46 px in the photo, so his frames are softer). */
        STRANGER(OPENCV_DATA.resolve("basketball1.png"), "opencv-doc", 70, 89, 46);

        final Path file;
        final String debianPackage;
        final double faceX;
        final double faceY;
        final double faceWidth;

        Person(Path file, String debianPackage, double faceX, double faceY, double faceWidth) {
            this.file = file;
            this.debianPackage = debianPackage;
            this.faceX = faceX;
            this.faceY = faceY;
            this.faceWidth = faceWidth;
        }
    }

    /** What covers part of the face. */
    public enum Cover { NONE, MOUTH_AND_CHIN, HAND_AT_CHEEK }

    /**
     * How the person stands in one frame: in-plane turn (degrees, positive clockwise), face width in the frame
     * (pixels), light (1 as photographed, 0.5 half as bright), noise (grey levels, standard deviation), what covers
     * the face, and the noise's seed.
     */
    public record Look(String name, double turn, double faceWidth, double light, double noise, Cover cover, long seed) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The things without a human face. */
    public enum NoFace { CAT, COFFEE, CAMERAMAN, EMPTY_COUNTER }

    private final Map<Path, BufferedImage> photos = new ConcurrentHashMap<>();

    /** The looks a person enrols with (8: straight, turned a little each way, nearer, farther, dimmer). */
    public static List<Look> enrollLooks() {
        return List.of(
                new Look("straight", 0, 165, 1.0, 2, Cover.NONE, 11),
                new Look("turned 3 left", -3, 160, 1.0, 2, Cover.NONE, 12),
                new Look("turned 3 right", 3, 160, 1.0, 2, Cover.NONE, 13),
                new Look("nearer", 0, 185, 0.95, 2, Cover.NONE, 14),
                new Look("farther", 0, 145, 1.0, 2, Cover.NONE, 15),
                new Look("dimmer", 1.5, 165, 0.8, 3, Cover.NONE, 16),
                new Look("turned 5 left", -5, 170, 0.9, 2, Cover.NONE, 17),
                new Look("turned 5 right", 5, 155, 0.9, 2, Cover.NONE, 18));
    }

    /** The looks a person tries with: none of them was enrolled. */
    public static List<Look> tryLooks() {
        return List.of(
                new Look("turned 7 left", -7, 165, 1.0, 2, Cover.NONE, 21),
                new Look("turned 7 right", 7, 165, 1.0, 2, Cover.NONE, 22),
                new Look("scaled near (200 px)", 0, 200, 1.0, 2, Cover.NONE, 23),
                new Look("scaled far (130 px)", 0, 130, 1.0, 2, Cover.NONE, 24),
                new Look("darker (half light)", 0, 165, 0.5, 2, Cover.NONE, 25),
                new Look("noisier", 0, 165, 1.0, 10, Cover.NONE, 26),
                new Look("mouth and chin covered", 0, 165, 1.0, 2, Cover.MOUTH_AND_CHIN, 27),
                new Look("hand at the cheek", 0, 165, 1.0, 2, Cover.HAND_AT_CHEEK, 28),
                new Look("darker, noisier, turned 4", 4, 160, 0.6, 8, Cover.NONE, 29),
                new Look("farther and dimmer, turned 2 left", -2, 140, 0.75, 4, Cover.NONE, 30));
    }

    /** Issue 16's light prompt: the counter at an eighth of its light (a switched-off lamp at dusk). */
    public static Look veryDark() {
        return new Look("very dark (an eighth of the light)", 0, 165, 0.125, 1, Cover.NONE, 61);
    }

    /** Issue 16's look-straight prompt: the head tilted in-plane 25 degrees (an ear towards the shoulder). */
    public static Look tiltedFar() {
        return new Look("head tilted 25 degrees", 25, 165, 1.0, 2, Cover.NONE, 62);
    }

    /** A frame of {@code person} standing at the counter as {@code look} says. */
    public BufferedImage frame(Person person, Look look) {
        return finish(scene(person, look), look);
    }

    /**
     * Issue 16's hold-still prompt: {@code person} moving sideways while the shutter is open, smeared over
     * {@code pixels} pixels (the sensor's noise comes after, unsmeared, as a webcam's does).
     */
    public BufferedImage motionBlurred(Person person, Look look, int pixels) {
        float[] kernel = new float[pixels];
        java.util.Arrays.fill(kernel, 1f / pixels);
        BufferedImage sharp = scene(person, look);
        BufferedImage smeared = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        new java.awt.image.ConvolveOp(new java.awt.image.Kernel(pixels, 1, kernel), java.awt.image.ConvolveOp.EDGE_NO_OP, null)
                .filter(sharp, smeared);
        return finish(smeared, look);
    }

    private BufferedImage scene(Person person, Look look) {
        BufferedImage frame = counter(look.seed());
        Graphics2D g = frame.createGraphics();
        try {
            place(g, person, look, WIDTH / 2.0, HEIGHT * 0.44, new Rectangle(0, 0, WIDTH, HEIGHT));
            cover(g, look, WIDTH / 2.0, HEIGHT * 0.44);
        } finally {
            g.dispose();
        }
        return frame;
    }

    /** Two people side by side (Messi on the left, the astronaut on the right), both faces 130 px. */
    public BufferedImage twoFaces() {
        BufferedImage frame = counter(41);
        Graphics2D g = frame.createGraphics();
        try {
            Look look = new Look("side by side", 0, 130, 1.0, 2, Cover.NONE, 41);
            place(g, Person.MESSI, look, WIDTH * 0.27, HEIGHT * 0.45, new Rectangle(0, 0, WIDTH / 2, HEIGHT));
            place(g, Person.ASTRONAUT, look, WIDTH * 0.75, HEIGHT * 0.45, new Rectangle(WIDTH / 2, 0, WIDTH / 2, HEIGHT));
        } finally {
            g.dispose();
        }
        return finish(frame, new Look("side by side", 0, 130, 1.0, 2, Cover.NONE, 41));
    }

    /** A frame with no human face in it. */
    public BufferedImage noFace(NoFace what) {
        if (what == NoFace.EMPTY_COUNTER) {
            return finish(counter(51), new Look("empty counter", 0, 0, 1.0, 3, Cover.NONE, 51));
        }
        Path file = switch (what) {
            case CAT -> SKIMAGE_DATA.resolve("chelsea.png");
            case COFFEE -> SKIMAGE_DATA.resolve("coffee.png");
            default -> SKIMAGE_DATA.resolve("camera.png");
        };
        BufferedImage photo = photo(file, "python3-skimage");
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            double scale = Math.max(WIDTH / (double) photo.getWidth(), HEIGHT / (double) photo.getHeight());
            int width = (int) Math.ceil(photo.getWidth() * scale);
            int height = (int) Math.ceil(photo.getHeight() * scale);
            g.drawImage(photo, (WIDTH - width) / 2, (HEIGHT - height) / 2, width, height, null);
        } finally {
            g.dispose();
        }
        return finish(frame, new Look(what.name(), 0, 0, 1.0, 3, Cover.NONE, 52 + what.ordinal()));
    }

    /**
     * The 200 grey 25 x 25 images of scikit-image's LFW subset ({@code lfw_subset.npy}): the first 100 are faces of
     * various people from Labeled Faces in the Wild, the last 100 are not faces. One byte a pixel, row by row.
     */
    public static List<byte[]> lfwSubset() {
        Path file = SKIMAGE_DATA.resolve("lfw_subset.npy");
        byte[] raw = read(file, "python3-skimage");
        // .npy: magic, version, header length (little-endian), a Python dict header, then the raw array
        int headerLength = (raw[8] & 0xFF) | (raw[9] & 0xFF) << 8;
        String header = new String(raw, 10, headerLength, StandardCharsets.US_ASCII);
        if (raw[6] != 1 || !header.contains("'<f8'") || !header.contains("(200, 25, 25)") || header.contains("'fortran_order': True")) {
            throw new IllegalStateException(file + " is not the expected 200 x 25 x 25 float64 array: " + header.trim());
        }
        ByteBuffer data = ByteBuffer.wrap(raw, 10 + headerLength, raw.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> images = new ArrayList<>();
        for (int image = 0; image < 200; image++) {
            byte[] grey = new byte[25 * 25];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = (byte) Math.max(0, Math.min(255, Math.round(data.getDouble() * 255)));
            }
            images.add(grey);
        }
        return images;
    }

    private void place(Graphics2D g, Person person, Look look, double centreX, double centreY, Rectangle clip) {
        BufferedImage photo = photo(person.file, person.debianPackage);
        double scale = look.faceWidth() / person.faceWidth;
        AffineTransform transform = new AffineTransform();
        transform.translate(centreX, centreY);
        transform.rotate(Math.toRadians(look.turn()));
        transform.scale(scale, scale);
        transform.translate(-(person.faceX + person.faceWidth / 2), -(person.faceY + person.faceWidth / 2));
        Graphics2D clipped = (Graphics2D) g.create();
        try {
            clipped.clip(clip);
            clipped.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            clipped.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            clipped.transform(transform);
            // the person only (head, shoulders, chest), in front of the counter: not the photo's crowd behind
            clipped.clip(new java.awt.geom.Rectangle2D.Double(person.faceX - 1.2 * person.faceWidth, person.faceY - 0.8 * person.faceWidth,
                    3.4 * person.faceWidth, 4.5 * person.faceWidth));
            clipped.drawImage(photo, 0, 0, null);
        } finally {
            clipped.dispose();
        }
    }

    private static void cover(Graphics2D g, Look look, double centreX, double centreY) {
        double face = look.faceWidth();
        Graphics2D turned = (Graphics2D) g.create();
        try {
            turned.translate(centreX, centreY);
            turned.rotate(Math.toRadians(look.turn()));
            turned.setComposite(AlphaComposite.SrcOver);
            if (look.cover() == Cover.MOUTH_AND_CHIN) {
                // a scarf pulled up to just under the nose
                turned.setColor(new Color(38, 52, 88));
                turned.fillRoundRect((int) (-0.55 * face), (int) (0.30 * face), (int) (1.1 * face), (int) (0.45 * face), 20, 20);
            } else if (look.cover() == Cover.HAND_AT_CHEEK) {
                // a hand-sized block over one cheek, the eyes and the nose left free
                turned.setColor(new Color(196, 150, 122));
                turned.fillRoundRect((int) (-0.52 * face), (int) (0.05 * face), (int) (0.34 * face), (int) (0.42 * face), 24, 24);
            }
        } finally {
            turned.dispose();
        }
    }

    /** An empty counter: a wall in soft light, a counter edge, a little texture. */
    private static BufferedImage counter(long seed) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(186, 180, 168), WIDTH, HEIGHT, new Color(120, 116, 110)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(92, 70, 52));
            g.fillRect(0, (int) (HEIGHT * 0.9), WIDTH, HEIGHT);
            Random random = new Random(seed);
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(150 + random.nextInt(40), 140 + random.nextInt(40), 130 + random.nextInt(40)));
                g.fillRect(random.nextInt(WIDTH), random.nextInt((int) (HEIGHT * 0.9)), 20 + random.nextInt(60), 6 + random.nextInt(30));
            }
        } finally {
            g.dispose();
        }
        return frame;
    }

    /** Light and sensor noise, seeded. */
    private static BufferedImage finish(BufferedImage frame, Look look) {
        Random random = new Random(look.seed() * 7919);
        int[] pixels = ((java.awt.image.DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int rgb = pixels[i];
            int r = channel((rgb >> 16) & 0xFF, look, random);
            int gr = channel((rgb >> 8) & 0xFF, look, random);
            int b = channel(rgb & 0xFF, look, random);
            pixels[i] = r << 16 | gr << 8 | b;
        }
        return frame;
    }

    private static int channel(int value, Look look, Random random) {
        double lit = value * look.light() + (look.noise() > 0 ? random.nextGaussian() * look.noise() : 0);
        return (int) Math.max(0, Math.min(255, Math.round(lit)));
    }

    private BufferedImage photo(Path file, String debianPackage) {
        return photos.computeIfAbsent(file, path -> {
            try (InputStream in = new java.io.ByteArrayInputStream(read(path, debianPackage))) {
                BufferedImage image = ImageIO.read(in);
                if (image == null) {
                    throw new IllegalStateException(path + " (from " + debianPackage + ") is not an image Java can read");
                }
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + path, e);
            }
        });
    }

    private static byte[] read(Path file, String debianPackage) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("the test photo " + file + " is missing: install it with sudo apt-get install "
                    + debianPackage);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the test photo " + file, e);
        }
    }
}
