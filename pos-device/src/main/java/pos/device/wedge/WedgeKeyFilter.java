package pos.device.wedge;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import javafx.animation.PauseTransition;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.event.EventTarget;
import javafx.event.EventType;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import pos.device.wedge.Keystroke.Fate;
import pos.device.wedge.WedgeDecision.Rejection;

/**
 * The key event filter that {@link KeyboardWedgeScanner} puts on one scene. It turns key events
 * into detector inputs, keeps back (consumes and stores) every event of a keystroke the detector
 * holds, swallows the events of scanned keystrokes, and replays a person's keystrokes, in order,
 * to whatever has the focus. A timer gives held keystrokes back when the gap runs out, so a single
 * key a person types appears without waiting for the next one. Not thread-safe: JavaFX thread only.
 *
 * <p>How the three event types are handled, since the detector only knows characters and
 * terminators: a KEY_PRESSED of a key that may type text is kept back until its KEY_TYPED says which
 * character it typed; Enter and Tab are decided at KEY_PRESSED; a key that types nothing (arrows,
 * Backspace, shortcuts, a key held down so that it auto-repeats) interrupts any burst. Each
 * keystroke's later events (its KEY_TYPED, its KEY_RELEASED) follow the fate of its KEY_PRESSED.
 * Modifier keys pass untouched: scanners press Shift for capital letters. When a terminator comes,
 * the focused control's {@link FieldExpectation} goes to the detector with it, so a burst that
 * cannot be a code for that control is given back as typing.
 */
final class WedgeKeyFilter implements EventHandler<KeyEvent> {

    private static final Logger log = LoggerFactory.getLogger(WedgeKeyFilter.class);

    private final Scene scene;
    private final WedgeBurstDetector detector;
    private final LongSupplier nanoTime;
    private final long maxGapNanos;
    private final Consumer<String> scanSink;
    private final Consumer<Rejection> rejectionSink;

    private final PauseTransition expiryTimer = new PauseTransition();
    /** Keystrokes the detector holds, oldest first; always as many as {@link WedgeBurstDetector#heldCount()}. */
    private final ArrayDeque<Keystroke> held = new ArrayDeque<>();
    /** The latest press of each key whose KEY_RELEASED has not come yet. */
    private final Map<KeyCode, Keystroke> awaitingRelease = new EnumMap<>(KeyCode.class);
    /** The latest non-modifier press whose KEY_TYPED has not come yet, if any. */
    private Keystroke lastPressed;
    private long lastPressedNanos;
    /** Above zero while this filter re-fires events it kept back; they must pass it untouched. */
    private int replayDepth;

    WedgeKeyFilter(Scene scene, WedgeScannerSettings settings, LongSupplier nanoTime,
                   Consumer<String> scanSink, Consumer<Rejection> rejectionSink) {
        this.scene = Objects.requireNonNull(scene, "scene");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.detector = new WedgeBurstDetector(settings, nanoTime);
        this.maxGapNanos = settings.maxInterKeyGap().toNanos();
        this.scanSink = Objects.requireNonNull(scanSink, "scanSink");
        this.rejectionSink = Objects.requireNonNull(rejectionSink, "rejectionSink");
        expiryTimer.setOnFinished(finished -> onExpiry());
    }

    @Override
    public void handle(KeyEvent event) {
        if (replayDepth > 0) {
            return;
        }
        EventType<KeyEvent> type = event.getEventType();
        if (type == KeyEvent.KEY_PRESSED) {
            pressed(event);
        } else if (type == KeyEvent.KEY_TYPED) {
            typed(event);
        } else if (type == KeyEvent.KEY_RELEASED) {
            released(event);
        }
        scheduleExpiry();
    }

    /** Gives back whatever is held and stops the timer; the filter has been taken off the scene. */
    void shutdown() {
        expiryTimer.stop();
        decideUndecidedPressAsNonText();
        apply(detector.flush(), null, null);
        awaitingRelease.clear();
        lastPressed = null;
    }

    private void pressed(KeyEvent event) {
        KeyCode code = event.getCode();
        if (isModifier(code)) {
            return;
        }
        decideUndecidedPressAsNonText();
        Keystroke previousPress = awaitingRelease.get(code);
        boolean autoRepeat = previousPress != null && code != KeyCode.UNDEFINED;
        WedgeTerminator terminator = terminatorOf(event);
        Keystroke keystroke = new Keystroke(code, Fate.UNDECIDED);
        awaitingRelease.put(code, keystroke);
        lastPressed = keystroke;
        if (autoRepeat) {
            // a key held down repeats without a release in between; scanners always release
            apply(detector.interruption(), keystroke, event);
        } else if (terminator != null) {
            apply(detector.terminator(terminator, focusedExpectation()), keystroke, event);
        } else if (mayTypeText(event)) {
            keystroke.store(event);
            lastPressedNanos = nanoTime.getAsLong();
        } else {
            apply(detector.interruption(), keystroke, event);
        }
    }

