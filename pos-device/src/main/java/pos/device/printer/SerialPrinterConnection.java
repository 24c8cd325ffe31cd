package pos.device.printer;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A printer on a serial port (jSerialComm), 8 data bits, no parity, 1 stop bit, at the configured
 * speed. Status is read back with a read timeout. Thread-safe (each open is its own port handle).
 */
public final class SerialPrinterConnection implements PrinterConnection {

    private static final int WRITE_TIMEOUT_MILLIS = 10_000;

    private final String portName;
    private final int baudRate;

    public SerialPrinterConnection(String portName, int baudRate) {
        this.portName = portName;
        this.baudRate = baudRate;
    }

    @Override
    public PrinterLink open() throws IOException {
        SerialPort port = SerialPort.getCommPort(portName);
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000, WRITE_TIMEOUT_MILLIS);
        if (!port.openPort()) {
            throw new IOException("serial port " + portName + " could not be opened (missing, in use, or no permission:"
                    + " is the user in the 'dialout' group?), error " + port.getLastErrorCode());
        }
        return new SerialLink(port);
    }

    @Override
    public String name() {
        return "serial " + portName + " at " + baudRate + " baud";
    }

    private static final class SerialLink implements PrinterLink {
        private final SerialPort port;
        private final OutputStream output;

        SerialLink(SerialPort port) {
            this.port = port;
            this.output = port.getOutputStream();
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public boolean canReadBack() {
            return true;
        }

        @Override
        public int readByte(Duration timeout) throws IOException {
            port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING,
                    (int) Math.max(1, timeout.toMillis()), WRITE_TIMEOUT_MILLIS);
            byte[] one = new byte[1];
            int read = port.readBytes(one, 1);
            if (read < 0) {
                throw new IOException("reading from " + port.getSystemPortName() + " failed, error " + port.getLastErrorCode());
            }
            return read == 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public void close() {
            port.closePort();
        }
    }
}
