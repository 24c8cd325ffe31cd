package pos.device.face;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pos.device.face.sim.FacePhotos;
import pos.device.face.sim.FacePhotos.Look;
import pos.device.face.sim.FacePhotos.Person;

class FaceCalibrationProbe {
    @Test
    void probe() throws Exception {
        FacePhotos photos = new FacePhotos();
        try (FaceWorkerClient client = new FaceWorkerClient(FaceSettings.defaults())) {
            System.out.println("opencv " + client.ping());
            java.util.Map<Person, List<float[]>> enrolled = new java.util.EnumMap<>(Person.class);
            java.util.Map<Person, List<float[]>> tried = new java.util.EnumMap<>(Person.class);
            for (Person person : Person.values()) {
                List<float[]> e = new ArrayList<>();
                List<float[]> t = new ArrayList<>();
                for (Look look : FacePhotos.enrollLooks()) {
                    FaceAnalysis a = analyse(client, photos.frame(person, look), person + " enrol " + look);
                    if (a.isGood()) e.add(FaceHistogram.decode(a.histogram()));
                }
                for (Look look : FacePhotos.tryLooks()) {
                    FaceAnalysis a = analyse(client, photos.frame(person, look), person + " try " + look);
                    if (a.isGood()) t.add(FaceHistogram.decode(a.histogram()));
                    else t.add(null);
                }
                enrolled.put(person, e);
                tried.put(person, t);
            }
            analyse(client, photos.twoFaces(), "two");
            for (FacePhotos.NoFace n : FacePhotos.NoFace.values()) analyse(client, photos.noFace(n), "noface " + n);
            for (Person p : Person.values()) {
                for (int i = 0; i < tried.get(p).size(); i++) {
                    float[] probe = tried.get(p).get(i);
                    if (probe == null) continue;
                    StringBuilder line = new StringBuilder(p + " try " + FacePhotos.tryLooks().get(i) + ":");
                    for (Person q : Person.values()) {
                        double best = Double.MAX_VALUE;
                        for (float[] h : enrolled.get(q)) best = Math.min(best, FaceHistogram.distance(probe, h));
                        line.append(String.format(" %s=%.1f", q, best));
                    }
                    System.out.println(line);
                }
            }
            List<byte[]> lfw = FacePhotos.lfwSubset();
            double minImpostor = Double.MAX_VALUE;
            for (int i = 0; i < 100; i++) {
                float[] h = FaceHistogram.decode(client.describeCrop(lfw.get(i), 25, 25));
                for (Person q : List.of(Person.MESSI, Person.ASTRONAUT)) for (float[] e : enrolled.get(q)) minImpostor = Math.min(minImpostor, FaceHistogram.distance(h, e));
            }
            System.out.println("lfw min impostor " + minImpostor);
        }
    }

    static FaceAnalysis analyse(FaceWorkerClient client, BufferedImage image, String what) throws Exception {
        javax.imageio.ImageIO.write(image, "png", new java.io.File("/tmp/faceframes/" + what.replace(' ', '_') + ".png"));
        GreyFrame g = GreyFrame.of(image, 0);
        FaceAnalysis a = client.analyse(g.pixels, g.width, g.height);
        System.out.println(what + " -> " + a);
        return a;
    }
}
