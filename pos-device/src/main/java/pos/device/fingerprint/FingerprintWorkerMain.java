package pos.device.fingerprint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import pos.core.biometric.BiometricException;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.IncompatiblePrintException;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderDevice;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;

/**
 * The fingerprint worker process: owns libfprint-2 ({@link LibfprintSession}) so that its GLib main-context
 * iteration never meets JavaFX's GTK loop and a crash in native driver code ends only this process, never the
 * till (DESIGN §7, issue 6). Started by {@link FingerprintWorkerClient} with the till's own java and class
 * path; speaks {@link WorkerMessage} frames on stdin/stdout and logs to stderr. Requests run one at a time on
 * one thread; {@code cancel} is handled at once by the reading thread. Exits when stdin closes (the till
 * quit or died), so no worker outlives its till.
 *
 * <p>Operations: {@code open} (field {@code device}, optional), {@code devices}, {@code enroll}, {@code verify}
 * (one print), {@code identify} (prints), {@code compatible} (one print), {@code cancel}, {@code ping},
 * {@code exit}. A print is a blob plus fields {@code driver.N} and {@code device.N}.
 */
public final class FingerprintWorkerMain {

    private final OutputStream out;
    private final ExecutorService libfprintThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "libfprint");
        thread.setDaemon(true);
        return thread;
    });
    private volatile LibfprintSession session;
    /** Issue 15: the guard in front of the virtual reader's socket, or null for real readers. */
    private final VirtualImageGate gate;

    private FingerprintWorkerMain(OutputStream out, VirtualImageGate gate) {
        this.out = out;
        this.gate = gate;
    }

    public static void main(String[] args) throws IOException {
        OutputStream protocol = protocolStream();
        System.setOut(System.err); // nothing but frames may reach the protocol stream
        String virtualSocket = System.getenv("FP_VIRTUAL_IMAGE");
        VirtualImageGate gate = virtualSocket == null || virtualSocket.isBlank() ? null
                : VirtualImageGate.open(java.nio.file.Path.of(virtualSocket));
        new FingerprintWorkerMain(new BufferedOutputStream(protocol), gate).serve(new BufferedInputStream(System.in));
    }

    /** A retry caused by an image the gate refused says so (issue 15), instead of libfprint's general retry. */
    private ScanPrompt explained(ScanPrompt prompt) {
        if (prompt == ScanPrompt.RETRY_GENERAL && gate != null && gate.takeRefusal() != null) {
            return ScanPrompt.RETRY_NOT_A_FINGERPRINT;
        }
        return prompt;
    }

    /**
     * The protocol stream: a duplicate of fd 1, with fd 1 itself pointed at stderr, so that anything native
     * code prints to stdout (GLib's debug log, a driver's printf) cannot corrupt the frames. Issue 16: the face worker
     * uses it too (the JNA binding stays in this package).
     */
    public static OutputStream protocolStream() throws IOException {
        return protocolStream("fingerprint worker");
    }

    /** As {@link #protocolStream()}, for {@code worker} ("face worker"), the name its warning on stderr gives. */
    public static OutputStream protocolStream(String worker) throws IOException {
        try {
            Native.CLib libc = Native.clib();
            int protocolFd = libc.dup(1);
            if (protocolFd >= 0 && libc.dup2(2, 1) >= 0) {
                return new FileOutputStream("/proc/self/fd/" + protocolFd);
            }
        } catch (UnsatisfiedLinkError e) {
            System.err.println(worker + ": cannot separate native stdout from the protocol (" + e.getMessage()
                    + "); continuing on stdout");
        }
        return new FileOutputStream(FileDescriptor.out);
    }

    private void serve(InputStream in) throws IOException {
        try {
            while (true) {
                WorkerMessage request = WorkerMessage.readFrom(in);
                if (request == null) {
                    break; // the till closed our stdin: it quit or died
                }
                if (request.operation().equals("cancel")) {
                    LibfprintSession current = session;
                    if (current != null) {
                        current.cancel();
                    }
                    continue;
                }
                if (request.operation().equals("exit")) {
                    break;
                }
                libfprintThread.execute(() -> handle(request));
            }
        } finally {
            shutDown();
        }
    }

    private void shutDown() {
        LibfprintSession current = session;
        if (current != null) {
            current.cancel();
        }
        libfprintThread.execute(() -> {
            if (session != null) {
                try {
                    session.close();
                } catch (BiometricException e) {
                    System.err.println("fingerprint worker: " + e.getMessage());
                }
            }
        });
        libfprintThread.shutdown();
        try {
            libfprintThread.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a driver stuck in native code must not keep the process alive
        Runtime.getRuntime().halt(0);
    }

    private void handle(WorkerMessage request) {
        if (gate != null) {
            gate.takeRefusal(); // a refusal belongs to the scan it happened in
        }
        try {
            write(run(request));
        } catch (BiometricException e) {
            failure(request, e);
        } catch (RuntimeException | LinkageError e) {
            failure(request, new pos.core.biometric.ReaderErrorException("the fingerprint worker failed on "
                    + request.operation() + ": " + e, e));
        }
    }

    private WorkerMessage run(WorkerMessage request) {
        int id = request.id();
        String operation = request.operation();
        ScanEvents events = new ScanEvents() {
            @Override
            public void prompt(ScanPrompt prompt) {
                event(id, "prompt", Map.of("prompt", explained(prompt).name()));
            }

            @Override
            public void stage(int completed, int stages) {
                event(id, "stage", Map.of("completed", Integer.toString(completed), "stages", Integer.toString(stages)));
            }
        };
        switch (operation) {
            case "ping":
                return reply(request, Map.of("pid", Long.toString(ProcessHandle.current().pid())));
            case "open": {
                ReaderDevice device = session().open(request.fields().get("device"));
                return reply(request, describe(device, ""));
            }
            case "devices": {
                Map<String, String> fields = new LinkedHashMap<>();
                List<ReaderDevice> devices = session().devices();
                fields.put("count", Integer.toString(devices.size()));
                for (int i = 0; i < devices.size(); i++) {
                    fields.putAll(describe(devices.get(i), i + "."));
                }
                return reply(request, fields);
            }
            case "enroll": {
                FingerPrint print = session().enroll(events);
                return new WorkerMessage(WorkerMessage.REPLY, id, operation,
                        Map.of("driver.0", print.driver(), "device.0", print.deviceId()), List.of(print.template()));
            }
            case "verify": {
                boolean matched = session().verify(prints(request).get(0), events);
                return reply(request, Map.of("matched", Boolean.toString(matched)));
            }
            case "identify": {
                // issue 15: the press's own print comes back too (blob 0), for the reader's check of a second owner
                LibfprintSession.Identified found = session().identifyKeepingProbe(prints(request), events);
                String index = Integer.toString(found.index().orElse(-1));
                return found.probe() == null ? reply(request, Map.of("index", index))
                        : new WorkerMessage(WorkerMessage.REPLY, id, operation, Map.of("index", index,
                                "driver.0", found.probe().driver(), "device.0", found.probe().deviceId()), List.of(found.probe().template()));
            }
            case "compatible":
                return reply(request, Map.of("compatible", Boolean.toString(session().isCompatible(prints(request).get(0)))));
            default:
                throw new pos.core.biometric.ReaderErrorException("the fingerprint worker does not know the operation " + operation);
        }
    }

    private LibfprintSession session() {
        if (session == null) {
            session = LibfprintSession.create();
        }
        return session;
    }

    static Map<String, String> describe(ReaderDevice device, String prefix) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(prefix + "driver", device.driver());
        fields.put(prefix + "deviceId", device.deviceId());
        fields.put(prefix + "name", device.name());
        fields.put(prefix + "stages", Integer.toString(device.enrollStages()));
        fields.put(prefix + "identify", Boolean.toString(device.canIdentify()));
        return fields;
    }

    static List<FingerPrint> prints(WorkerMessage message) {
        List<FingerPrint> prints = new ArrayList<>(message.blobs().size());
        for (int i = 0; i < message.blobs().size(); i++) {
            prints.add(new FingerPrint(message.blobs().get(i), message.field("driver." + i), message.field("device." + i)));
        }
        return prints;
    }

    private static WorkerMessage reply(WorkerMessage request, Map<String, String> fields) {
        return WorkerMessage.of(WorkerMessage.REPLY, request.id(), request.operation(), fields);
    }

    private void event(int id, String operation, Map<String, String> fields) {
        write(WorkerMessage.of(WorkerMessage.EVENT, id, operation, fields));
    }

    private void failure(WorkerMessage request, BiometricException error) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", kindOf(error));
        fields.put("message", String.valueOf(error.getMessage()));
        if (error instanceof ScanRetryException retry) {
            ScanPrompt prompt = explained(retry.prompt());
            fields.put("prompt", prompt.name());
            fields.put("message", prompt.sentence());
        }
        write(WorkerMessage.of(WorkerMessage.FAILURE, request.id(), request.operation(), fields));
    }

    static String kindOf(BiometricException error) {
        if (error instanceof NoReaderException) {
            return "no-reader";
        } else if (error instanceof ReaderBusyException) {
            return "busy";
        } else if (error instanceof ScanRetryException) {
            return "retry";
        } else if (error instanceof IncompatiblePrintException) {
            return "incompatible";
        } else if (error instanceof ScanCancelledException) {
            return "cancelled";
        }
        return "device";
    }

    private synchronized void write(WorkerMessage message) {
        try {
            message.writeTo(out);
        } catch (IOException e) {
            // the till is gone: nobody to answer, and stdin's end will stop us
            System.err.println("fingerprint worker: cannot answer the till: " + e.getMessage());
        }
    }
}
