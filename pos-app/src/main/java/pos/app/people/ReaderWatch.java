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
    private final SellViewModel sell;
    private final SignInViewModel signIn;
    private final ApprovalViewModel approval;
    private final MemberPayViewModel memberPay;
    private final UiThread ui;
    private String lastReader = "";
    private long lastRecheck = System.nanoTime() - RECHECK_NANOS;

    ReaderWatch(Fingerprints fingerprints, SellViewModel sell, SignInViewModel signIn, ApprovalViewModel approval,
            MemberPayViewModel memberPay, UiThread ui) {
        this.fingerprints = fingerprints;
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
        ui.execute(() -> {
            if (changed) {
                sell.showFingerprint(status.state().name(), status.sentence(), !status.isReady());
            }
            signIn.readerChanged();
            approval.readerChanged();
            memberPay.readerChanged();
            boolean fingerWanted = signIn.shownProperty().get() || approval.shownProperty().get()
                    || memberPay.shownProperty().get();
            if (!status.isReady() && fingerWanted && System.nanoTime() - lastRecheck > RECHECK_NANOS) {
                lastRecheck = System.nanoTime();
                fingerprints.recheck();
            }
        });
    }
}
