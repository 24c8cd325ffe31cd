package pos.app.people;

import pos.app.sell.SellViewModel;
import pos.app.ui.UiThread;
import pos.core.biometric.ReaderStatus;

/**
 * The fingerprint reader's watch, run once a second on the people module's thread: tells the screens when the
 * reader's state changed, and while a screen waits for a finger with no reader, looks for one every 10 s
 * (hot-plug). Confined to that thread; the screens are told on the FX thread.
 */
final class ReaderWatch implements Runnable {

    private static final long RECHECK_NANOS = 10_000_000_000L;

    private final Fingerprints fingerprints;
    /** Issue 16: the face reader (shown on the status bar only when switched on). */
    private final Fingerprints faces;
    private final SellViewModel sell;
    private final SignInViewModel signIn;
    private final ApprovalViewModel approval;
    private final MemberPayViewModel memberPay;
    private final UiThread ui;
    private String lastReader = "";
    private String lastFace = "";
    private long lastRecheck = System.nanoTime() - RECHECK_NANOS;

    ReaderWatch(Fingerprints fingerprints, Fingerprints faces, SellViewModel sell, SignInViewModel signIn,
            ApprovalViewModel approval, MemberPayViewModel memberPay, UiThread ui) {
        this.fingerprints = fingerprints;
        this.faces = faces;
        this.sell = sell;
        this.signIn = signIn;
        this.approval = approval;
        this.memberPay = memberPay;
        this.ui = ui;
    }

    @Override
    public void run() {
        ReaderStatus status = fingerprints.status();
        String key = status.state() + "|" + status.sentence();
        boolean changed = !key.equals(lastReader);
        lastReader = key;
        ReaderStatus face = faces.status();
        String faceKey = face.state() + "|" + face.sentence();
        boolean faceChanged = faces.isWanted() && !faceKey.equals(lastFace);
        lastFace = faceKey;
        ui.execute(() -> {
            if (changed) {
                sell.showFingerprint(status.state().name(), status.sentence(), !status.isReady());
            }
            if (faceChanged) {
                sell.status().showFace(face.state().name(), face.sentence(), !face.isReady()); // issue 16
            }
            signIn.readerChanged();
            approval.readerChanged();
            memberPay.readerChanged();
            boolean fingerWanted = signIn.shownProperty().get() || approval.shownProperty().get()
                    || memberPay.shownProperty().get();
            if ((!status.isReady() || faces.isWanted() && !face.isReady()) && fingerWanted
                    && System.nanoTime() - lastRecheck > RECHECK_NANOS) {
                lastRecheck = System.nanoTime();
                fingerprints.recheck();
                faces.recheck(); // issue 16: a webcam plugged in later (nothing to do when face is off)
            }
        });
    }
}