    private void typed(KeyEvent event) {
        Keystroke keystroke = lastPressed;
        lastPressed = null;
        if (keystroke != null && keystroke.fate != Fate.UNDECIDED) {
            follow(keystroke, event);
            return;
        }
        if (keystroke == null) {
            keystroke = new Keystroke(null, Fate.UNDECIDED);
        }
        String text = event.getCharacter();
        char character = text.length() == 1 ? text.charAt(0) : KeyEvent.CHAR_UNDEFINED.charAt(0);
        if (!Character.isISOControl(character) && !isShortcut(event)) {
            apply(detector.character(character), keystroke, event);
        } else if (keystroke.code == null && terminatorOf(character) != null) {
            apply(detector.terminator(terminatorOf(character), focusedExpectation()), keystroke, event);
        } else {
            apply(detector.interruption(), keystroke, event);
        }
    }

    private void released(KeyEvent event) {
        KeyCode code = event.getCode();
        if (isModifier(code)) {
            return;
        }
        Keystroke keystroke = awaitingRelease.remove(code);
        if (keystroke == null) {
            return;
        }
        if (keystroke == lastPressed) {
            lastPressed = null;
        }
        if (keystroke.fate == Fate.UNDECIDED) {
            // released without ever typing a character
            apply(detector.interruption(), keystroke, event);
        } else {
            follow(keystroke, event);
        }
    }

    /** A later event of a keystroke whose fate is already decided. */
    private static void follow(Keystroke keystroke, KeyEvent event) {
        switch (keystroke.fate) {
            case HELD -> keystroke.store(event);
            case CONSUMED -> event.consume();
            case DELIVERED, UNDECIDED -> { }
        }
    }

    /** A key pressed earlier never typed a character: it was a key that types nothing. */
    private void decideUndecidedPressAsNonText() {
        if (lastPressed != null && lastPressed.fate == Fate.UNDECIDED) {
            Keystroke keystroke = lastPressed;
            lastPressed = null;
            apply(detector.interruption(), keystroke, null);
        }
    }

    /**
     * Carries out a decision. {@code event} is the event being handled for {@code current} (null when
     * a timer or a later event decides); an event that passes is left to go on unconsumed, after the
     * keystrokes released before it and its own earlier, kept-back events have been replayed.
     */
    private void apply(WedgeDecision decision, Keystroke current, KeyEvent event) {
        Node focusBefore = scene.getFocusOwner();
        if (!decision.releasedText().isEmpty()) {
            giveBackHeld(decision.releasedText().length());
        } else if (decision.discardedCount() > 0) {
            swallowHeld(decision.discardedCount());
        }
        if (current != null) {
            switch (decision.key()) {
                case HOLD -> {
                    current.fate = Fate.HELD;
                    current.store(event);
                    held.add(current);
                }
                case PASS -> {
                    current.fate = Fate.DELIVERED;
                    replay(current.takeStoredEvents());
                    if (event != null && scene.getFocusOwner() != focusBefore && scene.getFocusOwner() != null) {
                        // the keys given back before it moved the focus (the sell screen's cart hands typing to
                        // the entry field): this key follows them there, as it would have from the keyboard
                        event.consume();
                        replay(List.of(event));
                    }
                }
                case CONSUME -> {
                    current.fate = Fate.CONSUMED;
                    current.forgetStoredEvents();
                    if (event != null) {
                        event.consume();
                    }
                }
                case NONE -> { }
            }
        }
        decision.scannedCode().ifPresent(scanSink);
        decision.rejection().ifPresent(rejectionSink);
    }

    private void giveBackHeld(int count) {
        checkHeldCount(count, "released");
        for (int i = 0; i < count && !held.isEmpty(); i++) {
            Keystroke keystroke = held.poll();
            keystroke.fate = Fate.DELIVERED;
            replay(keystroke.takeStoredEvents());
        }
    }

    private void swallowHeld(int count) {
        checkHeldCount(count, "discarded");
        for (int i = 0; i < count && !held.isEmpty(); i++) {
            Keystroke keystroke = held.poll();
            keystroke.fate = Fate.CONSUMED;
            keystroke.forgetStoredEvents();
        }
    }

    private void checkHeldCount(int count, String what) {
        if (count != held.size()) {
            log.error("wedge scanner bookkeeping is off: detector {} {} keystrokes but the filter held {}",
                    what, count, held.size());
        }
    }

    /** Re-fires kept-back events, each at whatever has the focus now, as the keyboard would have. */
    private void replay(List<KeyEvent> events) {
        replayDepth++;
        try {
            for (KeyEvent original : events) {
                Node focusOwner = scene.getFocusOwner();
                EventTarget target = focusOwner != null ? focusOwner : scene;
                Event.fireEvent(target, original.copyFor(target, target));
            }
        } finally {
            replayDepth--;
        }
    }

