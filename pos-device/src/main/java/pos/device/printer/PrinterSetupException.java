package pos.device.printer;

import java.io.IOException;

/**
 * The printer cannot be used because of how it is set up on this computer, not because it is off:
 * no such print queue, no permission on the device. The message says what to change.
 */
public class PrinterSetupException extends IOException {

    private static final long serialVersionUID = 1L;

    public PrinterSetupException(String message) {
        super(message);
    }
}
