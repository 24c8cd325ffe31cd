package pos.device.face;

import com.sun.jna.Library;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/**
 * The face worker's protocol stream: a duplicate of fd 1, with fd 1 itself pointed at stderr, so that nothing native
 * code or the JVM's fatal error banner prints to stdout can corrupt the frames (as the fingerprint worker does).
 * Stateless.
 */
final class ProtocolStream {

    /** The two libc calls it needs. */
    interface CLib extends Library {
        int dup(int fd);

        int dup2(int oldFd, int newFd);
    }

    private ProtocolStream() {
    }

    static OutputStream open() {
        try {
            CLib libc = com.sun.jna.Native.load("c", CLib.class);
            int protocolFd = libc.dup(1);
            if (protocolFd >= 0 && libc.dup2(2, 1) >= 0) {
                return new FileOutputStream("/proc/self/fd/" + protocolFd);
            }
        } catch (UnsatisfiedLinkError | java.io.FileNotFoundException e) {
            System.err.println("face worker: cannot separate native stdout from the protocol (" + e.getMessage() + "); continuing on stdout");
        }
        return new FileOutputStream(FileDescriptor.out);
    }
}
