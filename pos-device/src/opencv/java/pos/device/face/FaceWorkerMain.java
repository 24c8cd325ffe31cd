package pos.device.face;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pos.device.fingerprint.WorkerMessage;

/**
 * The face worker process (issue 16): owns OpenCV (native code that may crash on a bad frame) so that a crash ends
 * only this process, never the till, as the fingerprint worker does for libfprint. Started by
 * {@link FaceWorkerClient} with the till's java, its class path plus Debian's OpenCV jar, and the system properties
 * {@code pos.face.opencvLibrary} (the JNI library's path) and {@code pos.face.cascades} (opencv-data's folder).
 * Speaks {@link WorkerMessage} frames on stdin/stdout, one request at a time; logs to stderr (never pixels);
 * exits when stdin closes.
 *
 * <p>Operations: {@code ping} (OpenCV and the cascades loaded), {@code analyse} (fields {@code width},
 * {@code height}, blob: the grey frame; reply: the faces, the verdict and, for a good face, its histogram),
 * {@code describe} (a grey face crop already cut: its histogram, for the matcher-level measurements), {@code exit}.
 */
public final class FaceWorkerMain {

    private final OutputStream out;
    private FaceAnalyser analyser;
    private String loadFailure;

    private FaceWorkerMain(OutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        OutputStream protocol = new BufferedOutputStream(pos.device.fingerprint.FingerprintWorkerMain.protocolStream("face worker"));
        System.setOut(System.err); // nothing but frames may reach the protocol stream
        FaceWorkerMain worker = new FaceWorkerMain(protocol);
        worker.load();
        worker.serve(new BufferedInputStream(System.in));
    }

    private void load() {
        String library = System.getProperty("pos.face.opencvLibrary", "/usr/lib/jni/libopencv_java460.so");
        String cascades = System.getProperty("pos.face.cascades", "/usr/share/opencv4");
        try {
            System.load(library);
            analyser = new FaceAnalyser(java.nio.file.Path.of(cascades));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            loadFailure = "OpenCV could not be loaded (" + library + ": " + e.getMessage() + ")";
            System.err.println("face worker: " + loadFailure);
        } catch (IllegalStateException e) {
            loadFailure = e.getMessage();
            System.err.println("face worker: " + loadFailure);
        }
    }

    private void serve(InputStream in) throws IOException {
        while (true) {
            WorkerMessage request = WorkerMessage.readFrom(in, "face worker");
            if (request == null || request.operation().equals("exit")) {
                break;
            }
            try {
                write(run(request));
            } catch (RuntimeException e) {
                write(failure(request, "device", "the face worker failed on " + request.operation() + ": " + e));
            }
        }
        out.flush();
        Runtime.getRuntime().halt(0);
    }

    private WorkerMessage run(WorkerMessage request) {
        if (loadFailure != null) {
            return failure(request, "no-reader", loadFailure);
        }
        switch (request.operation()) {
            case "ping":
                return WorkerMessage.of(WorkerMessage.REPLY, request.id(), "ping", Map.of("opencv", org.opencv.core.Core.VERSION));
            case "analyse": {
                int width = Integer.parseInt(request.field("width"));
                int height = Integer.parseInt(request.field("height"));
                FaceAnalyser.Result result = analyser.analyse(request.blobs().get(0), width, height);
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("verdict", result.verdict());
                fields.put("faces", result.faces());
                fields.put("measures", result.measures());
                fields.put("millis", Long.toString(result.millis()));
                return new WorkerMessage(WorkerMessage.REPLY, request.id(), "analyse", fields,
                        result.histogram() == null ? List.of() : List.of(result.histogram()));
            }
            case "describe": {
                int width = Integer.parseInt(request.field("width"));
                int height = Integer.parseInt(request.field("height"));
                byte[] histogram = analyser.describeCrop(request.blobs().get(0), width, height);
                return new WorkerMessage(WorkerMessage.REPLY, request.id(), "describe", Map.of(), List.of(histogram));
            }
            default:
                return failure(request, "device", "the face worker does not know the operation " + request.operation());
        }
    }

    private static WorkerMessage failure(WorkerMessage request, String kind, String message) {
        return WorkerMessage.of(WorkerMessage.FAILURE, request.id(), request.operation(), Map.of("kind", kind, "message", message));
    }

    private void write(WorkerMessage message) throws IOException {
        message.writeTo(out);
    }
}
