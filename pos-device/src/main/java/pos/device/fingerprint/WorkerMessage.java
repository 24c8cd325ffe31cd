package pos.device.fingerprint;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message of the worker protocol (the fingerprint worker's, and issue 16's face worker's), over the worker's stdin (requests) and stdout (events and
 * replies). A frame is a big-endian int32 length and then the payload: the kind (one byte), the request id
 * (int32), the operation (modified UTF-8), text fields (count, then key and value pairs) and binary blobs
 * (count, then int32 length and bytes each: prints travel raw, never as text). Frames over {@link #MAX_FRAME}
 * bytes are refused so a garbled stream cannot make either side allocate without limit.
 *
 * <p>Kinds: {@link #REQUEST} (till → worker), {@link #EVENT} (progress for a request: prompts, enrolment
 * stages), {@link #REPLY} (the request's result) and {@link #FAILURE} (the request's error: field {@code kind}
 * names the exception, {@code message} the sentence). Immutable.
 */
public record WorkerMessage(byte kind, int id, String operation, Map<String, String> fields, List<byte[]> blobs) {

    public static final byte REQUEST = 'Q';
    public static final byte EVENT = 'E';
    public static final byte REPLY = 'R';
    public static final byte FAILURE = 'X';
    /** 64 MiB: a gallery of thousands of prints of a few KiB each fits. */
    public static final int MAX_FRAME = 64 << 20;

    public WorkerMessage {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        blobs = List.copyOf(blobs);
    }

    public static WorkerMessage of(byte kind, int id, String operation, Map<String, String> fields) {
        return new WorkerMessage(kind, id, operation, fields, List.of());
    }

    /** The kind, id, operation, field names and blob sizes: never the prints themselves. */
    @Override
    public String toString() {
        return "WorkerMessage[" + (char) kind + " #" + id + " " + operation + " fields " + fields.keySet() + ", "
                + blobs.size() + " blobs of " + blobs.stream().mapToInt(b -> b.length).sum() + " bytes]";
    }

    public String field(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalStateException("worker message " + operation + " #" + id + " has no field " + key);
        }
        return value;
    }

    /** Writes this message as one frame and flushes. */
    public void writeTo(OutputStream out) throws IOException {
        if (fields.size() > 0xFFFF) {
            throw new IllegalArgumentException("a worker message carries at most 65,535 fields, not " + fields.size()
                    + " (" + operation + "): identify in smaller galleries");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + blobs.stream().mapToInt(b -> b.length + 4).sum());
        DataOutputStream data = new DataOutputStream(buffer);
        data.writeByte(kind);
        data.writeInt(id);
        data.writeUTF(operation);
        data.writeShort(fields.size());
        for (Map.Entry<String, String> field : fields.entrySet()) {
            data.writeUTF(field.getKey());
            data.writeUTF(field.getValue());
        }
        data.writeInt(blobs.size());
        for (byte[] blob : blobs) {
            data.writeInt(blob.length);
            data.write(blob);
        }
        data.flush();
        DataOutputStream frame = new DataOutputStream(out);
        frame.writeInt(buffer.size());
        buffer.writeTo(frame);
        frame.flush();
    }

    /**
     * Reads one frame.
     *
     * @return the message, or null at the end of the stream
     * @throws IOException a broken or oversized frame
     */
    public static WorkerMessage readFrom(InputStream in) throws IOException {
        return readFrom(in, "fingerprint worker");
    }

    /**
     * Reads one frame of {@code worker} ("fingerprint worker", "face worker": issue 16), the name its errors give.
     *
     * @return the message, or null at the end of the stream
     * @throws IOException a broken or oversized frame
     */
    public static WorkerMessage readFrom(InputStream in, String worker) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length;
        try {
            length = data.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException(worker + " frame of " + length + " bytes (limit " + MAX_FRAME + "): the stream is garbled");
        }
        byte[] payload = data.readNBytes(length);
        if (payload.length != length) {
            throw new EOFException(worker + " frame cut off after " + payload.length + " of " + length + " bytes");
        }
        DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        byte kind = body.readByte();
        int id = body.readInt();
        String operation = body.readUTF();
        int fieldCount = body.readUnsignedShort();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldCount; i++) {
            fields.put(body.readUTF(), body.readUTF());
        }
        int blobCount = body.readInt();
        if (blobCount < 0 || blobCount > length) {
            throw new IOException(worker + " frame claims " + blobCount + " blobs in " + length + " bytes");
        }
        List<byte[]> blobs = new ArrayList<>(blobCount);
        for (int i = 0; i < blobCount; i++) {
            int size = body.readInt();
            if (size < 0 || size > length) {
                throw new IOException(worker + " blob of " + size + " bytes in a frame of " + length);
            }
            blobs.add(body.readNBytes(size));
        }
        return new WorkerMessage(kind, id, operation, fields, blobs);
    }
}