    /**
     * What the focused control expects, from its {@value FieldExpectation#PROPERTY} property or the
     * nearest ancestor's (a PIN pad may mark its whole pane); {@link FieldExpectation#CODE} when none says.
     */
    private FieldExpectation focusedExpectation() {
        for (Node node = scene.getFocusOwner(); node != null; node = node.getParent()) {
            if (node.hasProperties() && node.getProperties().containsKey(FieldExpectation.PROPERTY)) {
                return FieldExpectation.fromProperty(node.getProperties().get(FieldExpectation.PROPERTY));
            }
        }
        return FieldExpectation.CODE;
    }

    private void scheduleExpiry() {
        OptionalLong detectorDeadline = detector.expiryDeadlineNanos();
        boolean undecidedPress = lastPressed != null && lastPressed.fate == Fate.UNDECIDED;
        if (detectorDeadline.isEmpty() && !undecidedPress) {
            expiryTimer.stop();
            return;
        }
        long now = nanoTime.getAsLong();
        long wait = Long.MAX_VALUE;
        if (detectorDeadline.isPresent()) {
            wait = detectorDeadline.getAsLong() - now;
        }
        if (undecidedPress) {
            wait = Math.min(wait, lastPressedNanos + maxGapNanos + 1 - now);
        }
        // whole milliseconds, at least one: a timer that fires early is harmless (expire() checks), a zero one is not
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
        expiryTimer.stop();
        expiryTimer.setDuration(Duration.millis(waitMillis));
        expiryTimer.playFromStart();
    }

    private void onExpiry() {
        if (lastPressed != null && lastPressed.fate == Fate.UNDECIDED
                && nanoTime.getAsLong() - lastPressedNanos > maxGapNanos) {
            decideUndecidedPressAsNonText();
        } else {
            apply(detector.expire(), null, null);
        }
        scheduleExpiry();
    }

    private static boolean isModifier(KeyCode code) {
        return code.isModifierKey() || code == KeyCode.ALT_GRAPH || code == KeyCode.SHORTCUT
                || code == KeyCode.WINDOWS || code == KeyCode.COMMAND;
    }

    /** Ctrl or Meta without Alt: a shortcut. Ctrl+Alt is AltGr on Windows and types characters. */
    private static boolean isShortcut(KeyEvent event) {
        return event.isMetaDown() || (event.isControlDown() && !event.isAltDown());
    }

    private static WedgeTerminator terminatorOf(KeyEvent event) {
        if (event.isShiftDown() || event.isControlDown() || event.isAltDown() || event.isMetaDown()) {
            return null; // Shift+Tab, Ctrl+Enter and the like are a person's commands
        }
        return switch (event.getCode()) {
            case ENTER -> WedgeTerminator.ENTER;
            case TAB -> WedgeTerminator.TAB;
            default -> null;
        };
    }

    private static WedgeTerminator terminatorOf(char character) {
        return switch (character) {
            case '\r', '\n' -> WedgeTerminator.ENTER;
            case '\t' -> WedgeTerminator.TAB;
            default -> null;
        };
    }

    /** Whether a pressed key may type a character; only its KEY_TYPED will tell for sure. */
    private static boolean mayTypeText(KeyEvent event) {
        KeyCode code = event.getCode();
        if (isShortcut(event) || code.isFunctionKey() || code.isNavigationKey() || code.isArrowKey()
                || code.isMediaKey() || code.name().startsWith("DEAD_")) {
            return false;
        }
        return switch (code) {
            // Enter and Tab get here only with a modifier (Shift+Tab, ...) or when not ending a scan: commands
            case ENTER, TAB, ESCAPE, BACK_SPACE, DELETE, INSERT, CAPS, NUM_LOCK, SCROLL_LOCK, PRINTSCREEN, PAUSE,
                 CONTEXT_MENU, HELP, CANCEL, CLEAR, UNDO, AGAIN, COPY, CUT, PASTE, FIND, PROPS, STOP,
                 ALL_CANDIDATES, ALPHANUMERIC, CODE_INPUT, COMPOSE, CONVERT, NONCONVERT, ACCEPT, MODECHANGE,
                 KANA, KANJI, KANA_LOCK, HIRAGANA, KATAKANA, FULL_WIDTH, HALF_WIDTH, JAPANESE_HIRAGANA,
                 JAPANESE_KATAKANA, JAPANESE_ROMAN, INPUT_METHOD_ON_OFF, PREVIOUS_CANDIDATE, ROMAN_CHARACTERS,
                 FINAL, POWER, INFO, EJECT_TOGGLE -> false;
            default -> true;
        };
    }
}
