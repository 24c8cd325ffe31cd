package pos.testkit.printer;

import java.util.List;

/**
 * One piece of paper (or one drawer-only job): the events from the start of a job or the last cut
 * up to and including the next cut, with the non-printing events that follow that cut in the same
 * job (a drawer pulse). Immutable.
 */
public record Receipt(List<EscPosEvent> events) {

    public Receipt {
        events = List.copyOf(events);
    }

    /** The printed text lines. */
    public List<EscPosEvent.TextLine> textLines() {
        return events.stream().filter(EscPosEvent.TextLine.class::isInstance).map(EscPosEvent.TextLine.class::cast).toList();
    }

    /** The printed lines' text, without trailing spaces. */
    public List<String> lines() {
        return textLines().stream().map(l -> l.text().stripTrailing()).toList();
    }

    /** The printed lines' text, stripped on both sides (alignment padding gone). */
    public List<String> strippedLines() {
        return textLines().stream().map(l -> l.text().strip()).toList();
    }

    public List<EscPosEvent.Barcode> barcodes() {
        return events.stream().filter(EscPosEvent.Barcode.class::isInstance).map(EscPosEvent.Barcode.class::cast).toList();
    }

    public List<EscPosEvent.QrCode> qrCodes() {
        return events.stream().filter(EscPosEvent.QrCode.class::isInstance).map(EscPosEvent.QrCode.class::cast).toList();
    }

    public List<EscPosEvent.DrawerPulse> drawerPulses() {
        return events.stream().filter(EscPosEvent.DrawerPulse.class::isInstance).map(EscPosEvent.DrawerPulse.class::cast).toList();
    }

    public boolean isCut() {
        return events.stream().anyMatch(EscPosEvent.Cut.class::isInstance);
    }

    /** Whether the paper shows anything (text, a code or a picture). */
    public boolean printsSomething() {
        return events.stream().anyMatch(Receipt::prints);
    }

    static boolean prints(EscPosEvent event) {
        return event instanceof EscPosEvent.TextLine || event instanceof EscPosEvent.Barcode
                || event instanceof EscPosEvent.QrCode || event instanceof EscPosEvent.RasterImage;
    }
}
